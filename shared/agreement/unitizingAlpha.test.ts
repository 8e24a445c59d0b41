import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addUnitizingTallies, binaryTally, emptyUnitizingTally, partition, unitizingAlpha, unitizingDisagreement, unitizingTally, type Segment } from './unitizingAlpha';

/** [first, last] character, 1-based and inclusive as printed in the book, to [start, end). */
const seg = (first: number, last: number, value: string): Segment => ({ start: first - 1, end: last, value });

describe('unitizing alpha (Krippendorff, Mathet, Bouvry & Widlöcher 2016; Krippendorff 2019, §12.6)', () => {
  it('reproduces the published worked example: three observers on a continuum of 60, uα = 0.510 and |uα = 0.413', () => {
    // Krippendorff (2019), Content Analysis, 4th ed., §12.6, Figure 12.11 (p. 340): Alex, Paul and Suzan
    // unitize 60 characters with values 1–7. The book's figures: uα = .510 (eq. 34) and |uα = .413
    // (eq. 35). The segments below are those of that figure as transcribed in the test suite of the R
    // package quallmer (tests/testthat/test-alpha_u.R), which checks its own implementation against
    // the same two values; we could not read the book's page ourselves.
    const alex = [seg(1, 7, '1'), seg(8, 13, '2'), seg(31, 32, '5'), seg(33, 37, '6'), seg(38, 44, '6'), seg(45, 60, '7')];
    const paul = [seg(1, 7, '1'), seg(8, 13, '3'), seg(14, 21, '5'), seg(33, 44, '6')];
    const suzan = [seg(1, 7, '1'), seg(8, 13, '4'), seg(14, 21, '5'), seg(33, 37, '6'), seg(38, 41, '6'), seg(42, 44, '6')];
    const tally = unitizingTally([alex, paul, suzan], 60);
    expect(unitizingAlpha(tally)!.toFixed(3)).toBe('0.510');
    // |uα: 0.41360 here against the book's .413, within 0.001 (quallmer accepts ±0.002; the book's
    // intermediate matrices are printed rounded, which may explain the last digit).
    expect(Math.abs(unitizingAlpha(binaryTally(tally))! - 0.413)).toBeLessThan(0.001);
    // l.. = m · L: every character of every observer is paired once.
    expect([...tally.observed.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(3 * 60, 9);
  });

  it('computes a two-observer case worked by hand', () => {
    // A marks [2,6), B marks [3,7) of 10 characters. l_φφ = 10, l_xx = 6, l_xφ = l_φx = 2 (l.. = 20);
    // self-pairs: gaps 2+4+3+3 = 12, units 4²+4² = 32; e_φφ = 20·(12²−12)/(400−44) = 7.4157,
    // e_xx = 20·(8²−32)/356 = 1.7978; D_o = 4, D_e = 20 − 9.2135 = 10.7865; uα = 1 − 4/10.7865 = 0.6292.
    const t = unitizingTally([[{ start: 2, end: 6, value: 'x' }], [{ start: 3, end: 7, value: 'x' }]], 10);
    const d = unitizingDisagreement(t);
    expect(d.observed).toBeCloseTo(4, 9);
    expect(d.expected).toBeCloseTo(10.7865, 4);
    expect(unitizingAlpha(t)!).toBeCloseTo(0.6292, 4);
  });

  it('is 1 for identical unitizations, undefined when nobody marked anything, below 0 for systematic disagreement', () => {
    const same = [{ start: 0, end: 4, value: 'a' }, { start: 6, end: 9, value: 'b' }];
    expect(unitizingAlpha(unitizingTally([same, same, same], 12))).toBe(1);
    expect(unitizingAlpha(unitizingTally([[], []], 12))).toBeNull();
    expect(unitizingAlpha(unitizingTally([[{ start: 0, end: 6, value: 'a' }], [{ start: 6, end: 12, value: 'a' }]], 12))!).toBeLessThan(0);
  });

  it('fills the gaps of a unitization and refuses overlapping units', () => {
    expect(partition([{ start: 3, end: 5, value: 'a' }], 8)).toEqual([
      { start: 0, end: 3, value: '' },
      { start: 3, end: 5, value: 'a' },
      { start: 5, end: 8, value: '' },
    ]);
    expect(() => partition([{ start: 0, end: 5, value: 'a' }, { start: 4, end: 6, value: 'b' }], 8)).toThrow('overlap');
  });

  const unitizations = (length: number) =>
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: length - 1 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom('a', 'b')), { maxLength: 6 })
      .map((units) => {
        // Non-overlapping: keep units that start after the previous one ended.
        const out: Segment[] = [];
        let at = 0;
        for (const [start, len, value] of [...units].sort((x, y) => x[0] - y[0])) {
          if (start < at) continue;
          const end = Math.min(length, start + len);
          out.push({ start, end, value });
          at = end;
        }
        return out;
      });

  it('adds over documents as one continuum laid end to end, and does not depend on the order of observers', () => {
    fc.assert(
      fc.property(fc.array(unitizations(30), { minLength: 3, maxLength: 3 }), fc.array(unitizations(20), { minLength: 3, maxLength: 3 }), (first, second) => {
        const pooled = emptyUnitizingTally();
        addUnitizingTallies(pooled, unitizingTally(first, 30));
        addUnitizingTallies(pooled, unitizingTally(second, 20));
        const joined = first.map((units, i) => [...units, ...second[i]!.map((s) => ({ ...s, start: s.start + 30, end: s.end + 30 }))]);
        const whole = unitizingTally(joined, 50);
        const [a, b] = [unitizingDisagreement(pooled), unitizingDisagreement(whole)];
        expect(a.observed).toBeCloseTo(b.observed, 9);
        expect(a.expected).toBeCloseTo(b.expected, 9);
        const reversed = unitizingDisagreement(unitizingTally([...first].reverse(), 30));
        const forward = unitizingDisagreement(unitizingTally(first, 30));
        expect(reversed.observed).toBeCloseTo(forward.observed, 9);
        expect(reversed.expected).toBeCloseTo(forward.expected, 9);
      }),
      { numRuns: 200 },
    );
  });
});
