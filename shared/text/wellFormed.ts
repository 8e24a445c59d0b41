/**
 * Unpaired UTF-16 surrogates ("\ud800" in a JSON file) are not characters: a text holding one
 * cannot be written as UTF-8 (it would become U+FFFD), so its offsets, quotes and hash would no
 * longer match what `factmark validate` reads back. Imports refuse them, naming where they are
 * (issue 13).
 */

const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** UTF-16 index of the first unpaired surrogate in `s`, or -1. */
export function unpairedSurrogateAt(s: string): number {
  const m = UNPAIRED.exec(s);
  return m ? m.index : -1;
}

/** The first string inside `value` (through arrays and objects, keys included) that holds one: where, and the code unit. */
export function findUnpairedSurrogate(value: unknown, where = 'the record'): { where: string; index: number; unit: string } | null {
  if (typeof value === 'string') {
    const index = unpairedSurrogateAt(value);
    return index < 0 ? null : { where, index, unit: `\\u${value.charCodeAt(index).toString(16)}` };
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findUnpairedSurrogate(v, `${where}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findUnpairedSurrogate(k, `a key of ${where}`) ?? findUnpairedSurrogate(v, `${where}.${k}`);
      if (found) return found;
    }
  }
  return null;
}
