import { describe, expect, it } from 'vitest';
import type { ReviewDecisionInput } from './claimsFile';
import { applyDecisions } from './decisions';

const base = [['a/1', 'b/1', 'c/1'], ['a/2'], ['b/2', 'c/2']];

describe('applyDecisions', () => {
  const cases: [string, ReviewDecisionInput[], string[][], number][] = [
    ['no decisions: the suggestions', [], base, 0],
    ['split takes a claim out', [{ op: 'split', claim: 'b/1' }], [['a/1', 'c/1'], ['a/2'], ['b/2', 'c/2'], ['b/1']], 0],
    ['merge joins the target cluster into the claim cluster', [{ op: 'merge', claim: 'a/2', target: 'b/2' }], [['a/1', 'b/1', 'c/1'], ['a/2', 'b/2', 'c/2']], 0],
    ['move puts one claim into the target cluster', [{ op: 'move', claim: 'c/1', target: 'a/2' }], [['a/1', 'b/1'], ['c/1', 'a/2'], ['b/2', 'c/2']], 0],
    ['decisions replay in order', [{ op: 'split', claim: 'b/1' }, { op: 'move', claim: 'b/1', target: 'b/2' }], [['a/1', 'c/1'], ['a/2'], ['b/1', 'b/2', 'c/2']], 0],
    ['a merge within one cluster changes nothing', [{ op: 'merge', claim: 'a/1', target: 'c/1' }], base, 0],
    ['a decision naming a removed claim is stale', [{ op: 'move', claim: 'z/9', target: 'a/1' }, { op: 'split', claim: 'x/1' }], base, 2],
  ];
  it.each(cases)('%s', (_name, decisions, expected, stale) => {
    const out = applyDecisions(base, decisions);
    expect(out.clusters).toEqual(expected);
    expect(out.stale).toBe(stale);
  });

  it('keeps a decision over new suggestions: a split claim stays alone whatever is suggested', () => {
    const suggested = [['a/1', 'b/1', 'c/1', 'd/1']];
    expect(applyDecisions(suggested, [{ op: 'split', claim: 'b/1' }]).clusters).toEqual([['a/1', 'c/1', 'd/1'], ['b/1']]);
    expect(applyDecisions(suggested, [{ op: 'split', claim: 'b/1' }]).decided).toEqual(new Set(['b/1']));
  });
});
