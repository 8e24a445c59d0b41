import { realpath } from 'node:fs/promises';
import { ok, type Result } from '../../shared/api/result';
import { exportHandlers } from '../services/exportHandlers';
import { tidyProject } from '../services/interruptedWrites';
import { readProjectFile } from '../services/projectStore';
import { guardAll, guarded } from '../services/serviceGuard';
import { unwritableReason } from '../services/writableProject';
import { VERSION } from '../version';

export type CliExportHandlers = ReturnType<typeof exportHandlers>;

/**
 * The export operations for one `factmark export`, and nothing else: the project is opened as
 * the app opens it (what a crash left is tidied first), but no project view, lock or settings
 * are built for a command that only reads (exportHandlers.ts). As annotator `annotator`; the
 * command line is the user's own, so `--out` may name any path.
 */
export async function openForExport(projectDir: string, annotator: string): Promise<Result<CliExportHandlers>> {
  return guarded(async () => {
    const read = await readProjectFile(projectDir);
    if (!read.ok) return read;
    const dir = await realpath(projectDir);
    if ((await unwritableReason(dir)) === null) await tidyProject(dir, new Date());
    const handlers = exportHandlers({
      annotator: async () => annotator,
      currentProject: async () => {
        const current = await readProjectFile(dir);
        return current.ok ? ok({ dir, project: current.value }) : current;
      },
      projectPath: () => dir,
      allowedOutDir: async () => true,
      now: () => new Date(),
      version: VERSION,
      trustedPaths: true,
    });
    return ok(guardAll(handlers));
  });
}
