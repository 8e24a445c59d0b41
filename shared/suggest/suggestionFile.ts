import { z } from 'zod';
import { annotatorNameSchema, attributeValueSchema } from '../model/schemas';
import { SUGGESTER_NAMES, type Suggestion } from './types';

/**
 * .factmark/suggestions/<annotator>/<docId>.json: the suggestions computed for one annotator on one
 * document, and the ones that annotator rejected (never proposed again on this document). Not
 * annotations: nothing here is exported. See docs/project-format.md.
 */
export const SUGGESTIONS_SCHEMA_VERSION = 1;

const storedSuggestionSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    label: z.string().min(1).max(40),
    suggester: z.enum(SUGGESTER_NAMES),
    quote: z.string(),
    attributes: z.record(z.string(), attributeValueSchema).optional(),
    /** Claims: the claimant actor in the attribution frame (proposed as the attributed_to relation). */
    claimant: z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), quote: z.string() }).strict().optional(),
    /** The suggester's confidence, 0..1 (the threshold slider compares it). */
    score: z.number().min(0).max(1).optional(),
  })
  .strict();
const rejectionSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), label: z.string().min(1).max(40), quote: z.string() })
  .strict();

export const suggestionFileSchema = z
  .object({
    schemaVersion: z.literal(SUGGESTIONS_SCHEMA_VERSION),
    docId: z.string().min(1),
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    annotator: annotatorNameSchema,
    suggestions: z.array(storedSuggestionSchema),
    rejected: z.array(rejectionSchema),
    updatedAt: z.string().datetime(),
  })
  .strict();
export type SuggestionFile = z.infer<typeof suggestionFileSchema>;
export type StoredSuggestion = SuggestionFile['suggestions'][number];
export type Rejection = SuggestionFile['rejected'][number];

/** True when a rejection is the same proposal (same label, same characters at the same place). */
const rejects = (r: Rejection, s: { start: number; end: number; label: string }) => r.label === s.label && r.start === s.start && r.end === s.end;

/**
 * The stored form of fresh suggestions: rejected ones are left out, and rejections made against
 * another version of the text are dropped (their offsets no longer mean anything).
 */
export function storeSuggestions(
  text: string,
  fresh: readonly Suggestion[],
  previous: { textSha256: string; rejected: readonly Rejection[] } | null,
  textSha256: string,
): { suggestions: StoredSuggestion[]; rejected: Rejection[] } {
  const rejected = previous && previous.textSha256 === textSha256 ? previous.rejected.filter((r) => text.slice(r.start, r.end) === r.quote) : [];
  const suggestions = fresh
    .filter((s) => !rejected.some((r) => rejects(r, s)))
    .map((s) => ({
      start: s.start,
      end: s.end,
      label: s.label,
      suggester: s.suggester,
      quote: text.slice(s.start, s.end),
      ...(s.attributes ? { attributes: s.attributes } : {}),
      ...(s.claimant ? { claimant: { ...s.claimant, quote: text.slice(s.claimant.start, s.claimant.end) } } : {}),
      ...(s.score !== undefined ? { score: s.score } : {}),
    }));
  return { suggestions, rejected: [...rejected] };
}
