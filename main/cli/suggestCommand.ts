import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { SUGGEST_LABELS, type SuggestLabel } from '../../shared/suggest/suggest';
import { SUGGESTIONS_SCHEMA_VERSION, storeSuggestions, suggestionFileSchema } from '../../shared/suggest/suggestionFile';
import { readJsonFile, writeJsonAtomic } from '../services/atomicJson';
import { mapLimit } from '../services/mapLimit';
import { createSuggestPool } from '../services/suggestWorkerPool';
import { ANNOTATOR_OPTIONS, cliAnnotator } from './annotator';
import { parseCommandArgs } from './args';
import { EXIT_OK, UsageError, type CliIo } from './io';
import { entityNames, knownActors } from '../services/gazetteer';
import { annotatorFiles, projectDocIds, readDocText } from './projectSpans';

/** Where one annotator's suggestions for one document are kept (docs/project-format.md). */
export const suggestionsPath = (dir: string, annotator: string, docId: string) => join(dir, '.factmark', 'suggestions', annotator, `${docId}.json`);

/**
 * factmark suggest [--labels number,actor,claim] [--annotator NAME] [--data-dir DIR] PROJECT_DIR
 * Computes suggestions for every document and stores them (not as annotations) for the annotator:
 * spans already tagged with the same label and suggestions the annotator rejected are left out.
 */
export async function suggestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { labels: { type: 'string' }, ...ANNOTATOR_OPTIONS, json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('suggest needs exactly one PROJECT_DIR.');
  const labels = (values.labels ?? SUGGEST_LABELS.join(',')).split(',').map((l) => l.trim()).filter(Boolean);
  for (const l of labels) if (!(SUGGEST_LABELS as readonly string[]).includes(l)) throw new UsageError(`--labels takes ${SUGGEST_LABELS.join(', ')}, not "${l}".`);
  const cwd = io.cwd ?? process.cwd();
  const dir = resolve(cwd, positionals[0]!);
  const docIds = await projectDocIds(dir);
  const { name: annotator } = await cliAnnotator(values, cwd);
  const known = await knownActors(dir);
  const entities = await entityNames(dir);
  const existing = new Map((await annotatorFiles(dir, annotator)).map((f) => [f.docId, f.spans] as const));
  const started = Date.now();
  const perLabel: Record<string, number> = {};
  let done = 0;
  // The suggesters run in worker threads (one per core, up to 4); this thread reads and writes files.
  const threads = Math.max(1, Math.min(4, availableParallelism()));
  const pool = createSuggestPool({ size: threads });
  try {
    await mapLimit(docIds, threads * 2, async (docId) => {
      const { text, sha256 } = await readDocText(dir, docId);
      // The annotator's learning (.factmark/learning/) applies, as in the app.
      const fresh = await pool.suggest(text, { labels: labels as SuggestLabel[], known, entities, existing: existing.get(docId) ?? [] }, { dir, annotator });
      const file = suggestionsPath(dir, annotator, docId);
      const previous = await readJsonFile(file, suggestionFileSchema);
      const stored = storeSuggestions(text, fresh, previous.ok ? previous.value : null, sha256);
      await writeJsonAtomic(file, {
        schemaVersion: SUGGESTIONS_SCHEMA_VERSION,
        docId,
        textSha256: sha256,
        annotator,
        suggestions: stored.suggestions,
        rejected: stored.rejected,
        updatedAt: new Date().toISOString(),
      });
      for (const s of stored.suggestions) perLabel[s.label] = (perLabel[s.label] ?? 0) + 1;
      done++;
      if (values.json !== true && (done % 100 === 0 || done === docIds.length)) io.stderr(`[${done}/${docIds.length}] documents suggested\n`);
    });
  } finally {
    await pool.close();
  }
  const seconds = (Date.now() - started) / 1000;
  if (values.json === true) io.stdout(`${JSON.stringify({ project: dir, annotator, documents: docIds.length, suggestions: perLabel, seconds, workerThreads: pool.threaded ? threads : 0 }, null, 2)}\n`);
  else {
    const counts = Object.entries(perLabel).sort().map(([l, n]) => `${n} ${l}`).join(', ') || 'none';
    io.stdout(`${dir}: ${docIds.length} documents, suggestions for ${annotator}: ${counts} (${seconds.toFixed(1)} s, ${docIds.length ? ((seconds * 1000) / docIds.length).toFixed(1) : 0} ms per document, ${pool.threaded ? `${threads} worker thread${threads === 1 ? '' : 's'}` : 'in this thread'}).\n`);
  }
  return EXIT_OK;
}
