/**
 * A three-way merge of two JSON values that changed the same base (a sync conflict in
 * project.json or entities.json): objects merge key by key, lists of objects with an `id`
 * merge element by element, anything else changed on both sides keeps "mine" and is noted.
 * The result is a proposal the user confirms in the conflict dialog, never applied on its own.
 * Pure: no I/O.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A value that is absent (a key not present, a file not there). */
const ABSENT = Symbol('absent');
type Maybe = Json | typeof ABSENT;

export interface JsonMerge {
  value: Json | undefined;
  /** Paths where both sides changed the same value differently (mine was kept). */
  notes: string[];
}

function isObject(v: Maybe): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function jsonEqual(a: Maybe, b: Maybe): boolean {
  if (a === b) return true;
  if (a === ABSENT || b === ABSENT || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i] as Json));
  const ao = a as { [key: string]: Json };
  const bo = b as { [key: string]: Json };
  const ak = Object.keys(ao);
  return ak.length === Object.keys(bo).length && ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k] as Json, bo[k] as Json));
}

const idOf = (v: Json): string | null => (isObject(v) && typeof v.id === 'string' ? v.id : null);
function byId(list: Json[]): Map<string, Json> | null {
  const map = new Map<string, Json>();
  for (const item of list) {
    const id = idOf(item);
    if (id === null || map.has(id)) return null;
    map.set(id, item);
  }
  return map;
}

function merge(base: Maybe, mine: Maybe, theirs: Maybe, path: string, notes: string[]): Maybe {
  if (jsonEqual(mine, theirs)) return mine;
  if (jsonEqual(base, mine)) return theirs;
  if (jsonEqual(base, theirs)) return mine;
  if (isObject(mine) && isObject(theirs)) {
    const b = isObject(base) ? base : {};
    const out: { [key: string]: Json } = {};
    const keys = [...Object.keys(mine), ...Object.keys(theirs).filter((k) => !(k in mine))];
    for (const key of keys) {
      const get = (o: { [key: string]: Json }): Maybe => (Object.prototype.hasOwnProperty.call(o, key) ? (o[key] as Json) : ABSENT);
      const v = merge(get(b), get(mine), get(theirs), path ? `${path}.${key}` : key, notes);
      if (v !== ABSENT) out[key] = v;
    }
    return out;
  }
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    const m = byId(mine);
    const t = byId(theirs);
    const b = Array.isArray(base) ? byId(base) : new Map<string, Json>();
    if (m && t && b) {
      const out: Json[] = [];
      const ids = [...m.keys(), ...[...t.keys()].filter((id) => !m.has(id))];
      for (const id of ids) {
        const get = (map: Map<string, Json>): Maybe => (map.has(id) ? (map.get(id) as Json) : ABSENT);
        const v = merge(get(b), get(m), get(t), `${path}[${id}]`, notes);
        if (v !== ABSENT) out.push(v);
      }
      return out;
    }
  }
  notes.push(path || '(whole file)');
  return mine;
}

/** Merge `mine` and `theirs` (each changed from `base`; undefined: absent). */
export function mergeJson(base: Json | undefined, mine: Json | undefined, theirs: Json | undefined): JsonMerge {
  const notes: string[] = [];
  const wrap = (v: Json | undefined): Maybe => (v === undefined ? ABSENT : v);
  const value = merge(wrap(base), wrap(mine), wrap(theirs), '', notes);
  return { value: value === ABSENT ? undefined : value, notes };
}
