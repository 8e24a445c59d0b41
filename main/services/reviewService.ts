import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import { annotationFileSchema, entitiesFileSchema } from '../../shared/model/schemas';
import { claimsFileJson, claimsFileSchema, emptyClaimsFile, type ClaimsFile, type ReviewDecisionInput } from '../../shared/review/claimsFile';
import type { ReviewDocument } from '../../shared/review/collectClaims';
import { DEFAULT_THRESHOLD, type Pairing } from '../../shared/review/cluster';
import { buildReview } from '../../shared/review/review';
import { reviewCsvChunks, reviewHtmlChunks, reviewJsonChunks, type ReviewSetInfo } from '../../shared/review/reviewExport';
import type { ReviewView } from '../../shared/review/types';
import { readJsonFile, readJsonFileSync, writeFileAtomic } from './atomicJson';
import { ClaimTermsReader } from './reviewTerms';
import { entitiesPath } from './entityStore';
import { annotationPath, documentTextPath, listDocuments, SYNC_BATCH } from './projectStore';
import { readProjectBytesSync } from './projectFiles';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Claim review (docs/review.md): the project's claims clustered across documents, with
 * the reviewer's decisions from claims.json replayed over the suggestions. Reads one annotator's
 * annotation files; claims.json is shared by the project like entities.json.
 */
export const claimsFilePath = (dir: string) => join(dir, 'claims.json');

/** claims.json: missing means no decisions yet; an invalid file is reported and never written over. */
export async function readClaimsFile(dir: string): Promise<{ file: ClaimsFile; problem: string | null }> {
  const path = claimsFilePath(dir);
  const read = await readJsonFile(path, claimsFileSchema);
  if (read.ok) return { file: read.value, problem: null };
  if (read.reason === 'missing') return { file: emptyClaimsFile(), problem: null };
  return {
    file: emptyClaimsFile(),
    problem: `${path} could not be read (${read.message}); the review shows suggestions only and no decision can be saved until it is fixed or removed.`,
  };
}

/** The documents with this annotator's annotations; a file made against another text is left out, and said. */
async function reviewDocuments(dir: string, annotator: string, terms: ClaimTermsReader): Promise<{ documents: ReviewDocument[]; problems: string[] }> {
  // Synchronous reads, yielding to the event loop every SYNC_BATCH files (as exports do): for
  // 20,000 small files that is about half the time of fs/promises' open/fstat/read/close round trips.
  const listing = await listDocuments(dir, { sync: true });
  const documents: ReviewDocument[] = [];
  const problems: string[] = [];
  for (const [i, meta] of listing.documents.entries()) {
    if (i > 0 && i % SYNC_BATCH === 0) {
      await yieldToEventLoop();
      if (terms.failure) throw terms.failure;
    }
    const file = annotationPath(dir, annotator, meta.id);
    const read = readJsonFileSync(file, annotationFileSchema);
    if (!read.ok) {
      if (read.reason === 'invalid') problems.push(`${file} is invalid (${read.message}); its claims are left out.`);
      continue;
    }
    if (read.value.textSha256 !== meta.textSha256) {
      problems.push(`The text of "${meta.title || meta.id}" changed after it was annotated; its claims are left out until it is repaired.`);
      continue;
    }
    // The text is read only when a claim has no claimant relation: its frame is looked for there (deriveClaimant.ts).
    const attributed = new Set((read.value.relations ?? []).filter((r) => r.type === 'attributed_to').map((r) => r.from));
    const needsText = read.value.spans.some((s) => s.label === 'claim' && !attributed.has(s.id));
    const text = needsText ? readText(dir, meta.id, problems) : undefined;
    // Their terms are read on the workers while the next files are read.
    terms.add(read.value.spans.filter((s) => s.label === 'claim').map((s) => s.quote));
    documents.push({ meta: { id: meta.id, title: meta.title, outlet: meta.outlet }, annotation: read.value, ...(text !== undefined ? { text } : {}) });
  }
  return { documents, problems };
}

/** A document's text; when it cannot be read its claims are reviewed without derived claimants, and that is said. */
function readText(dir: string, docId: string, problems: string[]): string | undefined {
  const file = documentTextPath(dir, docId);
  let why: string;
  try {
    const read = readProjectBytesSync(file, 'text');
    if (read.ok) return read.bytes.toString('utf8');
    why = read.reason === 'missing' ? 'it is missing' : read.message;
  } catch (err) {
    why = err instanceof Error ? err.message : String(err);
  }
  problems.push(`${file} could not be read (${why}); claimants of its claims are not derived from the text.`);
  return undefined;
}

/**
 * The review of one annotator's claims. `pairing: 'all'` scores every pair of claims instead of
 * the candidate pairs (`factmark review --all-pairs`): the same clusters, slowly; for checking.
 */
export async function projectReview(dir: string, annotator: string, opts: { pairing?: Pairing } = {}): Promise<ReviewView> {
  const reader = new ClaimTermsReader();
  const { documents, problems } = await reviewDocuments(dir, annotator, reader).catch((err: unknown) => {
    reader.cancel();
    throw err;
  });
  const terms = await reader.done();
  const entities = await readJsonFile(entitiesPath(dir), entitiesFileSchema);
  const claims = await readClaimsFile(dir);
  if (claims.problem) problems.push(claims.problem);
  const decisions = claims.file.decisions.filter((d) => d.annotator === annotator);
  const result = buildReview(documents, entities.ok ? entities.value.entities : [], decisions, { threshold: DEFAULT_THRESHOLD, terms, ...(opts.pairing ? { pairing: opts.pairing } : {}) });
  return { ...result, annotator, decisions: decisions.length, problems };
}

/** Append one decision to claims.json (atomic write) and answer the review with it applied. */
export async function saveReviewDecision(dir: string, annotator: string, decision: ReviewDecisionInput, now: Date): Promise<Result<ReviewView>> {
  const claims = await readClaimsFile(dir);
  if (claims.problem) return fail('invalid-project', claims.problem, claimsFilePath(dir));
  const before = await projectReview(dir, annotator);
  const known = new Set(before.clusters.flatMap((c) => c.claims.map((m) => m.key)));
  for (const key of [decision.claim, ...('target' in decision ? [decision.target] : [])]) {
    if (!known.has(key)) return fail('not-found', `There is no claim ${key} in ${annotator}'s annotations any more; reload the review.`);
  }
  if ('target' in decision && decision.target === decision.claim) return fail('invalid-input', 'A claim cannot be merged with or moved to itself.');
  const at = now.toISOString();
  const id = `${at.replace(/[^0-9]/g, '')}-${claims.file.decisions.length + 1}`;
  const file: ClaimsFile = { ...claims.file, decisions: [...claims.file.decisions, { ...decision, id, annotator, at }] };
  await writeFileAtomic(claimsFilePath(dir), claimsFileJson(file));
  return ok(await projectReview(dir, annotator));
}

/** Remove this annotator's last decision (undo) and answer the review without it. */
export async function undoReviewDecision(dir: string, annotator: string): Promise<Result<ReviewView>> {
  const claims = await readClaimsFile(dir);
  if (claims.problem) return fail('invalid-project', claims.problem, claimsFilePath(dir));
  let last = -1;
  claims.file.decisions.forEach((d, i) => {
    if (d.annotator === annotator) last = i;
  });
  if (last < 0) return fail('not-found', 'There is no review decision to undo.');
  const file: ClaimsFile = { ...claims.file, decisions: claims.file.decisions.filter((_, i) => i !== last) };
  await writeFileAtomic(claimsFilePath(dir), claimsFileJson(file));
  return ok(await projectReview(dir, annotator));
}

export const REVIEW_SET_FILES = ['review.html', 'review.json', 'review.csv'] as const;

/** Write the review set (HTML report, JSON, CSV) into a folder; each file atomically, piece by piece. */
export async function writeReviewSet(outDir: string, review: ReviewView, info: ReviewSetInfo): Promise<string[]> {
  const files = [
    [join(outDir, 'review.html'), reviewHtmlChunks(review, info)],
    [join(outDir, 'review.json'), reviewJsonChunks(review, info)],
    [join(outDir, 'review.csv'), reviewCsvChunks(review)],
  ] as const;
  for (const [path, content] of files) await writeFileAtomic(path, content);
  return files.map(([path]) => path);
}
