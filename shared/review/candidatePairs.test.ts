import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatePairs, MAX_SHARED } from './candidatePairs';
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

describe('candidate pairs (blocking by rare words, figures and entities)', () => {
  it('on a small project, where every word is a key, lose no pair that scoring every pair keeps: the same clusters', () => {
    fc.assert(
      fc.property(fc.array(claimArb, { minLength: 2, maxLength: 60 }), fc.constantFrom(0.2, 0.35, 0.5, 0.7), (drawn, threshold) => {
        const items = build(drawn);
        const candidates = new Set<string>();
        candidatePairs(items, (i, j) => {
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

  it('does not pair claims that only share a common word, and pairs those sharing a rare one, a figure or an entity', () => {
    // More claims saying "say" than MAX_SHARED allows: "say" is no key.
    const n = MAX_SHARED + 200;
    const drawn: Drawn[] = Array.from({ length: n }, (_, i) => ({ doc: i, terms: ['say', `rare${i}`, `rarer${i}`], entities: [] }));
    drawn.push({ doc: n, terms: ['say', 'rare7'], entities: [] });
    drawn.push({ doc: n + 1, terms: ['say'], number: { kind: 'duration', value: 72 }, entities: [] }, { doc: n + 2, terms: ['say'], number: { kind: 'duration', value: 72 }, entities: [] });
    drawn.push({ doc: n + 3, terms: ['say'], entities: ['scd'] }, { doc: n + 4, terms: ['say'], entities: ['scd'] });
    const pairs: [number, number][] = [];
    candidatePairs(build(drawn), (i, j) => pairs.push([i, j]));
    expect(pairs).toEqual([[7, n], [n + 1, n + 2], [n + 3, n + 4]]);
  });

  it('pairs the reports of one story reprinted word for word by a hundred and fifty outlets', () => {
    const drawn: Drawn[] = Array.from({ length: 300 }, (_, i) => ({ doc: i, terms: i % 2 ? ['airport', 'seize', 'rebel'] : ['pledge', 'aid', 'hour'], entities: [] }));
    let pairs = 0;
    const items = build(drawn);
    candidatePairs(items, (i, j) => {
      expect(i % 2).toBe(j % 2);
      pairs++;
    });
    expect(pairs).toBe(2 * ((150 * 149) / 2));
  });
});
