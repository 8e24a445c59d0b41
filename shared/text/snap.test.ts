import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapRange } from './snap';
import { tokenize } from './tokenize';

const words = { words: true };
const exact = { words: false };

/** Snap the first occurrence of `selected` in `text` and return the resulting substring. */
function snapped(text: string, selected: string, opts = words): string | null {
  const start = text.indexOf(selected);
  if (start < 0) throw new Error(`"${selected}" not in "${text}"`);
  const r = snapRange(text, start, start + selected.length, opts);
  return r && text.slice(r.start, r.end);
}

const allGraphemeBoundaries = (text: string) => {
  const set = new Set([text.length]);
  for (const s of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) set.add(s.index);
  return set;
};

const nastyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom('👍🏽', '𝔘', 'e\u0301', ' \u0301', '\r\n', '\n', '\ud800', '🇫🇷🇩🇪', 'al-Assad', '1.2bn', ', ', ' ', '  ', '...', 'Russia', 'don\'t'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

// Realistic prose pieces: used where the test needs to know which characters are "content".
const prose = fc
  .array(fc.constantFrom('Russia', 'has', 'promised', '1.2bn', '300+', 'al-Assad', '👍🏽', 'naïve', 'e\u0301t\u00e9', '𝔘nity', ' ', ' ', ', ', '. ', '"', '(', ')', '\n', '—'), {
    minLength: 1,
    maxLength: 20,
  })
  .map((parts) => parts.join(''));

const rangeIn = (text: string) =>
  fc.tuple(fc.integer({ min: -2, max: text.length + 2 }), fc.integer({ min: -2, max: text.length + 2 }));

const textAndRange = (texts: fc.Arbitrary<string>) =>
  texts.chain((text) => rangeIn(text).map(([a, b]) => ({ text, a, b })));

describe('snapRange in word mode', () => {
  it.each([
    ['Russia has promised aid.', ' has ', 'has'],
    ['Russia has promised aid.', 'ussia has pro', 'Russia has promised'],
    ['Moscow renewed the pledge, officials said', ' the pledge,', 'the pledge'],
    ['It costs 1.2bn dollars', '.2b', '1.2bn'],
    // The possessive is a token of its own; an abbreviation keeps its period (issue 14, item 13).
    ['Moscow’s continued commitment', 'Moscow', 'Moscow'],
    ['Moscow’s continued commitment', 'oscow', 'Moscow'],
    ['Moscow’s continued commitment', 'Moscow’', 'Moscow’s'],
    ["Russia's jets", 'Russia', 'Russia'],
    ['troops in the U.S. left', 'U.S', 'U.S.'],
    ['troops in the U.S. left', 'U.S.', 'U.S.'],
    ['Mr. Putin said', 'Mr', 'Mr.'],
    ['pro-Assad forces', 'ssad', 'Assad'],
    ['Pro-Assad forces', 'Pro-Assad', 'Pro-Assad'],
    ['an F-16 jet', 'F-1', 'F-16'],
    // Every Unicode whitespace character separates.
    ['Aleppo\u00a0fell', 'Aleppo\u00a0f', 'Aleppo\u00a0fell'],
    ['Aleppo\u0085fell', 'ppo\u0085', 'Aleppo'],
    ['Aleppo\u3000fell', '\u3000fe', 'fell'],
    ['Turnout was 300+ people', '30', '300'],
    ['Turnout was 300+ people', '300+', '300+'],
    ['Inflation hit 50% in May', '50%', '50'],
    ['Bashar al-Assad spoke', 'ssad', 'Assad'],
    ['Bashar al-Assad spoke', 'l-As', 'al-Assad'],
    ['They said "no deal" today', '"no deal"', 'no deal'],
    ['Fans 👍🏽 cheered', '👍', '👍🏽'],
    ['Fans 👍🏽 cheered', ' 👍🏽 ', '👍🏽'],
    ['the café opened', 'caf', 'café'],
    ['Use the _foo_ flag', '_foo', 'foo'],
    ['平民死亡', '民', '平民'],
  ])('in %j, selecting %j gives %j', (text, selected, expected) => {
    expect(snapped(text, selected)).toBe(expected);
  });

  it('returns null for whitespace or punctuation only, or an empty range', () => {
    expect(snapped('a , b', ' , ')).toBeNull();
    expect(snapRange('abc', 1, 1, words)).toBeNull();
    expect(snapRange('', 0, 0, words)).toBeNull();
  });

  it('orders and clamps the edges', () => {
    expect(snapRange('hello world', 50, 7, words)).toEqual({ start: 6, end: 11 });
    expect(snapRange('hello world', -3, 2, words)).toEqual({ start: 0, end: 5 });
  });

  it('finds words far into a long text (local window, same answer as whole-text segmentation)', () => {
    const filler = 'lorem ipsum dolor sit amet, '.repeat(40_000); // ~1.1 MB
    const text = `${filler}Vladimir Putin said`;
    const at = text.indexOf('imir Pu');
    expect(snapRange(text, at, at + 'imir Pu'.length, words)).toEqual({ start: filler.length, end: filler.length + 'Vladimir Putin'.length });
  });
});

describe('snapRange in exact mode', () => {
  it.each([
    ['Russia has promised', 'ussia has pro', 'ussia has pro'],
    ['Moscow renewed the pledge, officials', ' the pledge,', 'the pledge,'],
    ['Fans 👍🏽 cheered', '👍', '👍🏽'],
    ['e\u0301clair', 'e', 'e\u0301'],
  ])('in %j, selecting %j gives %j', (text, selected, expected) => {
    expect(snapped(text, selected, exact)).toBe(expected);
  });

  it('never splits a surrogate pair', () => {
    const text = 'x😀y';
    expect(snapRange(text, 2, 4, exact)).toEqual({ start: 1, end: 4 });
  });
});

describe('snapRange properties', () => {
  it('stays inside the text, on grapheme boundaries, without edge whitespace, and is idempotent', () => {
    fc.assert(
      fc.property(textAndRange(nastyText), fc.boolean(), ({ text, a, b }, useWords) => {
        const opts = { words: useWords };
        const r = snapRange(text, a, b, opts);
        if (!r) return;
        expect(0 <= r.start && r.start < r.end && r.end <= text.length).toBe(true);
        const boundaries = allGraphemeBoundaries(text);
        expect(boundaries.has(r.start)).toBe(true);
        expect(boundaries.has(r.end)).toBe(true);
        const piece = text.slice(r.start, r.end);
        expect(piece).not.toMatch(/^[\s\p{Z}]/u);
        expect(piece).not.toMatch(/[\s\p{Z}]$/u);
        expect(snapRange(text, r.start, r.end, opts)).toEqual(r);
      }),
      { numRuns: 400 },
    );
  });

  it('in word mode keeps every letter and digit selected, and starts and ends on token boundaries (the CoNLL tokens)', () => {
    fc.assert(
      fc.property(textAndRange(prose), ({ text, a, b }) => {
        const lo = Math.max(0, Math.min(a, b));
        const hi = Math.max(0, Math.min(text.length, Math.max(a, b)));
        const r = snapRange(text, a, b, words);
        const content = [...text.slice(lo, hi).matchAll(/[\p{L}\p{N}]/gu)].map((m) => lo + (m.index ?? 0));
        if (!r) {
          expect(content).toEqual([]);
          return;
        }
        for (const i of content) expect(r.start <= i && i < r.end).toBe(true);
        const tokens = tokenize(text);
        expect(tokens.some((t) => t.start === r.start)).toBe(true);
        expect(tokens.some((t) => t.end === r.end)).toBe(true);
        expect(text.slice(r.start, r.end)).not.toMatch(/^[\p{P}\s]|[\p{P}\s]$/u);
      }),
      { numRuns: 400 },
    );
  });
});
