import { MIN_TEXT_COSINE, WEIGHTS, type ClaimFeatures } from './similarity';

/**
 * similarity.ts for many pairs of one project's claims: each claim's terms, figures, entities and
 * claimants packed once as sorted integer ids in flat typed arrays, so that scoring a pair is a
 * merge of short arrays instead of Map and Set look-ups by string (a 200,000-claim review scores
 * tens of millions of candidate pairs). The formula is similarity.ts's, term for term; a unit
 * test holds the two equal.
 */
export interface PairScorer {
  cosine(i: number, j: number): number;
  similarity(i: number, j: number): number;
  /** similarity(i, j) when their cosine is already known. */
  similarityWith(i: number, j: number, text: number): number;
}

/** Sets of strings as sorted id runs in one array: set k is ids[start[k] .. start[k+1]). */
interface Packed {
  start: Int32Array;
  ids: Int32Array;
}

function pack(sets: readonly Iterable<string>[], ids: Map<string, number>): Packed {
  const runs = sets.map((set) => {
    const run: number[] = [];
    for (const s of set) {
      let id = ids.get(s);
      if (id === undefined) ids.set(s, (id = ids.size));
      run.push(id);
    }
    return run.sort((a, b) => a - b);
  });
  const start = new Int32Array(sets.length + 1);
  runs.forEach((run, k) => (start[k + 1] = start[k]! + run.length));
  const flat = new Int32Array(start[sets.length]!);
  runs.forEach((run, k) => flat.set(run, start[k]!));
  return { start, ids: flat };
}

/** |A ∩ B| / |A ∪ B| of sets i and j; 0 when both are empty. */
function jaccard(p: Packed, i: number, j: number): number {
  let a = p.start[i]!;
  const aEnd = p.start[i + 1]!;
  let b = p.start[j]!;
  const bEnd = p.start[j + 1]!;
  const sizes = aEnd - a + (bEnd - b);
  if (sizes === 0) return 0;
  let both = 0;
  while (a < aEnd && b < bEnd) {
    const x = p.ids[a]!;
    const y = p.ids[b]!;
    if (x === y) {
      both++;
      a++;
      b++;
    } else if (x < y) a++;
    else b++;
  }
  return both / (sizes - both);
}

const size = (p: Packed, i: number) => p.start[i + 1]! - p.start[i]!;

export function pairScorer(features: readonly ClaimFeatures[]): PairScorer {
  const termIds = new Map<string, number>();
  const terms = pack(
    features.map((f) => f.vector.keys()),
    termIds,
  );
  const weights = new Float64Array(terms.ids.length);
  const names = [...termIds.keys()];
  features.forEach((f, k) => {
    for (let q = terms.start[k]!; q < terms.start[k + 1]!; q++) weights[q] = f.vector.get(names[terms.ids[q]!]!)!;
  });
  const norms = Float64Array.from(features, (f) => f.norm);
  const other = new Map<string, number>();
  const kinds = pack(
    features.map((f) => f.numberKinds),
    other,
  );
  const values = pack(
    features.map((f) => f.numberValues),
    other,
  );
  const entities = pack(
    features.map((f) => f.entities),
    other,
  );
  const claimants = pack(
    features.map((f) => f.claimants),
    other,
  );

  const cosine = (i: number, j: number): number => {
    if (norms[i] === 0 || norms[j] === 0) return 0;
    let a = terms.start[i]!;
    const aEnd = terms.start[i + 1]!;
    let b = terms.start[j]!;
    const bEnd = terms.start[j + 1]!;
    let dot = 0;
    while (a < aEnd && b < bEnd) {
      const x = terms.ids[a]!;
      const y = terms.ids[b]!;
      if (x === y) dot += weights[a++]! * weights[b++]!;
      else if (x < y) a++;
      else b++;
    }
    return dot / (norms[i]! * norms[j]!);
  };

  const similarityWith = (i: number, j: number, text: number): number => {
    if (text < MIN_TEXT_COSINE) return 0;
    let score = WEIGHTS.text * text;
    let weight = WEIGHTS.text;
    if (size(kinds, i) + size(kinds, j) > 0) {
      score += (WEIGHTS.numbers * (jaccard(kinds, i, j) + jaccard(values, i, j))) / 2;
      weight += WEIGHTS.numbers;
    }
    if (size(entities, i) + size(entities, j) > 0) {
      score += WEIGHTS.entities * jaccard(entities, i, j);
      weight += WEIGHTS.entities;
    }
    if (size(claimants, i) + size(claimants, j) > 0) {
      score += WEIGHTS.claimants * jaccard(claimants, i, j);
      weight += WEIGHTS.claimants;
    }
    return score / weight;
  };

  return { cosine, similarityWith, similarity: (i, j) => similarityWith(i, j, cosine(i, j)) };
}
