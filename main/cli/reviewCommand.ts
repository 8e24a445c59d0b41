import { resolve } from 'node:path';
import { VERSION } from '../version';
import { readProjectFile } from '../services/projectStore';
import { projectReview, writeReviewSet } from '../services/reviewService';
import { ANNOTATOR_OPTIONS, cliAnnotator, describeAnnotator } from './annotator';
import { parseCommandArgs } from './args';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';
import { listAnnotators } from '../services/projectStore';

/**
 * factmark review --out DIR [--annotator NAME] [--data-dir DIR] [--json] [--all-pairs] PROJECT_DIR
 * Writes the review set (review.html, review.json, review.csv) of the project's claims clustered
 * across documents, with the reviewer's decisions from claims.json applied, into DIR.
 * Annotator: as for every command (annotator.ts); when that one has no annotations here, the
 * project's only annotator (and the output names whose claims they are).
 * --all-pairs scores every pair of claims instead of the candidate pairs (same clusters, slowly:
 * it is there to check that; `npm run bench` does).
 */
export async function reviewCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { out: { type: 'string' }, ...ANNOTATOR_OPTIONS, json: { type: 'boolean' }, 'all-pairs': { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('review needs exactly one PROJECT_DIR.');
  if (values.out === undefined) throw new UsageError('review needs --out DIR, the folder to write review.html, review.json and review.csv into.');
  const cwd = io.cwd ?? process.cwd();
  const dir = resolve(cwd, positionals[0]!);
  const project = await readProjectFile(dir);
  if (!project.ok) {
    io.stderr(`factmark review: ${project.error.message}\n`);
    return EXIT_FAILURE;
  }
  const annotators = await listAnnotators(dir);
  const chosen = await cliAnnotator(values, cwd);
  const only = chosen.source !== 'option' && !annotators.includes(chosen.name) && annotators.length === 1 ? annotators[0] : undefined;
  const annotator = only ?? chosen.name;
  if (!annotators.includes(annotator)) {
    io.stderr(`factmark review: ${dir} has no annotations by ${describeAnnotator(chosen)}${annotators.length ? ` (annotators: ${annotators.join(', ')}); pass --annotator NAME` : ''}.\n`);
    return EXIT_FAILURE;
  }
  const review = await projectReview(dir, annotator, values['all-pairs'] === true ? { pairing: 'all' } : {});
  for (const p of review.problems) io.stderr(`warning: ${p}\n`);
  const outDir = resolve(cwd, values.out);
  const files = await writeReviewSet(outDir, review, { project: project.value.name, annotator, createdAt: new Date().toISOString(), factmarkVersion: VERSION });
  const conflicts = review.clusters.filter((c) => c.flags.some((f) => f.kind === 'number-conflict')).length;
  const attribution = review.clusters.filter((c) => c.flags.some((f) => f.kind !== 'number-conflict')).length;
  const multi = review.clusters.filter((c) => c.outlets > 1).length;
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ project: dir, annotator, claims: review.claims, clusters: review.clusters.length, multiOutlet: multi, conflicts, attributionFlags: attribution, decisions: review.decisions, staleDecisions: review.staleDecisions, files }, null, 2)}\n`);
  } else {
    io.stdout(
      `${dir}: ${review.claims} claims by ${annotator} in ${review.clusters.length} clusters (${multi} across outlets); ${conflicts} with numbers that disagree, ${attribution} with attribution differences; ${review.decisions} reviewer decisions applied${review.staleDecisions ? ` (${review.staleDecisions} stale)` : ''}.\n${files.map((f) => `  wrote ${f}\n`).join('')}`,
    );
  }
  return EXIT_OK;
}
