import type { Entity } from '../model/schemas';
import type { ReviewDecisionInput } from './claimsFile';
import { claimTerms } from './claimTerms';
import { DEFAULT_THRESHOLD, suggestClusters, type Pairing } from './cluster';
import { collectClaims, sourceName, type ReviewDocument } from './collectClaims';
import { applyDecisions } from './decisions';
import { CROSS_CLUSTER_QUANTITIES, LISTED_PAIR_FLAGS, clusterFlags, crossClusterFlags, moreFlags } from './flags';
import { claimFeatures, MIN_TEXT_COSINE } from './similarity';
import type { ReviewCluster, ReviewFlag, ReviewResult } from './types';

/**
 * The review of a project: its claims, clustered (suggestions, then the reviewer's decisions
 * replayed over them), with the flags of each cluster, sorted with conflicts first, then by the
 * number of outlets, then by size. Casualty and displacement figures are also compared across
 * clusters, for claims that share an entity or a claimant and some words (a candidate pair of
 * the clustering whose cosine reaches MIN_TEXT_COSINE): "shares an entity" alone would compare
 * every casualty figure about Russia in a 20,000-article corpus with every other.
 */
export interface ReviewOptions {
  /** Similarity at which two claims are suggested as one (cluster.ts). */
  threshold?: number;
  /** Score the candidate pairs (default) or every pair (same clusters; for checking). */
  pairing?: Pairing;
  /** Claim terms already computed (claimTerms.ts), by claim text: the service computes them on worker threads for large projects. */
  terms?: ReadonlyMap<string, readonly string[]>;
}

export function buildReview(
  documents: readonly ReviewDocument[],
  entities: readonly Entity[],
  decisions: readonly ReviewDecisionInput[],
  options: ReviewOptions = {},
): ReviewResult {
  const { threshold = DEFAULT_THRESHOLD, pairing = 'candidates' } = options;
  const termsOf = (text: string) => (options.terms?.get(text) as string[] | undefined) ?? claimTerms(text);
  const claims = collectClaims(documents, entities, termsOf);
  const features = claimFeatures(claims, claims.map((c) => termsOf(c.text)));
  // Pairs of claims with figures about people (casualties, displacement) whose words overlap: compared across clusters too.
  const crossCandidates: [number, number][] = [];
  const counts = claims.map((c) => c.numbers.some((n) => CROSS_CLUSTER_QUANTITIES.has(n.quantity ?? '')));
  const suggested = suggestClusters(
    claims.map((c, i) => ({ key: c.key, docId: c.docId, features: features[i]! })),
    threshold,
    pairing,
    (i, j, text) => {
      if (counts[i] && counts[j] && text >= MIN_TEXT_COSINE) crossCandidates.push([i, j]);
    },
  );
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
  // Conflicts with claims of other clusters, in cluster order, then claim order (as if every pair of clusters were compared).
  const clusterOf = new Map<string, number>();
  const position = new Map<string, number>();
  clusters.forEach((c, ci) => c.claims.forEach((m, k) => (clusterOf.set(m.key, ci), position.set(m.key, k))));
  const cross: { a: number; b: number; ka: number; kb: number; flags: ReturnType<typeof crossClusterFlags> }[] = [];
  for (const [i, j] of crossCandidates) {
    let ca = claims[i]!;
    let cb = claims[j]!;
    let a = clusterOf.get(ca.key)!;
    let b = clusterOf.get(cb.key)!;
    if (a === b) continue;
    if (a > b || (a === b && position.get(ca.key)! > position.get(cb.key)!)) {
      [ca, cb] = [cb, ca];
      [a, b] = [b, a];
    }
    const flags = crossClusterFlags([ca], [cb], entityName);
    if (flags.length > 0) cross.push({ a, b, ka: position.get(ca.key)!, kb: position.get(cb.key)!, flags });
  }
  cross.sort((x, y) => x.a - y.a || x.b - y.b || x.ka - y.ka || x.kb - y.kb);
  // At most LISTED_PAIR_FLAGS of them listed per cluster, the rest counted (flags.ts).
  const listed = new Int32Array(clusters.length);
  const more = new Int32Array(clusters.length);
  const add = (at: number, other: number, f: ReviewFlag) => {
    if (listed[at]! < LISTED_PAIR_FLAGS) {
      clusters[at]!.flags.push({ ...f, otherCluster: clusters[other]!.id });
      listed[at]!++;
    } else more[at]!++;
  };
  for (const { a, b, flags } of cross) {
    for (const f of flags) {
      add(a, b, f);
      add(b, a, f);
    }
  }
  more.forEach((n, at) => n > 0 && clusters[at]!.flags.push(moreFlags('number-conflict', n, true)));
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
