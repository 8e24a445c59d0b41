import type { AnnotationFile, Entity } from '../model/schemas';
import { deriveClaimants } from './deriveClaimant';
import { deriveNumbers } from './deriveNumber';
import { entityLookup, nameWords } from './nameMatch';
import { describeValue, intervalOf } from './numberInterval';
import { claimKey, type Claimant, type ReviewClaim, type ReviewNumber } from './types';

/**
 * A project's claims as the review sees them, from one annotator's annotation files and
 * entities.json. It reads Factmark's default schema (docs/user-guide.md, "Label schema"): labels `claim`,
 * `actor` and `number`, the relation `attributed_to` (claim -> actor), the Actor's `entity` and
 * the Number's `value`, `approx`, `value_max`, `unit` and `quantity`. Numbers and actors belong
 * to a claim when their span lies inside the claim's span.
 *
 * Spans made elsewhere often carry none of that (issue: claim review on any annotations): a
 * Number's empty attributes are read from its words (deriveNumber.ts), a claim without an
 * `attributed_to` relation takes its claimants from its attribution frame (deriveClaimant.ts,
 * which needs the document's text), and an actor without an entity takes the one of
 * entities.json its words name. Everything read this way is marked derived.
 */
export interface ReviewDocument {
  meta: { id: string; title: string; outlet: string | null };
  annotation: Pick<AnnotationFile, 'spans' | 'relations'> | null;
  /** The document's text; without it, claimants are not read from frames. */
  text?: string;
}

/** The content words of a text as the review compares them (claimTerms.ts); used to resolve "The pledge …" to the claim before. */
export type TermsOf = (text: string) => readonly string[];

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function collectClaims(documents: readonly ReviewDocument[], entities: readonly Entity[], termsOf?: TermsOf): ReviewClaim[] {
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const lookup = entityLookup(entities);
  const entityOf = (s: { quote: string; attributes?: Record<string, unknown> | undefined }) => str(s.attributes?.entity) ?? lookup(s.quote);
  const claims: ReviewClaim[] = [];
  for (const { meta, annotation, text } of documents) {
    if (!annotation) continue;
    const spans = [...annotation.spans].sort((a, b) => a.start - b.start || b.end - a.end);
    const byId = new Map(spans.map((s) => [s.id, s]));
    const actors = spans.filter((s) => s.label === 'actor');
    const numbersAll = spans.filter((s) => s.label === 'number');
    const related = new Map<string, string[]>();
    for (const r of annotation.relations ?? []) {
      if (r.type !== 'attributed_to') continue;
      related.set(r.from, [...(related.get(r.from) ?? []), r.to]);
    }
    for (const span of spans) {
      if (span.label !== 'claim') continue;
      const inside = (s: { start: number; end: number }) => s.start >= span.start && s.end <= span.end;
      const numberSpans = numbersAll.filter(inside);
      const read = deriveNumbers({ start: span.start, text: span.quote }, numberSpans);
      const numbers: ReviewNumber[] = [];
      for (const s of numberSpans) {
        const n = read.get(s.id);
        if (!n) continue; // no value given and none in its words: nothing to compare
        const v = { value: n.value, approx: n.approx, quantity: n.quantity, ...(n.valueMax !== null ? { valueMax: n.valueMax } : {}) };
        const normalised = describeValue(v);
        numbers.push({ spanId: s.id, quote: s.quote, value: n.value, approx: n.approx, valueMax: n.valueMax, unit: n.unit, quantity: n.quantity, interval: intervalOf(v), normalised, derived: n.derived });
      }
      const entitySet = new Set<string>();
      const actorNames = new Set<string>();
      for (const a of actors) {
        if (a.start > span.end) break;
        if (!inside(a)) continue;
        const e = entityOf(a);
        if (e) entitySet.add(e);
        else {
          const words = [...nameWords(a.quote)].sort().join(' ');
          if (words) actorNames.add(words);
        }
      }
      const claimants: Claimant[] = [];
      const add = (c: Claimant) => {
        // "Syrian Civil Defense, also known as the White Helmets": one claimant, named once.
        if (c.entityId && claimants.some((x) => x.entityId === c.entityId)) return;
        claimants.push(c);
      };
      const relatedIds = related.get(span.id) ?? [];
      for (const id of relatedIds) {
        const actor = byId.get(id);
        if (!actor) continue;
        const entityId = entityOf(actor);
        add({ spanId: actor.id, quote: actor.quote, entityId, name: (entityId && names.get(entityId)) || actor.quote, derived: false });
      }
      if (relatedIds.length === 0 && text !== undefined) {
        for (const d of deriveClaimants(text, span, actors, termsOf ?? (() => []))) {
          const actor = byId.get(d.spanId)!;
          const aliases = d.aliasSpanIds.map((id) => byId.get(id)!).filter(Boolean);
          const entityId = [actor, ...aliases].map(entityOf).find((e) => e !== null) ?? null;
          add({
            spanId: actor.id,
            quote: actor.quote,
            entityId,
            // "two sources in the Syrian military" names them; "White Helmets rescue organization, governed by the opposition" is too long a name.
            name: (entityId && names.get(entityId)) || (/[,(]/.test(d.description) ? actor.quote : d.description),
            derived: true,
            derivedFrom: d.from,
            description: d.description,
            ...(aliases.length ? { aliases: aliases.map((a) => ({ spanId: a.id, quote: a.quote })) } : {}),
          });
        }
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
        actorNames: [...actorNames].sort(),
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
