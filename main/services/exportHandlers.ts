import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import type { FactmarkHandlers, ParsedInput } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import { NEED_ANNOTATOR } from './annotatorContext';
import { readExportedFiles } from './exportDownload';
import { noteExportInFlight, sweepExportDestination } from './interruptedWrites';
import { checkExportRecords, exportProject, previewExport, type ExportRequest } from './projectExporter';
import { createExportJobs } from './exportJobs';
import { exportsDir } from './projectStore';
import type { ServiceCore } from './serviceCore';
import type { ServiceOptions } from './serviceOptions';
import { unwritableReason } from './writableProject';

/** What the export operations need from the service (serviceCore.ts) and its options. */
export type ExportHost = Pick<ServiceCore, 'annotator' | 'currentProject' | 'projectPath' | 'allowedOutDir' | 'now'> &
  Pick<ServiceOptions, 'version' | 'trustedPaths'>;

type ExportOperations = 'exportProject' | 'previewExport' | 'startExport' | 'exportStatus' | 'exportedFiles' | 'checkExport';

/**
 * Run an export with its destination noted, so a crash's temp files there are tidied at the
 * next start (interruptedWrites.ts); earlier crashes' leftovers there are tidied first.
 */
export async function exportNoted<T>(req: ExportRequest, run: () => Promise<T>): Promise<T> {
  const out = req.options.outPath;
  const requested = out === undefined ? null : isAbsolute(out) ? out : resolvePath(req.dir, out);
  const folders = requested === null ? [exportsDir(req.dir)] : [requested, dirname(requested)];
  await sweepExportDestination(folders);
  const forget = (await unwritableReason(req.dir)) === null ? await noteExportInFlight(req.dir, folders) : async () => undefined;
  try {
    return await run();
  } finally {
    await forget();
  }
}

/** The export operations of the contract: preview, check, export (at once or as a job) and the exported files (projectExporter.ts). */
export function exportHandlers(host: ExportHost): Pick<FactmarkHandlers, ExportOperations> {
  const exportJobs = createExportJobs();

  /** What every export operation needs: the open project, the annotator and the options. */
  async function exportRequest(options: ParsedInput<'exportProject'>): Promise<Result<ExportRequest>> {
    const who = await host.annotator();
    if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
    const current = await host.currentProject();
    if (!current.ok) return current;
    // Every export operation (exportProject, startExport) is confined alike.
    const projectPath = host.projectPath();
    if (options.outPath !== undefined && !host.trustedPaths && projectPath !== null) {
      if (!(await host.allowedOutDir(options.outPath, projectPath))) {
        return fail(
          'invalid-input',
          `Exports from the app go inside the project folder or a folder picked with Choose…; ${options.outPath} is outside them. To write elsewhere, use \`factmark export --out\`.`,
        );
      }
    }
    return ok({ dir: current.value.dir, project: current.value.project, annotator: who, options, version: host.version, now: host.now() });
  }

  return {
    exportProject: async (options) => {
      const req = await exportRequest(options);
      return req.ok ? exportNoted(req.value, () => exportProject(req.value)) : req;
    },

    previewExport: async (options) => {
      const req = await exportRequest(options);
      return req.ok ? previewExport(req.value) : req;
    },

    startExport: async (options) => {
      const req = await exportRequest(options);
      if (!req.ok) return req;
      return ok({ jobId: exportJobs.start((onProgress) => exportNoted(req.value, () => exportProject({ ...req.value, onProgress }))) });
    },

    exportStatus: async ({ jobId }) => {
      const status = exportJobs.status(jobId);
      return status ? ok(status) : fail('not-found', 'That export is not known to this window (it may have finished long ago); start it again.');
    },

    exportedFiles: async ({ jobId }) => {
      const report = exportJobs.status(jobId)?.result;
      return report ? readExportedFiles(report) : fail('not-found', 'That export is not finished or not known to this window; its files are in the project’s exports folder.');
    },

    checkExport: async (options) => {
      const req = await exportRequest({ ...options, outPath: undefined });
      return req.ok ? checkExportRecords(req.value) : req;
    },
  };
}
