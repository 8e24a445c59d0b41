import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockIndexAt, buildBlocks } from './blocks';

const slices = (text: string, maxLength?: number) => buildBlocks(text, maxLength).map((b) => text.slice(b.start, b.end));

const graphemeBoundaries = (text: string) => {
  const set = new Set([text.length]);
  for (const s of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) set.add(s.index);
  return set;
};

describe('buildBlocks', () => {
  it('makes one block per non-blank line, newlines belong to no block', () => {
    const text = 'Title\n\nFirst para.\n   \nSecond para.';
    expect(buildBlocks(text)).toEqual([
      { index: 0, start: 0, end: 5 },
      { index: 1, start: 7, end: 18 },
      { index: 2, start: 23, end: 35 },
    ]);
    expect(slices(text)).toEqual(['Title', 'First para.', 'Second para.']);
  });

  it('gives no blocks for empty or blank text and handles a trailing newline', () => {
    expect(buildBlocks('')).toEqual([]);
    expect(buildBlocks(' \n\t\n')).toEqual([]);
    expect(slices('one\n')).toEqual(['one']);
  });

  it('cuts long lines after whitespace so words stay whole', () => {
    const line = 'alpha beta gamma delta epsilon';
    expect(slices(line, 12)).toEqual(['alpha beta ', 'gamma delta ', 'epsilon']);
  });

  it('cuts a long line without whitespace between graphemes, never inside an emoji', () => {
    const line = '👍🏽'.repeat(10); // 4 code units per emoji
    const parts = slices(line, 6);
    expect(parts.join('')).toBe(line);
    for (const p of parts) expect(p).toMatch(/^(👍🏽)+$/u);
  });

  it('tiles every non-blank line with in-order blocks within the limit (property)', () => {
    const piece = fc.constantFrom('word', ' ', '\n', '👍🏽', 'e\u0301', '𝔘', '  ', '\t', 'al-Assad', 'x'.repeat(30));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 4, max: 40 }), (parts, max) => {
        const text = parts.join('');
        const blocks = buildBlocks(text, max);
        const boundaries = graphemeBoundaries(text);
        blocks.forEach((b, i) => {
          expect(b.index).toBe(i);
          expect(b.end).toBeGreaterThan(b.start);
          expect(text.slice(b.start, b.end)).not.toContain('\n');
          expect(boundaries.has(b.start) && boundaries.has(b.end)).toBe(true);
          // only a single over-long grapheme may exceed the limit
          if (b.end - b.start > max) expect(b.end - b.start).toBeLessThanOrEqual(4);
        });
        // Concatenating blocks per line gives back every non-blank line.
        let offset = 0;
        for (const line of text.split('\n')) {
          const inLine = blocks.filter((b) => b.start >= offset && b.end <= offset + line.length);
          if (/\S/.test(line)) {
            expect(inLine.map((b) => text.slice(b.start, b.end)).join('')).toBe(line);
            expect(inLine[0]?.start).toBe(offset);
          } else {
            expect(inLine).toEqual([]);
          }
          offset += line.length + 1;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('blockIndexAt', () => {
  const text = 'aa\n\nbbb\ncc';
  const blocks = buildBlocks(text);
  it('finds the block containing an offset, -1 on newlines, blank lines and outside', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -1].map((o) => blockIndexAt(blocks, o))).toEqual([0, 0, -1, -1, 1, 1, 1, -1, 2, 2, -1, -1]);
    expect(blockIndexAt([], 0)).toBe(-1);
  });
});
