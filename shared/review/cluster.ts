import { candidatePairs } from './candidatePairs';
import { pairScorer } from './pairScorer';
import type { ClaimFeatures } from './similarity';

/**
 * Suggested clusters: claims joined greedily, most similar pair first (single link), while their
 * similarity is at least `threshold`, never putting two claims of one document together (one
 * outlet states a claim once; the reviewer can still merge by hand). Deterministic: ties are
 * broken by position, and the result depends only on the claims and their order.
 *
 * Only candidate pairs are scored (candidatePairs.ts: claims that share one of their rarest
 * words, a figure or an entity), so 200,000 claims do not mean 2·10¹⁰ scores; `pairing: 'all'`
 * scores every pair instead (`factmark review --all-pairs`): the same clusters on the review
 * sample and the 200-document benchmark, which a test and the bench check.
 */
export const DEFAULT_THRESHOLD = 0.35;

export type Pairing = 'candidates' | 'all';

export function suggestClusters(
  items: readonly { key: string; docId: string; features: ClaimFeatures }[],
  threshold = DEFAULT_THRESHOLD,
  pairing: Pairing = 'candidates',
  /** Called with every pair scored (i < j), whatever its score, and the pair's word cosine. */
  onPair?: (i: number, j: number, cosine: number) => void,
): string[][] {
  const first: number[] = [];
  const second: number[] = [];
  const scores: number[] = [];
  const scorer = pairScorer(items.map((it) => it.features));
  const consider = (i: number, j: number) => {
    const text = scorer.cosine(i, j);
    onPair?.(i, j, text);
    const score = scorer.similarityWith(i, j, text);
    if (score >= threshold) {
      first.push(i);
      second.push(j);
      scores.push(score);
    }
  };
  if (pairing === 'all' || threshold <= 0) {
    for (let j = 1; j < items.length; j++) {
      for (let i = 0; i < j; i++) if (items[i]!.docId !== items[j]!.docId) consider(i, j);
    }
  } else {
    candidatePairs(items, consider);
  }
  const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || first[a]! - first[b]! || second[a]! - second[b]!);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[i] !== r) {
      const next = parent[i]!;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const docs = items.map((it) => new Set([it.docId]));
  for (const k of order) {
    const a = find(first[k]!);
    const b = find(second[k]!);
    if (a === b) continue;
    const [small, large] = docs[a]!.size <= docs[b]!.size ? [docs[a]!, docs[b]!] : [docs[b]!, docs[a]!];
    let clash = false;
    for (const d of small) {
      if (large.has(d)) {
        clash = true;
        break;
      }
    }
    if (clash) continue;
    const [root, child] = a < b ? [a, b] : [b, a];
    parent[child] = root;
    for (const d of small) large.add(d);
    docs[root] = large;
  }
  const groups = new Map<number, string[]>();
  items.forEach((it, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(it.key);
    else groups.set(r, [it.key]);
  });
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, keys]) => keys);
}
