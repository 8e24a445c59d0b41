import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyOffsetIsBoundary, graphemeAt, graphemeBoundariesIn, isGraphemeBoundary } from './graphemes';

const nastyText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom('👍🏽', '𝔘', 'e\u0301', ' \u0301', '\r\n', '\n', '\ud800', '🇫🇷🇩🇪', 'al-Assad', ', ', ' ', '...'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

// Long enough that the windows are much smaller than the text, with spaces and newlines between
// hard pieces (the cuts the window looks for) but also long runs without them.
const longText = fc
  .array(fc.oneof(nastyText, fc.constantFrom(' ', '\n', ' x', '. ', '🇫🇷'.repeat(20), 'ab'.repeat(150))), { minLength: 60, maxLength: 200 })
  .map((parts) => parts.join(''));

describe('graphemes', () => {
  it('local segmentation agrees with whole-text segmentation', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText, longText).filter((t) => t.length > 0), fc.nat(), (text, n) => {
        const i = n % text.length;
        const g = new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text).containing(i);
        expect(graphemeAt(text, i)).toEqual({ start: g?.index, end: (g?.index ?? 0) + (g?.segment.length ?? 0) });
        expect(isGraphemeBoundary(text, i)).toBe(g?.index === i);
      }),
      { numRuns: 400 },
    );
  });

  it('lists the boundaries inside a run', () => {
    expect([...graphemeBoundariesIn('a👍🏽b', 0, 6)]).toEqual([1, 5]);
    expect([...graphemeBoundariesIn('xabc', 1, 4)]).toEqual([2, 3]);
    expect([...graphemeBoundariesIn('“We’re', 0, 6)]).toEqual([1, 2, 3, 4, 5]);
    expect([...graphemeBoundariesIn('é\u0301—x', 0, 4)]).toEqual([2, 3]);
  });

  it('skips segmenting only characters that Intl.Segmenter never joins, whatever their neighbour', () => {
    const all: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (everyOffsetIsBoundary(String.fromCharCode(c))) all.push(String.fromCharCode(c));
    expect(all.length).toBeGreaterThan(500);
    const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
    // Every ordered pair (x, y) and (y, x) of them, x running over all: each offset is a boundary.
    for (const x of all) {
      const pairs = all.map((y) => x + y).join('');
      expect([...segmenter.segment(pairs)].length, `next to ${JSON.stringify(x)}`).toBe(pairs.length);
    }
    // A joining character makes the fast path step aside.
    for (const joiner of ['\u0301', '\u200d', '\ufe0f', '\u093f']) expect(everyOffsetIsBoundary(`a${joiner}`)).toBe(false);
  });

  it('lists the same boundaries as segmenting the whole piece', () => {
    fc.assert(
      fc.property(nastyText.filter((t) => t.length > 0), (text) => {
        const expected = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].map((s) => s.index).filter((i) => i > 0);
        expect([...graphemeBoundariesIn(text, 0, text.length)]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
