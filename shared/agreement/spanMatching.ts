import type { AgreementSpan, SpanMatching } from './types';

/** Characters two spans share (0 when they do not intersect). */
export const overlapLength = (a: AgreementSpan, b: AgreementSpan): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** A pair of matched spans, by index into each annotator's list. */
export interface SpanPair {
  a: number;
  b: number;
}

/**
 * One-to-one matching of annotator A's spans with annotator B's.
 *
 * exact: a pair has the same start, end and label (duplicates pair off in order).
 * overlap: a pair has the same label and shares at least one character. Every candidate pair
 * is ranked by the characters it shares, largest first (ties: the smaller A index, then the smaller
 * B index), and taken greedily when neither span is taken yet. Greedy by largest overlap is
 * symmetric (swapping A and B gives the same pairs) and deterministic; it is not the maximum
 * matching in every case, which docs/agreement.md spells out.
 */
export function matchSpans(a: readonly AgreementSpan[], b: readonly AgreementSpan[], matching: SpanMatching): SpanPair[] {
  if (matching === 'exact') {
    const byKey = new Map<string, number[]>();
    b.forEach((s, j) => {
      const key = `${s.label}\u0000${s.start}\u0000${s.end}`;
      const list = byKey.get(key);
      if (list) list.push(j);
      else byKey.set(key, [j]);
    });
    const pairs: SpanPair[] = [];
    a.forEach((s, i) => {
      const list = byKey.get(`${s.label}\u0000${s.start}\u0000${s.end}`);
      const j = list?.shift();
      if (j !== undefined) pairs.push({ a: i, b: j });
    });
    return pairs;
  }
  // Candidates per label, found by a sweep over B sorted by start (spans of one label rarely overlap much).
  const candidates: { a: number; b: number; overlap: number }[] = [];
  const bByLabel = new Map<string, number[]>();
  b.forEach((s, j) => {
    const list = bByLabel.get(s.label);
    if (list) list.push(j);
    else bByLabel.set(s.label, [j]);
  });
  for (const list of bByLabel.values()) list.sort((x, y) => b[x]!.start - b[y]!.start);
  a.forEach((s, i) => {
    const list = bByLabel.get(s.label);
    if (!list) return;
    for (const j of list) {
      const t = b[j]!;
      if (t.start >= s.end) break;
      const overlap = overlapLength(s, t);
      if (overlap > 0) candidates.push({ a: i, b: j, overlap });
    }
  });
  candidates.sort((x, y) => y.overlap - x.overlap || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: SpanPair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    pairs.push({ a: c.a, b: c.b });
  }
  return pairs.sort((x, y) => x.a - y.a);
}
