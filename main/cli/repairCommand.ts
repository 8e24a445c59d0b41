import { resolve } from 'node:path';
import { ANNOTATOR_OPTIONS, cliAnnotator } from './annotator';
import { parseCommandArgs } from './args';
import { describeError, reportFailure, withCliService } from './cliService';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';

/**
 * factmark repair PROJECT_DIR [--annotator NAME] [--data-dir DIR] [--dry-run]: after texts changed under their
 * annotations (a git pull, an edit), move every span found again with full confidence and keep the
 * others as orphans for the annotator to place or drop in the app (docs/project-format.md, "Text
 * drift"). --dry-run only reports what would happen.
 */
export async function repairCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...ANNOTATOR_OPTIONS, 'dry-run': { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('repair needs exactly one PROJECT_DIR.');
  const cwd = io.cwd ?? process.cwd();
  const projectDir = resolve(cwd, positionals[0]!);
  const { name: annotator } = await cliAnnotator(values, cwd);
  const dryRun = values['dry-run'] === true;

  return withCliService(io, { annotator }, async (handlers) => {
    const opened = await handlers.openProject({ path: projectDir });
    if (!opened.ok) {
      return reportFailure(io, 'repair', opened.error);
    }
    const changed = opened.value.documents.filter((d) => d.textChanged);
    if (changed.length === 0) {
      io.stdout(`No document of ${annotator} needs a repair: every text matches its annotations.\n`);
      return EXIT_OK;
    }
    let failed = 0;
    let moved = 0;
    let orphans = 0;
    for (const summary of changed) {
      const doc = await handlers.getDocument({ docId: summary.id });
      if (!doc.ok || !doc.value.drift) {
        failed++;
        io.stderr(`${summary.id}: ${doc.ok ? 'no repair proposal.' : describeError(doc.error)}\n`);
        continue;
      }
      const { drift } = doc.value;
      moved += drift.moved.length;
      orphans += drift.orphans.length;
      const names = drift.orphans.map((o) => `"${o.quote.length > 40 ? `${o.quote.slice(0, 39)}…` : o.quote}" (${o.reason})`);
      io.stdout(`${summary.id}: ${drift.moved.length} span(s) move, ${drift.orphans.length} orphan(s)${names.length ? `: ${names.join(', ')}` : ''}\n`);
      if (dryRun) continue;
      const repaired = await handlers.repairDrift({ docId: summary.id, textSha256: drift.textSha256, place: [], drop: [] });
      if (!repaired.ok) {
        failed++;
        io.stderr(`${summary.id}: ${describeError(repaired.error)}\n`);
      }
    }
    io.stdout(
      `${dryRun ? 'Would repair' : 'Repaired'} ${changed.length - failed} document(s): ${moved} span(s) moved, ${orphans} orphan(s)` +
        `${orphans ? ' left to place or drop in the app' : ''}.${dryRun ? ' Nothing was written.' : ''}\n`,
    );
    return failed ? EXIT_FAILURE : EXIT_OK;
  });
}
