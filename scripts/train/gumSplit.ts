/**
 * GUM documents split by a hash of their name (FNV-1a), so the split never depends on the order
 * files are listed in or on which other files exist: 2 in 10 are held out for testing (never
 * trained on; their figures are the ones reported), 1 in 10 is the development set (calibration),
 * the rest train.
 */
export type GumSplit = 'train' | 'dev' | 'test';

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function gumSplit(docId: string): GumSplit {
  const r = fnv1a(docId) % 10;
  return r < 2 ? 'test' : r < 3 ? 'dev' : 'train';
}
