import type { ClaimFeatures } from './similarity';
import { similarity } from './similarity';

/**
 * Suggested clusters: claims joined greedily, most similar pair first (single link), while their
 * similarity is at least `threshold`, never putting two claims of one document together (one
 * outlet states a claim once; the reviewer can still merge by hand). Deterministic: ties are
 * broken by position, and the result depends only on the claims and their order.
 */
export const DEFAULT_THRESHOLD = 0.35;

export function suggestClusters(items: readonly { key: string; docId: string; features: ClaimFeatures }[], threshold = DEFAULT_THRESHOLD): string[][] {
  const pairs: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i]!.docId === items[j]!.docId) continue;
      const score = similarity(items[i]!.features, items[j]!.features);
      if (score >= threshold) pairs.push({ i, j, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const docs = items.map((it) => new Set([it.docId]));
  for (const { i, j } of pairs) {
    const a = find(i);
    const b = find(j);
    if (a === b) continue;
    const da = docs[a]!;
    const db = docs[b]!;
    if ([...db].some((d) => da.has(d))) continue;
    const [root, child] = a < b ? [a, b] : [b, a];
    parent[child] = root;
    for (const d of docs[child]!) docs[root]!.add(d);
  }
  const groups = new Map<number, string[]>();
  items.forEach((it, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), it.key]);
  });
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, keys]) => keys);
}
