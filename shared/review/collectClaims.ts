import type { AnnotationFile, Entity } from '../model/schemas';
import { describeValue, intervalOf } from './numberInterval';
import { claimKey, type Claimant, type ReviewClaim, type ReviewNumber } from './types';

/**
 * A project's claims as the review sees them, from one annotator's annotation files and
 * entities.json. It reads Factmark's default schema (README, "Label schema"): labels `claim`,
 * `actor` and `number`, the relation `attributed_to` (claim -> actor), the Actor's `entity` and
 * the Number's `value`, `approx`, `value_max`, `unit` and `quantity`. Numbers and actors belong
 * to a claim when their span lies inside the claim's span.
 */
export interface ReviewDocument {
  meta: { id: string; title: string; outlet: string | null };
  annotation: Pick<AnnotationFile, 'spans' | 'relations'> | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function collectClaims(documents: readonly ReviewDocument[], entities: readonly Entity[]): ReviewClaim[] {
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const claims: ReviewClaim[] = [];
  for (const { meta, annotation } of documents) {
    if (!annotation) continue;
    const spans = annotation.spans;
    const byId = new Map(spans.map((s) => [s.id, s]));
    const inside = (outer: { start: number; end: number }, s: { start: number; end: number }) => s.start >= outer.start && s.end <= outer.end;
    for (const span of spans) {
      if (span.label !== 'claim') continue;
      const numbers: ReviewNumber[] = [];
      const entitySet = new Set<string>();
      for (const s of spans) {
        if (s === span || !inside(span, s)) continue;
        if (s.label === 'number') {
          const value = num(s.attributes?.value);
          if (value === null) continue; // a number without a value cannot be compared
          const approx = str(s.attributes?.approx) ?? 'exact';
          const valueMax = num(s.attributes?.value_max);
          const n = { value, approx, ...(valueMax !== null ? { valueMax } : {}) };
          numbers.push({
            spanId: s.id,
            quote: s.quote,
            value,
            approx,
            valueMax,
            unit: str(s.attributes?.unit),
            quantity: str(s.attributes?.quantity),
            interval: intervalOf(n),
            normalised: describeValue(n),
          });
        } else if (s.label === 'actor') {
          const e = str(s.attributes?.entity);
          if (e) entitySet.add(e);
        }
      }
      const claimants: Claimant[] = [];
      for (const r of annotation.relations ?? []) {
        if (r.type !== 'attributed_to' || r.from !== span.id) continue;
        const actor = byId.get(r.to);
        if (!actor) continue;
        const entityId = str(actor.attributes?.entity);
        // "Syrian Civil Defense, also known as the White Helmets": one claimant, named once.
        if (entityId && claimants.some((c) => c.entityId === entityId)) continue;
        claimants.push({ spanId: actor.id, quote: actor.quote, entityId, name: (entityId && names.get(entityId)) || actor.quote });
      }
      claimants.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      claims.push({
        key: claimKey(meta.id, span.id),
        docId: meta.id,
        spanId: span.id,
        start: span.start,
        end: span.end,
        text: span.quote,
        source: { docId: meta.id, title: meta.title, outlet: meta.outlet },
        claimants,
        numbers,
        entities: [...entitySet].sort(),
      });
    }
  }
  claims.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start || a.end - b.end));
  return claims;
}

/** A claimant's identity for comparisons: its entity, else its words ignoring case. */
export const claimantId = (c: Claimant) => c.entityId ?? `"${c.quote.toLowerCase()}"`;

/** A title short enough to name a source in a sentence: at most 48 characters, cut at a word. */
export function shortTitle(title: string): string {
  const t = title.trim();
  if (t.length <= 48) return t;
  return `${t.slice(0, 47).replace(/[\s,;:]+\S*$/, '')}…`;
}

/** How a claim's source is named to people: the outlet, else the document's (shortened) title. */
export const sourceName = (s: { outlet: string | null; title: string; docId: string }) => s.outlet ?? (shortTitle(s.title) || s.docId);
