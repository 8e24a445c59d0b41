import { describe, expect, it } from 'vitest';
import { parseNumber, type ParsedNumber } from './parseNumber';

/** span text -> the attributes it pre-fills (issue 4's examples first). */
const TABLE: [string, ParsedNumber][] = [
  ['four', { value: 4, approx: 'exact' }],
  ['300+', { value: 300, approx: 'more than' }],
  ['at least 400', { value: 400, approx: 'at least' }],
  ['72 hours', { value: 72, approx: 'exact', unit: 'hours', quantity: 'duration' }],
  ['nearly ten years', { value: 10, approx: 'about', unit: 'years', quantity: 'duration' }],
  ['1.2bn', { value: 1.2e9, approx: 'exact' }],
  ['25', { value: 25, approx: 'exact' }],
  ['2015', { value: 2015, approx: 'exact', quantity: 'date or year' }],
  // digits, separators, scales
  ['1,200', { value: 1200, approx: 'exact' }],
  ['12,000,000', { value: 12e6, approx: 'exact' }],
  ['3.5', { value: 3.5, approx: 'exact' }],
  ['300k', { value: 300_000, approx: 'exact' }],
  ['5m', { value: 5e6, approx: 'exact' }],
  ['1.5 million', { value: 1.5e6, approx: 'exact' }],
  ['2 billion', { value: 2e9, approx: 'exact' }],
  ['$1.2bn', { value: 1.2e9, approx: 'exact', unit: 'USD', quantity: 'money' }],
  ['£40m', { value: 40e6, approx: 'exact', unit: 'GBP', quantity: 'money' }],
  ['$5m', { value: 5e6, approx: 'exact', unit: 'USD', quantity: 'money' }],
  ['10-15 days', { value: 10, approx: 'range', value_max: 15, unit: 'days', quantity: 'duration' }],
  ['500 dollars', { value: 500, approx: 'exact', unit: 'USD', quantity: 'money' }],
  // words
  ['twenty-five', { value: 25, approx: 'exact' }],
  ['two hundred and fifty thousand', { value: 250_000, approx: 'exact' }],
  ['a dozen', { value: 12, approx: 'exact' }],
  ['a hundred people', { value: 100, approx: 'exact', unit: 'people' }],
  ['half a million', { value: 500_000, approx: 'exact' }],
  ['three million people', { value: 3e6, approx: 'exact', unit: 'people' }],
  ['Thirteen', { value: 13, approx: 'exact' }],
  // approximations
  ['about 50', { value: 50, approx: 'about' }],
  ['around 1,000 fighters', { value: 1000, approx: 'about', unit: 'fighters' }],
  ['almost 20', { value: 20, approx: 'about' }],
  ['some 300 people', { value: 300, approx: 'about', unit: 'people' }],
  ['roughly 40%', { value: 40, approx: 'about', unit: '%' }],
  ['an estimated 6,000', { value: 6000, approx: 'about' }],
  ['at most 12', { value: 12, approx: 'at most' }],
  ['up to 100,000 people', { value: 100_000, approx: 'at most', unit: 'people' }],
  ['more than 300', { value: 300, approx: 'more than' }],
  ['over 500 civilians killed', { value: 500, approx: 'more than', unit: 'civilians killed', quantity: 'casualties killed' }],
  ['300-plus', { value: 300, approx: 'more than' }],
  ['fewer than 10', { value: 10, approx: 'fewer than' }],
  ['less than 5%', { value: 5, approx: 'fewer than', unit: '%' }],
  ['under 18', { value: 18, approx: 'fewer than' }],
  ['400 or more', { value: 400, approx: 'at least' }],
  // ranges
  ['10-15', { value: 10, approx: 'range', value_max: 15 }],
  ['10–15 days', { value: 10, approx: 'range', value_max: 15, unit: 'days', quantity: 'duration' }],
  ['between 10 and 15', { value: 10, approx: 'range', value_max: 15 }],
  ['between 200 and 300 people', { value: 200, approx: 'range', value_max: 300, unit: 'people' }],
  ['10 to 15', { value: 10, approx: 'range', value_max: 15 }],
  ['two to three weeks', { value: 2, approx: 'range', value_max: 3, unit: 'weeks', quantity: 'duration' }],
  // units and quantities
  ['40 per cent', { value: 40, approx: 'exact', unit: '%' }],
  ['12 percent', { value: 12, approx: 'exact', unit: '%' }],
  ['72-hour', { value: 72, approx: 'exact', unit: 'hours', quantity: 'duration' }],
  ['five-year', { value: 5, approx: 'exact', unit: 'years', quantity: 'duration' }],
  ['1 day', { value: 1, approx: 'exact', unit: 'days', quantity: 'duration' }],
  ['200 wounded', { value: 200, approx: 'exact', unit: 'wounded', quantity: 'casualties injured' }],
  ['35,000 displaced people', { value: 35_000, approx: 'exact', unit: 'displaced people', quantity: 'displaced' }],
  ['13 dead', { value: 13, approx: 'exact', unit: 'dead', quantity: 'casualties killed' }],
  ['"25,"', { value: 25, approx: 'exact' }],
  // years only when alone
  ['1999', { value: 1999, approx: 'exact', quantity: 'date or year' }],
  ['2011', { value: 2011, approx: 'exact', quantity: 'date or year' }],
  ['3000', { value: 3000, approx: 'exact' }],
  ['2,015', { value: 2015, approx: 'exact' }],
  ['about 2000', { value: 2000, approx: 'about' }],
  ['2015 people', { value: 2015, approx: 'exact', unit: 'people' }],
  // digits of other scripts; units stop at a script change, after the first word in Chinese
  ['٧٢ ساعة', { value: 72, approx: 'exact', unit: 'hours', quantity: 'duration' }],
  ['١٢٬٥٠٠ نازح', { value: 12_500, approx: 'exact', unit: 'نازح', quantity: 'displaced' }],
  ['۳٫۵', { value: 3.5, approx: 'exact' }],
  ['4名平民死亡', { value: 4, approx: 'exact', unit: '名', quantity: 'casualties killed' }],
  ['72小时', { value: 72, approx: 'exact', unit: 'hours', quantity: 'duration' }],
  ['７２小时内', { value: 72, approx: 'exact', unit: 'hours', quantity: 'duration' }],
  ['2016年', { value: 2016, approx: 'exact', quantity: 'date or year' }],
  ['72 hours小时', { value: 72, approx: 'exact', unit: 'hours', quantity: 'duration' }],
  ['40 fighters قتلى', { value: 40, approx: 'exact', unit: 'fighters', quantity: 'casualties killed' }],
  ['२५ लोग', { value: 25, approx: 'exact', unit: 'लोग' }],
  // nothing to read
  ['', {}],
  ['dozens', {}],
  ['the rebels', {}],
  ['hundreds of people', {}],
  ['many', {}],
];

describe('parseNumber', () => {
  it.each(TABLE)('%j', (text, expected) => {
    expect(parseNumber(text)).toEqual(expected);
  });

  it('never returns a value that is not a finite number', () => {
    for (const text of ['9'.repeat(400), '1e999', '∞', '-', '+', '1.2.3']) {
      const out = parseNumber(text);
      if (out.value !== undefined) expect(Number.isFinite(out.value)).toBe(true);
    }
  });
});

describe('words named like Object.prototype members', () => {
  it.each(['constructor', 'toString', 'valueOf', '__proto__', 'two constructor', 'constructor people'])('%s is read as text, not a number', (text) => {
    expect(() => parseNumber(text)).not.toThrow();
    expect(parseNumber(text).value === undefined || Number.isFinite(parseNumber(text).value)).toBe(true);
  });
});
