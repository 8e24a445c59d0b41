import { resolve } from 'node:path';
import { describeOutcome } from '../../shared/sync/describeSync';
import { ANNOTATOR_OPTIONS, cliAnnotator } from './annotator';
import { parseCommandArgs } from './args';
import { reportFailure, withCliService } from './cliService';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';

/**
 * factmark sync [--remote URL] [--annotator NAME] [--data-dir DIR] [--keep mine|theirs | --abort] [--json] PROJECT_DIR
 * Commit the annotator's own files and the project files, fetch, merge, push (main/services/gitSync.ts),
 * and print what came in. A conflict in a project file stops the sync (exit 1) until it is
 * settled: in the app, or here with --keep (every conflicted file) or --abort.
 */
export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    remote: { type: 'string' },
    ...ANNOTATOR_OPTIONS,
    keep: { type: 'string' },
    abort: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('sync needs exactly one PROJECT_DIR.');
  if (values.keep !== undefined && values.keep !== 'mine' && values.keep !== 'theirs') throw new UsageError(`--keep must be mine or theirs, not "${values.keep}".`);
  if (values.keep !== undefined && values.abort) throw new UsageError('--keep contradicts --abort.');
  const cwd = io.cwd ?? process.cwd();
  const dir = resolve(cwd, positionals[0] as string);
  const { name: annotator } = await cliAnnotator(values, cwd);

  return withCliService(io, { annotator }, async (h) => {
    const opened = await h.openProject({ path: dir });
    if (!opened.ok) return reportFailure(io, 'sync', opened.error);
    if (values.remote !== undefined) {
      const set = await h.setSyncRemote({ url: values.remote });
      if (!set.ok) return reportFailure(io, 'sync', set.error);
      if (values.json !== true) io.stderr(`Remote set to ${set.value.remote ?? values.remote}${set.value.createdRemote ? ' (a new shared repository was created there)' : ''}.\n`);
    }
    const settle = values.abort === true || values.keep !== undefined;
    let result;
    if (settle) {
      const status = await h.getSyncStatus({});
      if (!status.ok) return reportFailure(io, 'sync', status.error);
      const files = status.value.conflict?.files ?? [];
      result = await h.resolveSyncConflict({
        abort: values.abort === true,
        resolutions: values.abort ? [] : files.map((f) => ({ path: f.path, choice: values.keep as 'mine' | 'theirs' })),
      });
    } else {
      result = await h.syncProject({});
    }
    if (!result.ok) return reportFailure(io, 'sync', result.error);
    const { outcome } = result.value;
    if (values.json === true) {
      io.stdout(`${JSON.stringify(outcome, null, 2)}\n`);
    } else {
      io.stdout(`${dir} (annotator ${annotator}):\n${describeOutcome(outcome).map((l) => `  ${l}`).join('\n')}\n`);
      if (outcome.state === 'conflict') io.stdout('  Settle it in the app (Sync), or run factmark sync --keep mine|theirs, or --abort.\n');
    }
    return outcome.state === 'conflict' ? EXIT_FAILURE : EXIT_OK;
  });
}
