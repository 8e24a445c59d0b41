import { describe, expect, it } from 'vitest';
import { claimTerms } from './claimTerms';
import { collectClaims } from './collectClaims';
import { claimFeatures, jaccard, similarity } from './similarity';
import { testDocument, type TestClaim } from './testKit';

const h72 = { quote: '72 hours', value: 72, unit: 'hours', quantity: 'duration' };
const russia = { quote: 'Russia', entity: 'russia' };
const army = { quote: 'Syrian army', entity: 'army' };

/** Scores of claim pairs among a small corpus (IDF needs other claims to weigh words). */
function score(a: TestClaim, b: TestClaim): number {
  const filler: TestClaim[] = [
    { text: 'The weather in the capital was mild on Sunday' },
    { text: 'Rebels advanced towards the city of Hama' },
    { text: 'The airport was closed to all flights' },
  ];
  const claims = collectClaims([testDocument('a', 'A', [a]), testDocument('b', 'B', [b]), testDocument('f', 'F', filler)], []);
  const features = claimFeatures(claims, claims.map((c) => claimTerms(c.text)));
  return similarity(features[0]!, features[1]!);
}

describe('claim similarity', () => {
  const cases: [string, TestClaim, TestClaim, number, number][] = [
    [
      'the same pledge in other words',
      { text: 'Russia has promised to send additional military aid to Syria within the next 72 hours', numbers: [h72], actors: [russia] },
      { text: 'Russia has pledged additional military support to Damascus, expected within the next 72 hours', numbers: [h72], actors: [russia] },
      0.6,
      1,
    ],
    ['identical words', { text: 'The airport was closed on Saturday' }, { text: 'The airport was closed on Saturday' }, 0.99, 1.0001],
    [
      'the same actor and claimant, no words in common',
      { text: 'The Syrian army withdrew from key sectors', actors: [army], claimant: { quote: 'army', entity: 'army' } },
      { text: 'Iraqi militants reinforce its units in Aleppo', actors: [{ quote: 'its units', entity: 'army' }], claimant: { quote: 'army', entity: 'army' } },
      0,
      0,
    ],
    [
      'the same words, other numbers of the same kind',
      { text: 'Strikes killed four civilians in Idlib', numbers: [{ quote: 'four', value: 4, unit: 'civilians', quantity: 'casualties killed' }] },
      { text: 'Strikes killed 25 civilians in Idlib', numbers: [{ quote: '25', value: 25, unit: 'civilians', quantity: 'casualties killed' }] },
      0.5,
      0.95,
    ],
  ];
  it.each(cases)('%s', (_name, a, b, min, max) => {
    const s = score(a, b);
    expect(s).toBeGreaterThanOrEqual(min);
    expect(s).toBeLessThanOrEqual(max);
  });

  it('folds synonyms and plurals in claim terms', () => {
    expect(claimTerms('300+ Insurgents Killed')).toEqual(['fighter', 'kill']);
    expect(claimTerms('Russia pledged assistance')).toEqual(['russia', 'promise', 'aid']);
  });

  it('jaccard is 0 for two empty sets', () => {
    expect(jaccard(new Set(), new Set())).toBe(0);
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3);
  });
});
