import { describe, expect, it } from 'vitest';
import { suggestNumbers } from './numbers';

const quotes = (text: string) => suggestNumbers(text).map((s) => text.slice(s.start, s.end));

describe('suggestNumbers', () => {
  it.each([
    ['within the next 72 hours, officials said', ['72 hours']],
    ['at least 1,250 people and 3.5 tonnes of aid', ['at least 1,250', '3.5 tonnes']],
    ['nearly ten years ago', ['nearly ten years']],
    ['twenty-five soldiers and a dozen trucks', ['twenty-five', 'a dozen']],
    ['300+ insurgents, more than 40 villages and over 300 fighters', ['300+', 'more than 40', 'over 300']],
    ['prices rose 12% or 4.5 per cent', ['12%', '4.5 per cent']],
    ['in 2015, on Nov. 30 and in March 2020', ['2015', 'Nov. 30', 'March 2020']],
    ['a $1.2bn deal; millions were displaced', ['$1.2bn', 'millions']],
    ['the 2nd brigade and the first day', []],
    // Guidelines v2: "one" in "one of the sources" is a number; "no one" is not.
    ['one of the sources said no one came', ['one']],
    ['Su-24 jets and COVID-19', []],
    // Digits of any script; numbers touching Chinese text (no spaces there), never inside a Latin word.
    ['وقالت إن ٧٢ ساعة مرت على ١٢٬٥٠٠ نازح', ['٧٢', '١٢٬٥٠٠']],
    ['据报道，4名平民死亡，72小时内，2016年以来', ['4', '72', '2016']],
    ['at ７２ sites and २५ villages', ['７２', '२५']],
    ['the A4 road, Su24', []],
  ])('%s', (text, expected) => {
    expect(quotes(text)).toEqual(expected);
  });

  it('pre-fills value, approx and unit with parseNumber', () => {
    const [s] = suggestNumbers('nearly ten years');
    expect(s?.attributes).toMatchObject({ value: 10, approx: 'about', unit: 'years' });
    expect(s?.suggester).toBe('numbers');
  });

  it('reads the value of digits of other scripts', () => {
    expect(suggestNumbers('مقتل ٧٢ شخصا').map((x) => x.attributes?.value)).toEqual([72]);
    expect(suggestNumbers('4名平民死亡').map((x) => x.attributes?.value)).toEqual([4]);
  });
});
