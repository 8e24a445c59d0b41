import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOffsetConverter } from './offsets';

// Text made of the pieces that make offsets hard: astral characters, combining marks, CRLF,
// lone surrogates, plus arbitrary code points.
const nastyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('👍🏽', '𝔘', 'e\u0301', '\r\n', '\ud800', '\udc00', '🇫🇷', 'a', ' '),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const isPairMiddle = (text: string, i: number) =>
  i > 0 && /[\ud800-\udbff]/.test(text[i - 1] ?? '') && /[\udc00-\udfff]/.test(text[i] ?? '') &&
  // a high surrogate only pairs with the low one right after it if it is not itself a pair's low half
  [...text.slice(0, i + 1)].at(-1)?.length === 2;

describe('createOffsetConverter', () => {
  it('converts around astral characters like Python code point indexing', () => {
    const text = 'a𝔘b👍🏽c';
    const c = createOffsetConverter(text);
    // UTF-16: a=0, 𝔘=1-2, b=3, 👍=4-5, 🏽=6-7, c=8 ; code points: a0 𝔘1 b2 👍3 🏽4 c5
    expect([0, 1, 3, 4, 6, 8, 9].map((u) => c.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect([0, 1, 2, 3, 4, 5, 6].map((p) => c.toUtf16(p))).toEqual([0, 1, 3, 4, 6, 8, 9]);
  });

  it('maps an index inside a surrogate pair to the code point that pair starts', () => {
    const c = createOffsetConverter('x😀y');
    expect(c.toCodePoint(2)).toBe(1);
    expect(c.toUtf16(c.toCodePoint(2))).toBe(1);
  });

  it('counts lone surrogates as one code point each, like [...text]', () => {
    const text = '\udc00a\ud800';
    const c = createOffsetConverter(text);
    expect(c.toCodePoint(text.length)).toBe([...text].length);
  });

  it('refuses offsets outside the text', () => {
    const c = createOffsetConverter('ab😀');
    expect(() => c.toCodePoint(5)).toThrow(RangeError);
    expect(() => c.toCodePoint(-1)).toThrow(RangeError);
    expect(() => c.toUtf16(4)).toThrow(RangeError);
    expect(() => c.toCodePoint(1.5)).toThrow(RangeError);
  });

  it('agrees with [...text] at every index and round-trips (property)', () => {
    fc.assert(
      fc.property(nastyText, (text) => {
        const c = createOffsetConverter(text);
        for (let i = 0; i <= text.length; i++) {
          if (isPairMiddle(text, i)) continue;
          const cp = c.toCodePoint(i);
          expect(cp).toBe([...text.slice(0, i)].length);
          expect(c.toUtf16(cp)).toBe(i);
        }
        const cps = [...text];
        for (let p = 0; p <= cps.length; p++) expect(c.toUtf16(p)).toBe(cps.slice(0, p).join('').length);
      }),
      { numRuns: 300 },
    );
  });
});
