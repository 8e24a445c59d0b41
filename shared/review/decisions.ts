import type { ReviewDecisionInput } from './claimsFile';

/**
 * Replays the reviewer's decisions, in order, over suggested clusters (lists of claim keys).
 * Suggestions are recomputed every time; decisions are applied over them, never recomputed over:
 * a claim split off stays alone, a moved claim stays where it was put. A decision naming a claim
 * that no longer exists is skipped and counted as stale.
 */
export interface AppliedClusters {
  clusters: string[][];
  /** Keys of claims whose cluster a decision changed. */
  decided: Set<string>;
  stale: number;
}

export function applyDecisions(suggested: readonly (readonly string[])[], decisions: readonly ReviewDecisionInput[]): AppliedClusters {
  // Cluster numbers per claim; new clusters get new numbers; empty ones vanish at the end.
  const clusterOf = new Map<string, number>();
  const order: string[] = [];
  suggested.forEach((keys, c) => keys.forEach((k) => (clusterOf.set(k, c), order.push(k))));
  let next = suggested.length;
  const decided = new Set<string>();
  let stale = 0;
  for (const d of decisions) {
    const from = clusterOf.get(d.claim);
    const to = 'target' in d ? clusterOf.get(d.target) : undefined;
    if (from === undefined || ('target' in d && to === undefined)) {
      stale++;
      continue;
    }
    if (d.op === 'split') {
      clusterOf.set(d.claim, next++);
      decided.add(d.claim);
    } else if (d.op === 'move') {
      clusterOf.set(d.claim, to!);
      decided.add(d.claim);
    } else {
      for (const [k, c] of clusterOf) {
        if (c === to) {
          clusterOf.set(k, from);
          decided.add(k);
        }
      }
      decided.add(d.claim);
    }
  }
  const groups = new Map<number, string[]>();
  for (const k of order) {
    const c = clusterOf.get(k)!;
    const group = groups.get(c);
    if (group) group.push(k);
    else groups.set(c, [k]);
  }
  return { clusters: [...groups.entries()].sort(([a], [b]) => a - b).map(([, keys]) => keys), decided, stale };
}
