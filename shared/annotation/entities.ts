import type { Entity, LabelDef, Span } from '../model/schemas';
import { ownValue } from '../model/keyed';

/**
 * Project-wide entities (entities.json): the canonical names Actor spans link to, so that
 * "Bashar al-Assad", "Assad" and "Syrian President" count as one actor. Pure helpers: the ids a
 * document links to, new ids, and the fuzzy search the entity picker uses.
 */

/** The entity ids a document's spans link to (values of `entity` attributes), sorted, once each. */
export function linkedEntities(project: { labels: readonly LabelDef[] }, spans: readonly Pick<Span, 'label' | 'attributes'>[]): string[] {
  const entityAttributes = new Map<string, string[]>();
  for (const l of project.labels) {
    const ids = l.attributes.filter((a) => a.type === 'entity').map((a) => a.id);
    if (ids.length) entityAttributes.set(l.id, ids);
  }
  const found = new Set<string>();
  for (const s of spans) {
    for (const attr of entityAttributes.get(s.label) ?? []) {
      const v = ownValue(s.attributes, attr);
      if (typeof v === 'string' && v) found.add(v);
    }
  }
  return [...found].sort();
}

/** Lower case, accents and punctuation gone, single spaces: "Bashar al-Assad" -> "bashar al assad". */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A new entity id from its name: a slug, made unique with -2, -3, ... */
export function entityIdFor(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    normaliseName(name)
      .replace(/[^a-z0-9 ]+/g, '')
      .trim()
      .replace(/ +/g, '-')
      .slice(0, 60)
      .replace(/-+$/, '') || 'entity';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** At most one edit (insert, delete, substitute) between a and b. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** How well one name matches the query (both normalised); 0: not at all. */
function nameScore(name: string, query: string): number {
  if (name === query) return 100;
  if (name.startsWith(query)) return 80;
  const nameTokens = name.split(' ');
  const queryTokens = query.split(' ');
  if (queryTokens.every((q) => nameTokens.some((t) => t.startsWith(q)))) return 60;
  if (name.includes(query)) return 40;
  // A typo: every query word of 4+ letters is one edit away from a word of the name (or a prefix of it).
  if (
    queryTokens.every((q) =>
      nameTokens.some((t) => t.startsWith(q) || (q.length >= 4 && (withinOneEdit(t, q) || withinOneEdit(t.slice(0, q.length), q)))),
    )
  ) {
    return 20;
  }
  return 0;
}

export interface EntityMatch {
  entity: Entity;
  /** The name or alias that matched best. */
  matched: string;
  score: number;
}

/**
 * Entities matching what the user typed, best first: the query is matched against each name
 * and alias, ignoring case, accents and punctuation; whole names beat prefixes, prefixes beat
 * words anywhere, and a one-letter typo in a word still matches. An empty query lists all by name.
 */
export function searchEntities(entities: readonly Entity[], query: string, limit = 20): EntityMatch[] {
  const q = normaliseName(query);
  const matches: EntityMatch[] = [];
  for (const entity of entities) {
    let best: EntityMatch | null = null;
    for (const name of [entity.name, ...entity.aliases]) {
      const score = q === '' ? 1 : nameScore(normaliseName(name), q);
      // The canonical name wins a tie with an alias.
      if (score > (best?.score ?? 0)) best = { entity, matched: name, score };
    }
    if (best) matches.push(best);
  }
  return matches
    .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name))
    .slice(0, limit);
}

/** The entity whose name or an alias is this exact name (ignoring case, accents, punctuation). */
export function entityNamed(entities: readonly Entity[], name: string): Entity | undefined {
  const n = normaliseName(name);
  return entities.find((e) => [e.name, ...e.aliases].some((a) => normaliseName(a) === n));
}
