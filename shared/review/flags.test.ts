import { describe, expect, it } from 'vitest';
import { collectClaims } from './collectClaims';
import { LISTED_PAIR_FLAGS, NAMED_IN_REASON, attributionFlags, clusterFlags, crossClusterFlags } from './flags';
import { testDocument, type TestClaim } from './testKit';

const claimsOf = (...docs: [string, TestClaim][]) => collectClaims(docs.map(([outlet, c], i) => testDocument(`d${i}`, outlet, [c])), []);
const killed = (quote: string, value: number, approx = 'exact', unit = 'civilians') => ({ quote, value, approx, unit, quantity: 'casualties killed' });

describe('number conflicts in a cluster', () => {
  const cases: [string, TestClaim, TestClaim, number][] = [
    ['4 killed vs 25 killed', { text: 'strikes killed four', numbers: [killed('four', 4)] }, { text: 'strikes killed 25', numbers: [killed('25', 25)] }, 1],
    ['300+ vs at least 400', { text: 'over 300 killed', numbers: [killed('over 300', 300, 'more than', 'insurgents')] }, { text: 'at least 400 killed', numbers: [killed('at least 400', 400, 'at least', 'insurgents')] }, 0],
    ['exactly 200 vs at least 300', { text: '200 killed', numbers: [killed('200', 200)] }, { text: 'at least 300 killed', numbers: [killed('at least 300', 300, 'at least')] }, 1],
    ['different quantities are not compared', { text: 'four killed', numbers: [killed('four', 4)] }, { text: '25 injured', numbers: [{ quote: '25', value: 25, unit: 'civilians', quantity: 'casualties injured' }] }, 0],
    ['different units are not compared', { text: 'four killed', numbers: [killed('four', 4)] }, { text: '10 children killed', numbers: [killed('10', 10, 'exact', 'children')] }, 0],
    ['a missing unit is compared', { text: 'four killed', numbers: [killed('four', 4)] }, { text: '10 killed', numbers: [{ quote: '10', value: 10, quantity: 'casualties killed' }] }, 1],
    ['same 72 hours', { text: 'within 72 hours', numbers: [{ quote: '72 hours', value: 72, unit: 'hours', quantity: 'duration' }] }, { text: 'in the next 72 hours', numbers: [{ quote: '72 hours', value: 72, unit: 'hours', quantity: 'duration' }] }, 0],
  ];
  it.each(cases)('%s', (_name, a, b, conflicts) => {
    const flags = clusterFlags(claimsOf(['A', a], ['B', b])).filter((f) => f.kind === 'number-conflict');
    expect(flags).toHaveLength(conflicts);
  });

  it('says why, naming the outlets and the values', () => {
    const [flag] = clusterFlags(claimsOf(['Outlet A', { text: 'four killed', numbers: [killed('four', 4)] }], ['Outlet B', { text: 'at least 25 killed', numbers: [killed('at least 25', 25, 'at least')] }]));
    expect(flag!.reason).toBe('Outlet A says "four" civilians (casualties killed), Outlet B says "at least 25" civilians (casualties killed): 4 and ≥ 25 do not overlap.');
  });
});

describe('attribution flags', () => {
  const by = (quote: string, entity?: string) => ({ quote, ...(entity ? { entity } : {}) });
  const cases: [string, (TestClaim['claimant'] | undefined)[], string[]][] = [
    ['same source', [by('Reuters', 'reuters'), by('Reuters', 'reuters')], []],
    ['same entity under two names', [by('White Helmets', 'scd'), by('Syrian Civil Defense', 'scd')], []],
    ['different sources', [by('Reuters', 'reuters'), by('Syrian military', 'army')], ['attribution-different']],
    ['attributed in one, not in the other', [by('Reuters', 'reuters'), undefined], ['attribution-missing']],
    ['unattributed everywhere', [undefined, undefined], []],
    ['no entity: compared by words', [by('the ministry'), by('The Ministry')], []],
  ];
  it.each(cases)('%s', (_name, claimants, kinds) => {
    const claims = claimsOf(...claimants.map((c, i): [string, TestClaim] => [`O${i}`, { text: 'Russia promised aid', ...(c ? { claimant: c } : {}) }]));
    expect(attributionFlags(claims).map((f) => f.kind)).toEqual(kinds);
  });
});

describe('conflicts across clusters', () => {
  it('flags casualty figures of claims sharing an entity, not durations, not without a shared entity', () => {
    const [a, b, c] = claimsOf(
      ['A', { text: 'strikes by Russia killed four', numbers: [killed('four', 4), { quote: 'four', value: 4, unit: 'hours', quantity: 'duration' }], actors: [{ quote: 'Russia', entity: 'russia' }] }],
      ['B', { text: 'at least 25 died in strikes by Russia', numbers: [killed('at least 25', 25, 'at least'), { quote: '25', value: 25, unit: 'hours', quantity: 'duration' }], actors: [{ quote: 'Russia', entity: 'russia' }] }],
      ['C', { text: 'strikes killed 40', numbers: [killed('40', 40)] }],
    );
    const flags = crossClusterFlags([a!], [b!], (id) => id.toUpperCase());
    expect(flags.map((f) => f.reason)).toEqual(['A says "four" civilians (casualties killed), B says "at least 25" civilians (casualties killed): 4 and ≥ 25 do not overlap. (another cluster; both involve RUSSIA)']);
    expect(crossClusterFlags([a!], [c!], (id) => id)).toEqual([]);
  });
});

describe('a cluster chained by the 0.35 threshold over a newsroom corpus', () => {
  it('lists the first LISTED_PAIR_FLAGS pair flags of 520 claims each attributed to another source and counts the rest (200,000-claim review crashed: stack overflow)', () => {
    const n = 520;
    const claims = claimsOf(...Array.from({ length: n }, (_, i): [string, TestClaim] => [`O${i}`, { text: 'Russia promised aid', claimant: { quote: `Source ${i}`, entity: `s${i}` } }]));
    const flags = clusterFlags(claims);
    expect(flags).toHaveLength(LISTED_PAIR_FLAGS + 1);
    expect(flags.every((f) => f.kind === 'attribution-different')).toBe(true);
    expect(flags[LISTED_PAIR_FLAGS]!.reason).toBe(`…and ${((n * (n - 1)) / 2 - LISTED_PAIR_FLAGS).toLocaleString('en-US')} more pairs of claims attributed to different sources, not listed (the first 200 are).`);
  });

  it('counts number conflicts beyond the listed ones', () => {
    const claims = claimsOf(...Array.from({ length: 30 }, (_, i): [string, TestClaim] => [`O${i}`, { text: `strikes killed ${i + 1}`, numbers: [killed(String(i + 1), i + 1)] }]));
    const flags = clusterFlags(claims);
    expect(flags.filter((f) => f.claims.length === 2)).toHaveLength(LISTED_PAIR_FLAGS);
    expect(flags.at(-1)!.reason).toBe('…and 235 more pairs of claims with numbers that disagree, not listed (the first 200 are).');
  });

  it('names at most NAMED_IN_REASON outlets in a sentence, and counts the others', () => {
    const claims = claimsOf(
      ...Array.from({ length: 15 }, (_, i): [string, TestClaim] => [`O${i}`, { text: 'Russia promised aid', claimant: { quote: 'Reuters', entity: 'reuters' } }]),
      ['Bare', { text: 'Russia promised aid' }],
    );
    const [missing] = attributionFlags(claims).filter((f) => f.kind === 'attribution-missing');
    expect(missing!.reason.match(/Reuters in O\d+/g)).toHaveLength(NAMED_IN_REASON);
    expect(missing!.reason).toMatch(/^Attributed to Reuters in O\d+; .*; and 5 more outlets, but unattributed in Bare\.$/);
    expect(missing!.claims).toHaveLength(16);
  });
});
