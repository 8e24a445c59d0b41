import { describe, expect, it } from 'vitest';
import type { ReviewCluster } from '../../../shared/review/types';
import { follow, reviewKey, type Cursor } from './reviewCursor';

const claim = (key: string) => ({ key, docId: key.split('/')[0]!, spanId: key.split('/')[1]! }) as ReviewCluster['claims'][number];
const cluster = (...keys: string[]) => ({ id: keys[0]!, claims: keys.map(claim), outlets: keys.length, flags: [], decided: false }) as ReviewCluster;
const clusters = [cluster('a/1', 'b/1', 'c/1'), cluster('a/2'), cluster('b/2', 'c/2')];
const at = (c: number, m = 0, moving: string | null = null): Cursor => ({ cluster: c, claim: m, moving });

describe('review keys', () => {
  const cases: [string, Cursor, unknown][] = [
    ['j', at(0), { kind: 'cursor', cursor: at(1) }],
    ['ArrowDown', at(2), { kind: 'cursor', cursor: at(2) }],
    ['k', at(1, 0), { kind: 'cursor', cursor: at(0) }],
    ['ArrowUp', at(0), { kind: 'cursor', cursor: at(0) }],
    ['l', at(0, 1), { kind: 'cursor', cursor: at(0, 2) }],
    ['ArrowRight', at(0, 2), { kind: 'cursor', cursor: at(0, 2) }],
    ['h', at(0, 1), { kind: 'cursor', cursor: at(0, 0) }],
    ['Enter', at(0, 1), { kind: 'open', docId: 'b', spanId: '1' }],
    ['m', at(1), { kind: 'decide', decision: { op: 'merge', claim: 'a/2', target: 'b/2' }, follow: 'a/2' }],
    ['m', at(2), { kind: 'none' }],
    ['s', at(0, 2), { kind: 'decide', decision: { op: 'split', claim: 'c/1' }, follow: 'c/1' }],
    ['s', at(1), { kind: 'none' }],
    ['t', at(0, 1), { kind: 'cursor', cursor: at(0, 1, 'b/1') }],
    ['t', at(0, 1, 'b/1'), { kind: 'cursor', cursor: at(0, 1) }],
    ['Enter', at(2, 0, 'b/1'), { kind: 'decide', decision: { op: 'move', claim: 'b/1', target: 'b/2' }, follow: 'b/1' }],
    ['Enter', at(0, 0, 'b/1'), { kind: 'cursor', cursor: at(0, 0) }],
    ['u', at(0), { kind: 'undo' }],
    ['e', at(0), { kind: 'export' }],
    ['x', at(0), { kind: 'none' }],
  ];
  it.each(cases)('%s at %o', (key, cursor, expected) => {
    expect(reviewKey(key, cursor, clusters)).toEqual(expected);
  });

  it('c confirms the claims of the cluster that have derived values, and only those', () => {
    const withValues = (key: string, numberDerived: string[], claimantDerived: boolean) =>
      ({ ...claim(key), numbers: [{ derived: numberDerived }], claimants: [{ derived: claimantDerived }] }) as unknown as ReviewCluster['claims'][number];
    const derived = { ...cluster('a/9'), claims: [withValues('a/9', ['value'], false), withValues('b/9', [], true), withValues('c/9', [], false)] };
    const plain = { ...cluster('d/9'), claims: [withValues('d/9', [], false)] };
    expect(reviewKey('c', at(0), [derived, plain])).toEqual({ kind: 'confirm', claims: ['a/9', 'b/9'] });
    expect(reviewKey('c', at(1), [derived, plain])).toEqual({ kind: 'none' });
  });

  it('follows a claim after the clusters were re-sorted', () => {
    expect(follow(clusters, 'c/2')).toEqual(at(2, 1));
    expect(follow(clusters, 'gone/1')).toEqual(at(0));
  });
});
