import type { ReviewDecisionInput } from '../../../shared/review/claimsFile';
import type { ReviewCluster } from '../../../shared/review/types';

/**
 * The review screen's keyboard model, pure so it is tested without a browser: a cursor on a
 * cluster and on one of its claims, and what each key asks for.
 *   j / ↓, k / ↑   next / previous cluster          h / ←, l / →   previous / next claim in the cluster
 *   Enter          open the claim in its article      m              merge the cluster with the next one
 *   s              split the claim off its cluster    t              take the claim, then Enter puts it into the chosen cluster (t again: cancel)
 *   u              undo the last decision             e              export the review set
 *   c              confirm the cluster's derived values (numbers read from words, claimants read
 *                  from frames) into the annotations
 */
export interface Cursor {
  cluster: number;
  claim: number;
  /** A claim taken with `t`, waiting to be put into another cluster. */
  moving: string | null;
}

export type ReviewAction =
  | { kind: 'cursor'; cursor: Cursor }
  | { kind: 'open'; docId: string; spanId: string }
  | { kind: 'decide'; decision: ReviewDecisionInput; follow: string }
  | { kind: 'undo' }
  | { kind: 'export' }
  | { kind: 'confirm'; claims: string[] }
  | { kind: 'none' };

/** The claims of a cluster with a value the review derived (a number read from its words, a claimant from its frame). */
export const claimsWithDerived = (cluster: ReviewCluster): string[] =>
  cluster.claims.filter((c) => c.numbers.some((n) => n.derived.length > 0) || c.claimants.some((x) => x.derived)).map((c) => c.key);

const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));

export function reviewKey(key: string, cursor: Cursor, clusters: readonly ReviewCluster[]): ReviewAction {
  const cluster = clusters[cursor.cluster];
  const claim = cluster?.claims[cursor.claim];
  const moveTo = (c: number): ReviewAction => ({ kind: 'cursor', cursor: { ...cursor, cluster: clamp(c, clusters.length - 1), claim: 0 } });
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return moveTo(cursor.cluster + 1);
    case 'k':
    case 'ArrowUp':
      return moveTo(cursor.cluster - 1);
    case 'h':
    case 'ArrowLeft':
      return { kind: 'cursor', cursor: { ...cursor, claim: clamp(cursor.claim - 1, (cluster?.claims.length ?? 1) - 1) } };
    case 'l':
    case 'ArrowRight':
      return { kind: 'cursor', cursor: { ...cursor, claim: clamp(cursor.claim + 1, (cluster?.claims.length ?? 1) - 1) } };
    case 'Enter': {
      if (!cluster || !claim) return { kind: 'none' };
      if (cursor.moving !== null) {
        if (cluster.claims.some((c) => c.key === cursor.moving)) return { kind: 'cursor', cursor: { ...cursor, moving: null } };
        return { kind: 'decide', decision: { op: 'move', claim: cursor.moving, target: cluster.claims[0]!.key }, follow: cursor.moving };
      }
      return { kind: 'open', docId: claim.docId, spanId: claim.spanId };
    }
    case 'm': {
      const next = clusters[cursor.cluster + 1];
      if (!cluster || !next) return { kind: 'none' };
      return { kind: 'decide', decision: { op: 'merge', claim: cluster.claims[0]!.key, target: next.claims[0]!.key }, follow: cluster.claims[0]!.key };
    }
    case 's':
      if (!cluster || !claim || cluster.claims.length < 2) return { kind: 'none' };
      return { kind: 'decide', decision: { op: 'split', claim: claim.key }, follow: claim.key };
    case 't':
      if (!claim) return { kind: 'none' };
      return { kind: 'cursor', cursor: { ...cursor, moving: cursor.moving === claim.key ? null : claim.key } };
    case 'u':
      return { kind: 'undo' };
    case 'e':
      return { kind: 'export' };
    case 'c': {
      const claims = cluster ? claimsWithDerived(cluster) : [];
      return claims.length > 0 ? { kind: 'confirm', claims } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}

/** After a decision: the cursor on the cluster holding `key` (the clusters were re-sorted). */
export function follow(clusters: readonly ReviewCluster[], key: string): Cursor {
  const c = clusters.findIndex((cl) => cl.claims.some((m) => m.key === key));
  if (c < 0) return { cluster: 0, claim: 0, moving: null };
  return { cluster: c, claim: clusters[c]!.claims.findIndex((m) => m.key === key), moving: null };
}
