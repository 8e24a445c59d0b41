import { type ClaimFeatures } from './similarity';

/**
 * The pairs of claims worth scoring (issue 18: 200,000 claims, not 2·10¹⁰ pairs). Blocking, as in
 * record linkage: each claim is filed under a few keys, and only claims that share a key are
 * scored. The keys are what two reports of one claim share and unrelated claims rarely do:
 *  - its KEY_TERMS rarest words (by how many claims of the project use them), the words that
 *    make it this claim ("airport", "pledge", a place) rather than any claim ("said", "Syria");
 *  - each figure it states, by kind and value ("casualties killed|civilian|4");
 *  - each entity of the actors in it and of its claimants.
 * A key shared by more than maxShared(n) claims is no key (a common word, "Russia"): pairs that
 * only share those are not scored. Unlike scoring every pair this can miss a pair that would have
 * been joined: two wordings of one claim that share none of their rarest words, no figure and no
 * entity. On the review sample (tagged, and as plain spans) and on the 200-document benchmark the
 * clusters are those of scoring every pair (a test and `npm run bench` check it); the bench also
 * compares the two on a 1,840-claim synthetic newsroom.
 *
 * An exact search (all pairs whose word cosine reaches MIN_TEXT_COSINE, with the prefix filter
 * of Bayardo et al. 2007) was tried first: on news-like text a fifth of all pairs share a word
 * that is not common enough to leave out, so it scored 40 million pairs for 20,000 claims. MinHash
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
 * Above this many claims, a key is too common to block on: 0.5 % of the claims, at least 1,000.
 * The floor matters where one story is told many times (a wire story reprinted by dozens of
 * outlets): with a floor of 100, the 200-document benchmark (each sample claim in 40 copies, so a
 * word of three outlets' versions is in 120 claims) lost a third of its clusters' pairs.
 */
export const maxShared = (claims: number) => Math.max(1000, Math.ceil(claims / 200));

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
  const limit = maxShared(n);
  const df = new Map<string, number>();
  for (const it of items) for (const t of it.features.vector.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const postings = new Map<string, number[]>();
  const keys = items.map((it) => keysOf(it.features, df, limit));
  keys.forEach((ks, i) => {
    for (const k of ks) {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
  });
  // Pairs by the later claim, so each is visited once: claim j meets the earlier claims filed under its keys.
  const seen = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    const earlier: number[] = [];
    for (const k of keys[j]!) {
      const list = postings.get(k)!;
      if (list.length > limit) continue;
      for (const i of list) {
        if (i >= j) break;
        if (seen[i] === j || items[i]!.docId === items[j]!.docId) continue;
        seen[i] = j;
        earlier.push(i);
      }
    }
    earlier.sort((a, b) => a - b);
    for (const i of earlier) visit(i, j);
  }
}
