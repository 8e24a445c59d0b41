import { join } from 'node:path';
import type { SuggestionView } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import type { AnnotationFile } from '../../shared/model/schemas';
import { SUGGESTIONS_SCHEMA_VERSION, storeSuggestions, suggestionFileSchema, type Rejection } from '../../shared/suggest/suggestionFile';
import { entityNames, knownActors } from './gazetteer';
import { readJsonFile, writeJsonAtomic } from './atomicJson';
import { learnFromRejection, learningSettled } from './learningService';
import { defaultThresholds } from '../../shared/suggest/thresholds';
import { loadSuggestModel } from './suggestModelFile';
import type { SuggestPool } from './suggestWorkerPool';

/** Where one annotator's suggestions for one document are kept (docs/project-format.md). */
export const suggestionFilePath = (dir: string, annotator: string, docId: string) => join(dir, '.factmark', 'suggestions', annotator, `${docId}.json`);

/** The id of a suggestion: stable while the text does not change. */
export const suggestionId = (s: { start: number; end: number; label: string }) => `${s.label}:${s.start}-${s.end}`;

export interface SuggestionContext {
  dir: string;
  who: string;
  docId: string;
  text: string;
  sha256: string;
  stored: AnnotationFile | null;
  now: string;
  /** Where the suggesters run: a worker thread, so this process keeps answering meanwhile. */
  pool: SuggestPool;
}

async function compute(ctx: SuggestionContext, extraRejection?: Rejection) {
  const file = suggestionFilePath(ctx.dir, ctx.who, ctx.docId);
  const previous = await readJsonFile(file, suggestionFileSchema);
  const known = await knownActors(ctx.dir);
  const existing = (ctx.stored?.spans ?? []).map((s) => ({ start: s.start, end: s.end, label: s.label }));
  // The decisions made so far are learned first (learningService.ts).
  await learningSettled(ctx.dir, ctx.who);
  const fresh = await ctx.pool.suggest(ctx.text, { known, entities: await entityNames(ctx.dir), existing }, { dir: ctx.dir, annotator: ctx.who });
  // Rejections made against another version of the text no longer mean anything.
  const kept = previous.ok && previous.value.textSha256 === ctx.sha256 ? previous.value.rejected : [];
  const same = (r: Rejection) => extraRejection && r.start === extraRejection.start && r.end === extraRejection.end && r.label === extraRejection.label;
  const rejected = extraRejection ? [...kept.filter((r) => !same(r)), extraRejection] : kept;
  const stored = storeSuggestions(ctx.text, fresh, { textSha256: ctx.sha256, rejected }, ctx.sha256);
  return { file, stored };
}

const view = (list: ReturnType<typeof storeSuggestions>['suggestions']): SuggestionView[] =>
  list.map((s) => ({ id: suggestionId(s), start: s.start, end: s.end, label: s.label, suggester: s.suggester,
    ...(s.attributes ? { attributes: s.attributes } : {}),
    ...(s.claimant ? { claimant: s.claimant } : {}),
    ...(s.score !== undefined ? { score: s.score } : {}),
  }));

/** Suggestions for one document: computed from its text and the project's learning, minus rejections and spans already tagged; with the default thresholds. */
export async function documentSuggestions(ctx: SuggestionContext): Promise<Result<{ suggestions: SuggestionView[]; thresholds: Record<string, number> }>> {
  const { stored } = await compute(ctx);
  return ok({ suggestions: view(stored.suggestions), thresholds: defaultThresholds(loadSuggestModel().model) });
}

/** Record a rejection in the suggestions file (atomic write) and answer the suggestions left. */
export async function rejectDocumentSuggestion(
  ctx: SuggestionContext,
  target: { suggestionId?: string; span?: { start: number; end: number; label: string } },
): Promise<Result<{ suggestions: SuggestionView[] }>> {
  let span = target.span;
  if (!span && target.suggestionId) {
    const match = /^(.+):(\d+)-(\d+)$/.exec(target.suggestionId);
    if (!match) return fail('invalid-input', `"${target.suggestionId}" is not a suggestion id (label:start-end).`);
    span = { label: match[1]!, start: Number(match[2]), end: Number(match[3]) };
  }
  if (!span || span.end <= span.start || span.end > ctx.text.length) {
    return fail('invalid-input', 'The rejected suggestion is outside the document text; reload the document and try again.');
  }
  const rejection: Rejection = { start: span.start, end: span.end, label: span.label, quote: ctx.text.slice(span.start, span.end) };
  // A rejection is evidence: it teaches the project's suggesters (learned before the next suggestions).
  const learning = learnFromRejection({ dir: ctx.dir, who: ctx.who, docId: ctx.docId, text: ctx.text, sha256: ctx.sha256, now: ctx.now, pool: ctx.pool }, span);
  learning.catch((err: unknown) => console.warn(`Factmark: learning from a rejection failed: ${err instanceof Error ? err.message : String(err)}`));
  const { file, stored } = await compute(ctx, rejection);
  await writeJsonAtomic(file, {
    schemaVersion: SUGGESTIONS_SCHEMA_VERSION,
    docId: ctx.docId,
    textSha256: ctx.sha256,
    annotator: ctx.who,
    suggestions: stored.suggestions,
    rejected: stored.rejected,
    updatedAt: ctx.now,
  });
  return ok({ suggestions: view(stored.suggestions) });
}
