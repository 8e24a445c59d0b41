import { claimantId } from './collectClaims';
import { unitKey } from './nameMatch';
import type { ReviewClaim, ReviewNumber } from './types';

/**
 * How much two claims look like the same statement, 0..1: TF-IDF cosine over their terms
 * (claimTerms.ts; IDF over all the project's claims, so words every claim uses count little),
 * plus strong features: the numbers they state (same kind of quantity, and the same value) and
 * the entities of the actors inside them, plus a little for a shared claimant. A feature neither
 * claim has (no numbers in either, say) is left out and the other weights count for more, so
 * claims without numbers are not held to a lower score.
 */
export const WEIGHTS = { text: 0.45, numbers: 0.35, entities: 0.12, claimants: 0.08 } as const;
/**
 * Below this text cosine two claims are not the same statement, whatever else they share: two
 * claims about the Syrian army from the same source but with no words in common are two claims.
 */
export const MIN_TEXT_COSINE = 0.2;

export interface ClaimFeatures {
  vector: Map<string, number>;
  norm: number;
  numberKinds: Set<string>;
  numberValues: Set<string>;
  entities: Set<string>;
  claimants: Set<string>;
}

export { unitKey };
const kindKey = (n: ReviewNumber) => `${n.quantity ?? ''}|${unitKey(n.unit)}`;
const valueKey = (n: ReviewNumber) => `${kindKey(n)}|${n.normalised}`;

/** Term vectors weighted by TF-IDF over the given claims (terms per claim, same order). */
export function claimFeatures(claims: readonly ReviewClaim[], terms: readonly string[][]): ClaimFeatures[] {
  const df = new Map<string, number>();
  for (const ts of terms) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  const total = claims.length;
  return claims.map((c, i) => {
    const tf = new Map<string, number>();
    for (const t of terms[i]!) tf.set(t, (tf.get(t) ?? 0) + 1);
    const vector = new Map<string, number>();
    let sq = 0;
    for (const [t, f] of tf) {
      const w = (1 + Math.log(f)) * (Math.log((total + 1) / ((df.get(t) ?? 0) + 1)) + 1);
      vector.set(t, w);
      sq += w * w;
    }
    return {
      vector,
      norm: Math.sqrt(sq),
      numberKinds: new Set(c.numbers.map(kindKey)),
      numberValues: new Set(c.numbers.map(valueKey)),
      entities: new Set([...c.entities, ...c.actorNames.map((n) => `~${n}`)]),
      claimants: new Set(c.claimants.map(claimantId)),
    };
  });
}

export function cosine(a: ClaimFeatures, b: ClaimFeatures): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.vector.size <= b.vector.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small.vector) dot += w * (large.vector.get(t) ?? 0);
  return dot / (a.norm * b.norm);
}

/** |A ∩ B| / |A ∪ B|; 0 when both are empty (nothing shared is no evidence). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

export function similarity(a: ClaimFeatures, b: ClaimFeatures): number {
  const text = cosine(a, b);
  if (text < MIN_TEXT_COSINE) return 0;
  let score = WEIGHTS.text * text;
  let weight = WEIGHTS.text;
  if (a.numberKinds.size + b.numberKinds.size > 0) {
    score += (WEIGHTS.numbers * (jaccard(a.numberKinds, b.numberKinds) + jaccard(a.numberValues, b.numberValues))) / 2;
    weight += WEIGHTS.numbers;
  }
  if (a.entities.size + b.entities.size > 0) {
    score += WEIGHTS.entities * jaccard(a.entities, b.entities);
    weight += WEIGHTS.entities;
  }
  if (a.claimants.size + b.claimants.size > 0) {
    score += WEIGHTS.claimants * jaccard(a.claimants, b.claimants);
    weight += WEIGHTS.claimants;
  }
  return score / weight;
}
