import type { Relation, Span } from '../../../shared/model/schemas';
import type { Annotations } from '../../../shared/annotation/relations';

// "Keep both" of a conflict with the file on disk (documentStore.ts, resolveConflict): moved here
// verbatim from documentStore.ts.

/**
 * Mine plus theirs, spans and relations: theirs that repeat mine are left out, an id both use for
 * different things is renewed, and their relations follow their spans to the ids they end up with.
 */
export function unionAnnotations(mine: Annotations, theirs: Annotations, newId: () => string): Annotations {
  const key = (s: Span) => `${s.start}:${s.end}:${s.label}`;
  const mineByKey = new Map(mine.spans.map((s) => [key(s), s.id]));
  const spans = unionSpans(mine.spans, theirs.spans, newId);
  // Their span id -> the id it has in the union (mine, when it repeats one of mine).
  const idOf = new Map<string, string>();
  let next = mine.spans.length;
  for (const s of theirs.spans) {
    const existing = mineByKey.get(key(s));
    if (existing !== undefined) idOf.set(s.id, existing);
    else {
      const placed = spans[next++];
      if (placed) idOf.set(s.id, placed.id);
      mineByKey.set(key(s), placed?.id ?? s.id);
    }
  }
  const relKey = (r: Relation) => `${r.type}\n${r.from}\n${r.to}`;
  const keys = new Set(mine.relations.map(relKey));
  const ids = new Set(mine.relations.map((r) => r.id));
  const relations = [...mine.relations];
  for (const r of theirs.relations) {
    const from = idOf.get(r.from);
    const to = idOf.get(r.to);
    if (from === undefined || to === undefined) continue;
    const moved = { ...r, from, to };
    if (keys.has(relKey(moved))) continue;
    keys.add(relKey(moved));
    const id = ids.has(r.id) ? newId() : r.id;
    ids.add(id);
    relations.push({ ...moved, id });
  }
  return { spans, relations };
}

/** Mine plus theirs, without the same start/end/label twice; an id both use for different spans is renewed. */
export function unionSpans(mine: Span[], theirs: Span[], newId: () => string): Span[] {
  const key = (s: Span) => `${s.start}:${s.end}:${s.label}`;
  const keys = new Set(mine.map(key));
  const ids = new Set(mine.map((s) => s.id));
  const out = [...mine];
  for (const s of theirs) {
    if (keys.has(key(s))) continue;
    keys.add(key(s));
    const id = ids.has(s.id) ? newId() : s.id;
    ids.add(id);
    out.push(id === s.id ? s : { ...s, id });
  }
  return out;
}
