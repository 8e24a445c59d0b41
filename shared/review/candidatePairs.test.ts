import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatePairs } from './candidatePairs';
import { suggestClusters } from './cluster';
import { claimFeatures, similarity } from './similarity';
import type { ReviewClaim, ReviewNumber } from './types';

/** Claims drawn from a small vocabulary (many shared words), with numbers, entities and claimants now and then. */
const WORDS = ['russia', 'promise', 'aid', 'syria', 'kill', 'civilian', 'strike', 'idlib', 'airport', 'close', 'rebel', 'advance', 'hama', 'army', 'withdraw', 'say', 'week', 'city', 'fighter', 'iran'];
const claimArb = fc.record({
  doc: fc.integer({ min: 0, max: 7 }),
  terms: fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 8 }),
  number: fc.option(fc.record({ kind: fc.constantFrom('casualties killed', 'duration'), value: fc.integer({ min: 1, max: 5 }) }), { nil: undefined }),
  entities: fc.array(fc.constantFrom('russia', 'syria', 'scd'), { maxLength: 2 }),
  claimant: fc.option(fc.constantFrom('reuters', 'army'), { nil: undefined }),
});

type Drawn = { doc: number; terms: string[]; number?: { kind: string; value: number } | undefined; entities: string[]; claimant?: string | undefined };

function build(drawn: Drawn[]) {
  const claims = drawn.map((d, i): ReviewClaim => {
    const numbers: ReviewNumber[] = d.number
      ? [{ spanId: 'n', quote: String(d.number.value), value: d.number.value, approx: 'exact', valueMax: null, unit: null, quantity: d.number.kind, interval: { lo: d.number.value, hi: d.number.value, loOpen: false, hiOpen: false }, normalised: String(d.number.value), derived: [] }]
      : [];
    return {
      key: `d${d.doc}/c${i}`, docId: `d${d.doc}`, spanId: `c${i}`, start: 0, end: 1, text: d.terms.join(' '), source: { docId: `d${d.doc}`, title: '', outlet: null },
      claimants: d.claimant ? [{ spanId: 'a', quote: d.claimant, entityId: d.claimant, name: d.claimant, derived: false }] : [],
      numbers, entities: [...new Set(d.entities)].sort(), actorNames: [],
    };
  });
  const features = claimFeatures(claims, drawn.map((d) => d.terms));
  return claims.map((c, i) => ({ key: c.key, docId: c.docId, features: features[i]! }));
}

describe('candidate pairs (prefix-filtered search) lose no pair that all-pairs scoring keeps', () => {
  it('every pair reaching the threshold is a candidate, and the clusters are the same', () => {
    fc.assert(
      fc.property(fc.array(claimArb, { minLength: 2, maxLength: 60 }), fc.constantFrom(0.2, 0.35, 0.5, 0.7), (drawn, threshold) => {
        const items = build(drawn);
        const candidates = new Set<string>();
        candidatePairs(items, threshold, (i, j) => {
          expect(i).toBeLessThan(j);
          expect(items[i]!.docId).not.toBe(items[j]!.docId);
          candidates.add(`${i}:${j}`);
        });
        for (let i = 0; i < items.length; i++) {
          for (let j = i + 1; j < items.length; j++) {
            if (items[i]!.docId === items[j]!.docId) continue;
            if (similarity(items[i]!.features, items[j]!.features) >= threshold) expect(candidates.has(`${i}:${j}`)).toBe(true);
          }
        }
        expect(suggestClusters(items, threshold, 'candidates')).toEqual(suggestClusters(items, threshold, 'all'));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out pairs that share no word and most pairs that only share a common one', () => {
    const drawn = Array.from({ length: 40 }, (_, i) => ({ doc: i, terms: ['say', `rare${i}`, `rarer${i}`, `rarest${i}`], number: undefined, entities: [], claimant: undefined }));
    let visited = 0;
    candidatePairs(build(drawn), 0.35, () => visited++);
    expect(visited).toBe(0);
  });
});
