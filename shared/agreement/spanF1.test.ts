import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchSpans } from './spanMatching';
import { f1, spanCountsByLabel } from './spanF1';
import type { AgreementSpan } from './types';

const span = (start: number, end: number, label = 'actor'): AgreementSpan => ({ start, end, label });

describe('span matching and F1', () => {
  it('matches exact spans only with the same start, end and label', () => {
    const a = [span(0, 5), span(10, 20, 'claim'), span(30, 35)];
    const b = [span(0, 5), span(10, 20), span(30, 36)];
    const c = spanCountsByLabel(a, b, 'exact');
    expect(c.get('actor')).toEqual({ a: 2, b: 3, matched: 1 });
    expect(c.get('claim')).toEqual({ a: 1, b: 0, matched: 0 });
  });

  it('pairs overlapping spans one to one, largest overlap first', () => {
    // A's [0,10) overlaps B's [0,4) by 4 and [5,12) by 5: it takes [5,12); [0,4) then pairs with A's [2,4).
    const a = [span(0, 10), span(2, 4)];
    const b = [span(0, 4), span(5, 12)];
    expect(matchSpans(a, b, 'overlap')).toEqual([
      { a: 0, b: 1 },
      { a: 1, b: 0 },
    ]);
    // One long span against two short ones: only one pair.
    expect(matchSpans([span(0, 20)], [span(0, 5), span(10, 15)], 'overlap')).toEqual([{ a: 0, b: 0 }]);
    // Touching spans do not overlap (end is exclusive); other labels never match.
    expect(matchSpans([span(0, 5)], [span(5, 9)], 'overlap')).toEqual([]);
    expect(matchSpans([span(0, 5)], [span(0, 5, 'claim')], 'overlap')).toEqual([]);
  });

  it('computes F1 = 2·matched/(|A|+|B|) by hand', () => {
    // A: 3 actors, B: 2 actors, 1 exact match, 2 overlap matches.
    const a = [span(0, 5), span(10, 15), span(20, 25)];
    const b = [span(0, 5), span(11, 15)];
    expect(f1(spanCountsByLabel(a, b, 'exact').get('actor')!)).toBeCloseTo(2 / 5, 12);
    expect(f1(spanCountsByLabel(a, b, 'overlap').get('actor')!)).toBeCloseTo(4 / 5, 12);
    expect(f1({ a: 0, b: 0, matched: 0 })).toBe(1);
  });

  it('is symmetric and never matches more than either side has', () => {
    const arb = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 15 }), fc.constantFrom('a', 'b')).map(([s, l, label]) => span(s, s + l, label)),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        for (const m of ['exact', 'overlap'] as const) {
          const ab = matchSpans(a, b, m);
          const ba = matchSpans(b, a, m);
          expect(ab.length).toBe(ba.length);
          expect(new Set(ab.map((p) => p.a)).size).toBe(ab.length);
          expect(new Set(ab.map((p) => p.b)).size).toBe(ab.length);
          for (const p of ab) expect(a[p.a]!.label).toBe(b[p.b]!.label);
        }
        expect(matchSpans(a, b, 'overlap').length).toBeGreaterThanOrEqual(matchSpans(a, b, 'exact').length);
      }),
    );
  });
});
