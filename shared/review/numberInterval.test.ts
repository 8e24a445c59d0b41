import { describe, expect, it } from 'vitest';
import { compatible, describeValue, intervalOf, whyIncompatible, type NumberValue } from './numberInterval';

const n = (value: number, approx = 'exact', valueMax?: number): NumberValue => ({ value, approx, ...(valueMax !== undefined ? { valueMax } : {}) });

describe('number compatibility', () => {
  // [a, b, compatible, why]
  const cases: [NumberValue, NumberValue, boolean, string][] = [
    [n(300, 'more than'), n(400, 'at least'), true, '"300+" vs "at least 400"'],
    [n(200), n(300, 'at least'), false, '"exactly 200" vs "at least 300"'],
    [n(4), n(25), false, '"4 killed" vs "25 killed"'],
    [n(4), n(25, 'at least'), false, '"four" vs "at least 25"'],
    [n(4), n(4), true, 'same exact value'],
    [n(300, 'more than'), n(300), false, '"300+" excludes 300 itself'],
    [n(300, 'at least'), n(300), true, '"at least 300" includes 300'],
    [n(10, 'about'), n(9), true, '"nearly ten" vs 9 (within 10 %)'],
    [n(10, 'about'), n(8), false, '"about ten" vs "eight"'],
    [n(200, 'about'), n(210), true, '"approximately 200" vs 210'],
    [n(25, 'fewer than'), n(25), false, '"fewer than 25" vs 25'],
    [n(25, 'at most'), n(25), true, '"at most 25" vs 25'],
    [n(25, 'at most'), n(30, 'at least'), false, '"at most 25" vs "at least 30"'],
    [n(10, 'range', 15), n(12), true, '"10-15" vs 12'],
    [n(10, 'range', 15), n(16), false, '"10-15" vs 16'],
    [n(10, 'range', 15), n(15, 'more than'), false, '"10-15" vs "more than 15"'],
    [n(6), n(25), false, '"six injuries" vs "25 injured"'],
    [n(4, 'about'), n(5, 'at least'), false, '"about 4" (3.6-4.4 -> 3.5-4.5) vs "at least 5"'],
    [n(100, 'more than'), n(50, 'fewer than'), false, 'disjoint open ends'],
    [n(100, 'at least'), n(500, 'at most'), true, 'two half-open bounds that meet'],
  ];
  it.each(cases)('%o vs %o: compatible %s (%s)', (a, b, expected) => {
    expect(compatible(a, b)).toBe(expected);
    expect(compatible(b, a)).toBe(expected);
  });

  it('reads intervals', () => {
    expect(intervalOf(n(300, 'more than'))).toEqual({ lo: 300, hi: null, loOpen: true, hiOpen: false });
    expect(intervalOf(n(10, 'range', 5))).toEqual({ lo: 5, hi: 10, loOpen: false, hiOpen: false });
  });

  it('describes values and reasons', () => {
    expect(describeValue(n(300, 'more than'))).toBe('> 300');
    expect(describeValue(n(400, 'at least'))).toBe('≥ 400');
    expect(describeValue(n(200, 'about'))).toBe('≈ 200 (180–220)');
    expect(describeValue(n(1000000))).toBe('1,000,000');
    // A year is a year: no thousands separator, whatever its approximation.
    expect(describeValue({ value: 2015, quantity: 'date or year' })).toBe('2015');
    expect(describeValue({ value: 2015, approx: 'about', quantity: 'date or year' })).toBe('≈ 2015 (2014–2016)');
    expect(describeValue({ value: 2011, approx: 'range', valueMax: 2015, quantity: 'date or year' })).toBe('2011–2015');
    expect(whyIncompatible({ value: 2011, quantity: 'date or year' }, { value: 2015, quantity: 'date or year' })).toBe('2011 and 2015 do not overlap');
    expect(describeValue({ value: 2015, quantity: 'count' })).toBe('2,015');
    expect(whyIncompatible(n(25, 'at least'), n(4))).toBe('4 and ≥ 25 do not overlap');
  });
});
