import { MIN_TEXT_COSINE, type ClaimFeatures } from './similarity';

/**
 * The pairs of claims worth scoring, without scoring all pairs (issue 18: 200,000 claims). Two
 * claims score 0 unless the TF-IDF cosine of their words reaches MIN_TEXT_COSINE (similarity.ts),
 * and a claim with no numbers, actors or claimants cannot reach the clustering threshold unless
 * the cosine alone does (the other weights then only count against it). So the candidates are
 * exactly the pairs whose cosine reaches a per-claim bound, found with the prefix filter of
 * Bayardo, Ma & Srikant, "Scaling up all pairs similarity search" (WWW 2007): words are ordered
 * from the most to the least frequent; a claim's index holds its words from the point where the
 * words before could add up to the bound (by each word's largest weight in any claim, and by
 * their norm), so two claims whose cosine reaches the bound always share an indexed word, and
 * common words ("said", "Syria") stay out of the index. The search is exact: the same pairs
 * reach the threshold as when every pair is scored (a test asserts it on the review sample, the
 * bench on the 200-document benchmark). No library does this exactly: MinHash/LSH libraries are
 * approximate, and a missed pair would change the clusters.
 */
export interface CandidateItem {
  docId: string;
  features: ClaimFeatures;
}

/** The cosine two claims need so that their similarity can reach `threshold` (see above). */
export function cosineBound(f: ClaimFeatures, threshold: number): number {
  const strong = f.numberKinds.size + f.entities.size + f.claimants.size > 0;
  // Without strong features every other feature scores 0 against it: similarity = WEIGHTS.text · cos / (weights present) ≤ cos.
  return Math.max(MIN_TEXT_COSINE, strong ? 0 : threshold);
}

/**
 * Every pair [i, j] (i < j, different documents) whose cosine may reach max(bound_i, bound_j),
 * and none whose cosine cannot reach MIN_TEXT_COSINE. `visit` is called once per pair, i < j.
 */
export function candidatePairs(items: readonly CandidateItem[], threshold: number, visit: (i: number, j: number) => void): void {
  const n = items.length;
  // Word ids, frequencies, and each claim's unit vector sorted from the most frequent word down.
  const ids = new Map<string, number>();
  const df: number[] = [];
  for (const it of items) {
    for (const t of it.features.vector.keys()) {
      let id = ids.get(t);
      if (id === undefined) {
        id = df.length;
        ids.set(t, id);
        df.push(0);
      }
      df[id]!++;
    }
  }
  const vectors = items.map((it) => {
    const entries: [number, number][] = [];
    const norm = it.features.norm;
    for (const [t, w] of it.features.vector) entries.push([ids.get(t)!, norm > 0 ? w / norm : 0]);
    entries.sort((a, b) => df[b[0]]! - df[a[0]]! || a[0] - b[0]);
    return entries;
  });
  const maxWeight = new Float64Array(df.length);
  for (const v of vectors) for (const [f, w] of v) if (w > maxWeight[f]!) maxWeight[f] = w;

  // Inverted index of each claim's indexed suffix: claim ids and weights per word.
  const postings: { claims: number[]; weights: number[] }[] = df.map(() => ({ claims: [], weights: [] }));
  const prefixNorm = new Float64Array(n);
  const bounds = items.map((it) => cosineBound(it.features, threshold));
  const docIndex = new Map<string, number>();
  const doc = items.map((it) => {
    let d = docIndex.get(it.docId);
    if (d === undefined) docIndex.set(it.docId, (d = docIndex.size));
    return d;
  });

  const acc = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!;
    // Probe with every word of i: the claims before it sharing an indexed word.
    for (const [f, w] of v) {
      const p = postings[f]!;
      for (let k = 0; k < p.claims.length; k++) {
        const j = p.claims[k]!;
        if (acc[j] === 0) touched.push(j);
        acc[j] = acc[j]! + w * p.weights[k]!;
      }
    }
    for (const j of touched) {
      // dot ≤ what the shared indexed words gave + the norm of j's words left out of the index.
      const reach = acc[j]! + prefixNorm[j]!;
      acc[j] = 0;
      if (doc[j] === doc[i]) continue;
      if (reach + 1e-12 < Math.max(bounds[i]!, bounds[j]!)) continue;
      visit(j, i);
    }
    touched.length = 0;
    // Index i from the first word at which the words before could reach its bound.
    let byMax = 0;
    let sq = 0;
    let indexed = false;
    for (const [f, w] of v) {
      if (!indexed) {
        byMax += w * maxWeight[f]!;
        const norm = Math.sqrt(sq + w * w);
        if (Math.min(byMax, norm) + 1e-12 >= bounds[i]!) indexed = true;
        else {
          sq += w * w;
          continue;
        }
      }
      postings[f]!.claims.push(i);
      postings[f]!.weights.push(w);
    }
    prefixNorm[i] = Math.sqrt(sq);
  }
}
