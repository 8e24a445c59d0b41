import { z } from 'zod';
import { annotatorNameSchema } from '../model/schemas';

/**
 * claims.json (project root): the reviewer's decisions over the suggested claim clusters, kept so
 * they are never recomputed over. Each decision names claims by "<docId>/<spanId>" of one
 * annotator's files; decisions are replayed in order over freshly computed suggestions
 * (decisions.ts). See docs/project-format.md.
 */
export const CLAIMS_SCHEMA_VERSION = 1;

export const claimRefSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}\/[^/\s]{1,64}$/, 'a claim is named "<docId>/<spanId>"');

export const reviewDecisionSchema = z.discriminatedUnion('op', [
  /** Put every claim of `target`'s cluster into `claim`'s cluster. */
  z.object({ op: z.literal('merge'), claim: claimRefSchema, target: claimRefSchema }).strict(),
  /** Take `claim` out of its cluster into one of its own. */
  z.object({ op: z.literal('split'), claim: claimRefSchema }).strict(),
  /** Move `claim` into `target`'s cluster. */
  z.object({ op: z.literal('move'), claim: claimRefSchema, target: claimRefSchema }).strict(),
]);
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

export const storedDecisionSchema = z.intersection(
  reviewDecisionSchema,
  z.object({ id: z.string().min(1).max(64), annotator: annotatorNameSchema, at: z.string().datetime({ offset: true }) }),
);
export type StoredDecision = z.infer<typeof storedDecisionSchema>;

export const claimsFileSchema = z
  .object({
    schemaVersion: z.literal(CLAIMS_SCHEMA_VERSION),
    decisions: z.array(storedDecisionSchema).max(100_000),
  })
  .strict();
export type ClaimsFile = z.infer<typeof claimsFileSchema>;

export const emptyClaimsFile = (): ClaimsFile => ({ schemaVersion: CLAIMS_SCHEMA_VERSION, decisions: [] });

/** The file's JSON with a fixed key order (stable diffs). */
export function claimsFileJson(file: ClaimsFile): string {
  const decisions = file.decisions.map((d) => ({
    id: d.id,
    op: d.op,
    claim: d.claim,
    ...('target' in d ? { target: d.target } : {}),
    annotator: d.annotator,
    at: d.at,
  }));
  return `${JSON.stringify({ schemaVersion: file.schemaVersion, decisions }, null, 2)}\n`;
}
