import { type ClaimFeatures } from './similarity';

/**
 * The pairs of claims worth scoring (issue 18: 200,000 claims, not 2·10¹⁰ pairs). Blocking, as in
 * record linkage: each claim is filed under a few keys, and only claims that share a key are
 * scored. The keys are what two reports of one claim share and unrelated claims rarely do:
 *  - its KEY_TERMS rarest words (by how many claims of the project use them), the words that
 *    make it this claim ("airport", "pledge", a place) rather than any claim ("said", "Syria");
 *  - each figure it states, by kind and value ("casualties killed|civilian|4");
 *  - each entity of the actors in it and of its claimants.
 * A key shared by more than MAX_SHARED claims is no key (a common word, "Russia"): pairs that
 * only share those are not scored. Unlike scoring every pair this can miss a pair that would have
 * been joined: two wordings of one claim that share none of their rarest words, no figure and no
 * entity. On the review sample (tagged, and as plain spans) and on the 200-document benchmark the
 * clusters are those of scoring every pair (a test and `npm run bench` check it); the bench also
 * compares the two on a 1,840-claim synthetic newsroom, where they differ: of the 1,555 pairs
 * above the threshold, blocking misses 111, all pairs that share only a popular entity (too
 * common a key) and common words: "Vara Gezeto - - -" (a claim whose content words the generator
 * dropped) and a longer claim about Vara Gezeto; two casualty reports about one popular actor with
 * different figures ("leaving 40 civilians killed, with Fiba" / "leaving 37 …"). Widening the keys
 * to catch them means pairing every claim of a popular entity with every other, the square again:
 * entity × figure-kind and entity × common-word keys (82,000 pairs instead of 42,000) still missed
 * 27; an exact pigeonhole search over the word vectors (below) found them all but read 7 % of all
 * pairs. And such pairs are nearly all two events joined: 107 of the 111 report different events
 * (the generator knows which), so blocking's clusters are the better ones there: pairwise
 * precision 0.693 against all pairs' 0.367, recall 0.985 against 0.988 (877 clusters by all
 * pairs, 904 by blocking, for 951 events).
 *
 * Exact searches tried: (1) all pairs whose word cosine reaches MIN_TEXT_COSINE, with the prefix
 * filter of Bayardo et al. 2007: on news-like text a fifth of all pairs share a word that is not
 * common enough to leave out, so it scored 40 million pairs for 20,000 claims; (2) a pigeonhole
 * bound with the cosine budget spread over a claim's terms (read a term's claims, heaviest first,
 * down to t·p_i / x_i, with Σp_i = 1): exact, but at t = 0.2 spread over a dozen terms the bounds
 * stay low, 124,000 of the 1,840-claim newsroom's 1.7 million pairs. MinHash
 * / LSH libraries would also block by sampled words; blocking by the rarest words is the same idea
 * without randomness (the same claims give the same clusters on every run).
 */
export interface CandidateItem {
  docId: string;
  features: ClaimFeatures;
}

/** How many of a claim's rarest words are its keys. */
export const KEY_TERMS = 8;

/**
 * Above this many claims, a key is too common to block on, whatever the project's size: each
 * claim then meets at most a few hundred others, so the pairs scored grow with the claims, not
 * with their square. (It was 0.5 % of the claims, at least 100: the same up to 20,000 claims, but
 * at 200,000 a key could hold 1,000 claims, and the 95 million pairs scored chained single-link
 * clusters of 5,000 claims; with 100, 9 million pairs and 90,508 clusters for the generator's
 * ~102,000 events.) Claims worded alike (the same terms: a wire story reprinted by forty outlets)
 * count once, so a story told many times keeps its keys: on the 200-document benchmark (each sample
 * claim in 40 copies) counting every copy left a third of the pairs of its clusters unscored.
 */
export const MAX_SHARED = 100;

function keysOf(features: ClaimFeatures, df: ReadonlyMap<string, number>, limit: number): string[] {
  const terms = [...features.vector.keys()]
    .filter((t) => (df.get(t) ?? 0) <= limit)
    .sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, KEY_TERMS)
    .map((t) => `w:${t}`);
  return [...terms, ...[...features.numberValues].map((v) => `n:${v}`), ...[...features.entities].map((e) => `e:${e}`)];
}

/** Every pair [i, j] (i < j, different documents) that shares a key; `visit` is called once per pair, in a fixed order. */
export function candidatePairs(items: readonly CandidateItem[], visit: (i: number, j: number) => void): void {
  const n = items.length;
  const limit = MAX_SHARED;
  // Each claim's wording (its terms in order): claims with the same wording count once below.
  const wordingIds = new Map<string, number>();
  const wording = items.map((it) => {
    const w = [...it.features.vector.keys()].join('\u0000');
    let id = wordingIds.get(w);
    if (id === undefined) wordingIds.set(w, (id = wordingIds.size));
    return id;
  });
  const df = new Map<string, number>();
  const counted = new Set<number>();
  items.forEach((it, i) => {
    if (counted.has(wording[i]!)) return;
    counted.add(wording[i]!);
    for (const t of it.features.vector.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  });
  // Keys as integers, each with the claims filed under it (in claim order).
  const keyIds = new Map<string, number>();
  const keys = items.map((it) =>
    Int32Array.from(keysOf(it.features, df, limit), (k) => {
      let id = keyIds.get(k);
      if (id === undefined) keyIds.set(k, (id = keyIds.size));
      return id;
    }),
  );
  const counts = new Int32Array(keyIds.size + 1);
  for (const ks of keys) for (const k of ks) counts[k + 1]!++;
  for (let k = 0; k < keyIds.size; k++) counts[k + 1]! += counts[k]!;
  const filed = new Int32Array(counts[keyIds.size]!);
  const next = counts.slice(0, keyIds.size);
  keys.forEach((ks, i) => {
    for (const k of ks) filed[next[k]!++] = i;
  });
  // A key shared by more than `limit` wordings is no key.
  const usable = new Uint8Array(keyIds.size);
  for (let k = 0; k < keyIds.size; k++) {
    const list = filed.subarray(counts[k]!, counts[k + 1]!);
    usable[k] = Number(list.length <= limit || new Set(Array.from(list, (i) => wording[i]!)).size <= limit);
  }
  const docIds = new Map<string, number>();
  const doc = Int32Array.from(items, (it) => {
    let d = docIds.get(it.docId);
    if (d === undefined) docIds.set(it.docId, (d = docIds.size));
    return d;
  });
  // Pairs by the later claim, so each is visited once: claim j meets the earlier claims filed under its keys.
  const seen = new Int32Array(n).fill(-1);
  const earlier: number[] = [];
  for (let j = 0; j < n; j++) {
    earlier.length = 0;
    const dj = doc[j]!;
    for (const k of keys[j]!) {
      if (!usable[k]) continue;
      for (let q = counts[k]!, end = counts[k + 1]!; q < end; q++) {
        const i = filed[q]!;
        if (i >= j) break;
        if (seen[i] === j || doc[i] === dj) continue;
        seen[i] = j;
        earlier.push(i);
      }
    }
    earlier.sort((a, b) => a - b);
    for (const i of earlier) visit(i, j);
  }
}
