import type { Entity } from '../model/schemas';
import type { ReviewDecisionInput } from './claimsFile';
import { claimTerms } from './claimTerms';
import { DEFAULT_THRESHOLD, suggestClusters } from './cluster';
import { collectClaims, sourceName, type ReviewDocument } from './collectClaims';
import { applyDecisions } from './decisions';
import { clusterFlags, crossClusterFlags } from './flags';
import { claimFeatures } from './similarity';
import type { ReviewCluster, ReviewResult } from './types';

/**
 * The review of a project: its claims, clustered (suggestions, then the reviewer's decisions
 * replayed over them), with the flags of each cluster, sorted with conflicts first, then by the
 * number of outlets, then by size.
 */
export function buildReview(
  documents: readonly ReviewDocument[],
  entities: readonly Entity[],
  decisions: readonly ReviewDecisionInput[],
  threshold = DEFAULT_THRESHOLD,
): ReviewResult {
  const claims = collectClaims(documents, entities, claimTerms);
  const features = claimFeatures(claims, claims.map((c) => claimTerms(c.text)));
  const suggested = suggestClusters(claims.map((c, i) => ({ key: c.key, docId: c.docId, features: features[i]! })), threshold);
  const applied = applyDecisions(suggested, decisions);
  const byKey = new Map(claims.map((c) => [c.key, c]));
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const entityName = (id: string) => names.get(id) ?? id;

  const clusters: ReviewCluster[] = applied.clusters.map((keys) => {
    const members = keys.map((k) => byKey.get(k)!).sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
    return {
      id: members[0]!.key,
      claims: members,
      outlets: new Set(members.map((c) => sourceName(c.source))).size,
      flags: clusterFlags(members),
      decided: members.some((c) => applied.decided.has(c.key)),
    };
  });
  for (let i = 0; i < clusters.length; i++) {
    for (let j = i + 1; j < clusters.length; j++) {
      const a = clusters[i]!;
      const b = clusters[j]!;
      for (const f of crossClusterFlags(a.claims, b.claims, entityName)) {
        a.flags.push({ ...f, otherCluster: b.id });
        b.flags.push({ ...f, otherCluster: a.id });
      }
    }
  }
  const conflicts = (c: ReviewCluster) => c.flags.filter((f) => f.kind === 'number-conflict').length;
  clusters.sort(
    (a, b) =>
      Number(conflicts(b) > 0) - Number(conflicts(a) > 0) ||
      b.outlets - a.outlets ||
      b.claims.length - a.claims.length ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return { clusters, claims: claims.length, staleDecisions: applied.stale };
}
