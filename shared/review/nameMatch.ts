import type { Entity } from '../model/schemas';
import { SYNONYMS } from './claimTerms';
import { lookupTable } from '../model/keyed';
import type { Claimant } from './types';

/**
 * Whether two names stand for the same source or group when no entity says so (spans imported
 * without attributes): their content words, without determiners and numerals, plurals and a few
 * synonyms folded ("army" / "military", "Syrian" / "Syria"), where one set holds the other:
 * "military sources" = "two military sources" = "two sources in the Syrian military"; "Reuters"
 * ≠ "Syrian military sources". Also the project's entity list (entities.json) names and aliases,
 * so "White Helmets" finds the entity Syrian Civil Defense.
 */
const FILLER = new Set([
  'the', 'a', 'an', 'of', 'in', 'from', 'at', 'on', 'by', 'for', 'to', 'and', 'its', 'their', 'his', 'her', 'mr', 'mrs', 'ms',
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'some', 'both',
  // approximators of a counted group ("at least 400 militants", "over 300 of their fighters")
  'least', 'most', 'more', 'than', 'over', 'about', 'nearly', 'almost', 'around', 'approximately', 'roughly', 'up', 'plus', 'dozens', 'hundreds', 'thousands',
]);
const LOCAL = lookupTable<string>({ army: 'military', armed: 'military', forces: 'force', rebel: 'fighter', fighter: 'fighter' });

const fold = (w: string): string => {
  const base = w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
  return LOCAL[w] ?? LOCAL[base] ?? SYNONYMS[w] ?? SYNONYMS[base] ?? base;
};

/** The content words of a name, folded. */
export function nameWords(name: string): Set<string> {
  const out = new Set<string>();
  for (const m of name.normalize('NFKC').toLowerCase().replace(/[’']s\b/g, '').matchAll(/[\p{L}\p{N}][\p{L}\p{N}.-]*/gu)) {
    const w = m[0].replace(/\.$/, '');
    if (FILLER.has(w) || /^\d+$/.test(w)) continue;
    out.add(fold(w));
  }
  return out;
}

const contains = (big: ReadonlySet<string>, small: ReadonlySet<string>) => small.size > 0 && [...small].every((w) => big.has(w));
export const sameWords = (a: ReadonlySet<string>, b: ReadonlySet<string>) => contains(a, b) || contains(b, a);

/** The names a claimant goes by: its words, its description, its aliases, its entity's name. */
export function claimantNames(c: Claimant): Set<string>[] {
  return [c.name, c.quote, c.description ?? '', ...(c.aliases ?? []).map((a) => a.quote)].filter(Boolean).map(nameWords);
}

/** Same claimant: the same entity when both have one, else names whose words hold one another. */
export function sameClaimant(a: Claimant, b: Claimant): boolean {
  if (a.entityId && b.entityId) return a.entityId === b.entityId;
  const an = claimantNames(a);
  return claimantNames(b).some((x) => an.some((y) => sameWords(x, y)));
}

/** The entity a name stands for in the project's entity list (its name or an alias, ignoring case and a leading "the"). */
export function entityLookup(entities: readonly Entity[]): (name: string) => string | null {
  const key = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[’]/g, "'").replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
  const byName = new Map<string, string>();
  for (const e of entities) for (const n of [e.name, ...e.aliases]) if (!byName.has(key(n))) byName.set(key(n), e.id);
  return (name) => byName.get(key(name)) ?? null;
}

/**
 * A counted group as compared: its last word, folded ("civilians" = "civilian", "militants" =
 * "insurgents" = "fighters"); a group that says nothing of who ("people", "individuals", "others")
 * is no unit at all, so it is compared with any.
 */
const GENERIC = new Set(['people', 'person', 'individual', 'other', 'one', 'soul']);
export function unitKey(u: string | null): string {
  if (!u) return '';
  const last = u.normalize('NFKC').toLowerCase().trim().split(/\s+/).pop() ?? '';
  const word = last.length > 2 && last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : last;
  if (GENERIC.has(word) || GENERIC.has(last)) return '';
  return fold(word);
}
