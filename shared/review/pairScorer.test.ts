import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairScorer } from './pairScorer';
import { cosine, similarity, type ClaimFeatures } from './similarity';

/** Features drawn from small vocabularies, so that claims share terms, figures, entities and claimants, or not. */
const setArb = (values: string[]) => fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 }).map((xs) => new Set(xs));
const featuresArb: fc.Arbitrary<ClaimFeatures> = fc
  .record({
    terms: fc.uniqueArray(fc.tuple(fc.constantFrom('aid', 'russia', 'kill', 'airport', 'hama', 'rebel', 'say', 'week'), fc.double({ min: 0.5, max: 9, noNaN: true })), { selector: ([t]) => t, maxLength: 6 }),
    numberKinds: setArb(['casualties killed|civilian', 'duration|hour']),
    numberValues: setArb(['casualties killed|civilian|4', 'casualties killed|civilian|25', 'duration|hour|72']),
    entities: setArb(['russia', 'syria', '~rebels']),
    claimants: setArb(['reuters', 'army']),
  })
  .map(({ terms, ...sets }) => ({ vector: new Map(terms), norm: Math.hypot(...terms.map(([, w]) => w)), ...sets }));

describe('pair scorer', () => {
  it('scores every pair as similarity.ts does', () => {
    fc.assert(
      fc.property(fc.array(featuresArb, { minLength: 2, maxLength: 12 }), (features) => {
        const scorer = pairScorer(features);
        for (let i = 0; i < features.length; i++) {
          for (let j = 0; j < features.length; j++) {
            expect(scorer.cosine(i, j)).toBeCloseTo(cosine(features[i]!, features[j]!), 12);
            expect(scorer.similarity(i, j)).toBeCloseTo(similarity(features[i]!, features[j]!), 12);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
