import type { FactmarkHandlers, OperationOutput, ParsedInput } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import { importDataset, inspectFiles } from './datasetImporter';
import { importDocuments, type ImportFile } from './documentImporter';
import { createImportJobs, type ImportProgress } from './importJobs';
import { readProjectFile } from './projectStore';
import type { ServiceCore } from './serviceCore';
import { guarded } from './serviceGuard';
import { unwritableReason } from './writableProject';

/** What the import operations need from the service (serviceCore.ts). */
export type ImportHost = Pick<ServiceCore, 'currentProject' | 'annotator' | 'lockStatus' | 'view' | 'now'>;

type ImportOperations = 'importDocuments' | 'inspectDataset' | 'importDataset' | 'startImportDataset' | 'importStatus';

/** Import files from the contract (base64) as bytes; refuses the whole request if one is garbled. */
function decodeImportFiles(files: readonly { name: string; base64: string }[]): Result<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const f of files) {
    const b64 = f.base64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
      return fail('invalid-input', `${f.name} did not arrive intact (its contents are not valid base64); nothing was imported.`);
    }
    out.push({ name: f.name, bytes: new Uint8Array(Buffer.from(b64, 'base64')) });
  }
  return ok(out);
}

/** The import operations of the contract: articles (documentImporter.ts) and annotated datasets (datasetImporter.ts), the latter also as a job. */
export function importHandlers(host: ImportHost): Pick<FactmarkHandlers, ImportOperations> {
  const { now, annotator } = host;
  const importJobs = createImportJobs();

  /** A dataset import (importDataset, startImportDataset), with its progress when asked for. */
  async function runDatasetImport({ files, format, labels }: ParsedInput<'importDataset'>, progress?: ImportProgress): Promise<Result<OperationOutput<'importDataset'>>> {
    const current = await host.currentProject();
    if (!current.ok) return current;
    const { dir, project } = current.value;
    const decoded = decodeImportFiles(files);
    if (!decoded.ok) return decoded;
    const who = await annotator();
    const readOnly = await host.lockStatus(dir, who);
    if (readOnly !== null) return fail('read-only', `${readOnly} Nothing was imported.`);
    const outcome = await importDataset({
      dir,
      project,
      annotator: who,
      files: decoded.value,
      format,
      decisions: labels,
      now: now(),
      ...(progress ? { onStep: progress.step, onProgress: progress.file } : {}),
    });
    if (!outcome.ok) return fail('import-refused', outcome.message);
    const after = await readProjectFile(dir);
    const finalProject = after.ok ? after.value : project;
    return ok({ files: outcome.files, addedLabels: outcome.addedLabels, project: await host.view(dir, finalProject, who) });
  }

  return {
    importDocuments: async ({ files }) => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      const { dir, project } = current.value;
      const unwritable = await unwritableReason(dir);
      if (unwritable !== null) return fail('read-only', `${unwritable} Nothing was imported.`);
      const decoded: ImportFile[] = [];
      const refused = new Map<number, string>();
      files.forEach((f, i) => {
        const b64 = f.base64.replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
          refused.set(i, `${f.name} did not arrive intact (its contents are not valid base64).`);
        }
        decoded.push({ name: f.name, bytes: refused.has(i) ? new Uint8Array() : Buffer.from(b64, 'base64') });
      });
      const imported = await importDocuments(
        dir,
        decoded.filter((_, i) => !refused.has(i)),
        now(),
      );
      // Results in the order the files were given.
      let next = 0;
      const results = files.map((f, i) => {
        const reason = refused.get(i);
        if (reason !== undefined) return { name: f.name, ok: false, notices: [], error: reason };
        const result = imported[next++];
        if (!result) throw new Error('importer returned fewer results than files');
        return result;
      });
      return ok({ results, project: await host.view(dir, project, await annotator()) });
    },

    inspectDataset: async ({ files, format }) => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      const decoded = decodeImportFiles(files);
      if (!decoded.ok) return decoded;
      return ok(inspectFiles(decoded.value, format, current.value.project));
    },

    importDataset: (input) => runDatasetImport(input),

    startImportDataset: async (input) => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      return ok({ jobId: importJobs.start((progress) => guarded(() => runDatasetImport(input, progress))) });
    },

    importStatus: async ({ jobId }) => {
      const status = importJobs.status(jobId);
      return status ? ok(status) : fail('not-found', 'That import is not known to this window (it may have finished long ago).');
    },
  };
}
