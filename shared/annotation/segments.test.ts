import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBlocks, type TextBlock } from '../text/blocks';
import { segmentsForBlocks, type Segment } from './segments';

const block = (index: number, start: number, end: number): TextBlock => ({ index, start, end });

describe('segmentsForBlocks', () => {
  it('cuts at span edges and lists covering spans outermost first', () => {
    // text "Russia pledged 72 hours": claim 0-23, actor 0-6, number 15-17
    const result = segmentsForBlocks([block(0, 0, 23)], [
      { id: 'n', start: 15, end: 17 },
      { id: 'a', start: 0, end: 6 },
      { id: 'c', start: 0, end: 23 },
    ]);
    expect(result).toEqual([
      [
        { start: 0, end: 6, spanIds: ['c', 'a'] },
        { start: 6, end: 15, spanIds: ['c'] },
        { start: 15, end: 17, spanIds: ['c', 'n'] },
        { start: 17, end: 23, spanIds: ['c'] },
      ],
    ]);
  });

  it('splits a span crossing blocks into each block and leaves uncovered blocks plain', () => {
    const blocks = [block(0, 0, 5), block(1, 6, 10), block(2, 12, 15)];
    expect(segmentsForBlocks(blocks, [{ id: 'x', start: 3, end: 8 }])).toEqual([
      [
        { start: 0, end: 3, spanIds: [] },
        { start: 3, end: 5, spanIds: ['x'] },
      ],
      [
        { start: 6, end: 8, spanIds: ['x'] },
        { start: 8, end: 10, spanIds: [] },
      ],
      [{ start: 12, end: 15, spanIds: [] }],
    ]);
  });

  it('merges adjacent segments with identical span lists and ignores empty spans', () => {
    // One span stored in two pieces (the same id twice) renders as one mark.
    expect(segmentsForBlocks([block(0, 0, 8)], [{ id: 'a', start: 0, end: 4 }, { id: 'a', start: 4, end: 8 }])).toEqual([
      [{ start: 0, end: 8, spanIds: ['a'] }],
    ]);
    expect(segmentsForBlocks([block(0, 0, 8)], [{ id: 'a', start: 0, end: 8 }, { id: 'empty', start: 4, end: 4 }])).toEqual([
      [{ start: 0, end: 8, spanIds: ['a'] }],
    ]);
    expect(segmentsForBlocks([block(0, 0, 8)], [{ id: 'a', start: 0, end: 4 }, { id: 'b', start: 4, end: 8 }])).toEqual([
      [
        { start: 0, end: 4, spanIds: ['a'] },
        { start: 4, end: 8, spanIds: ['b'] },
      ],
    ]);
  });

  it('tiles every block and marks exactly the covered characters (property)', () => {
    const text = fc.array(fc.constantFrom('word ', 'x', '\n', '\n\n', '  ', 'longerword'), { maxLength: 30 }).map((p) => p.join(''));
    const input = text.chain((t) =>
      fc.tuple(
        fc.constant(t),
        fc.integer({ min: 3, max: 20 }),
        fc.uniqueArray(
          fc.record({ id: fc.string({ minLength: 1, maxLength: 2 }), start: fc.nat(t.length), len: fc.nat(12) }).map(({ id, start, len }) => ({ id, start, end: Math.min(t.length, start + len) })),
          { selector: (s) => s.id, maxLength: 10 },
        ),
      ),
    );
    fc.assert(
      fc.property(input, ([t, max, spans]) => {
        const blocks = buildBlocks(t, max);
        const result = segmentsForBlocks(blocks, spans);
        expect(result).toHaveLength(blocks.length);
        blocks.forEach((b, i) => {
          const segs = result[i] as Segment[];
          expect(segs[0]?.start).toBe(b.start);
          expect(segs.at(-1)?.end).toBe(b.end);
          segs.forEach((seg, k) => {
            expect(seg.end).toBeGreaterThan(seg.start);
            if (k > 0) {
              const prev = segs[k - 1] as Segment;
              expect(seg.start).toBe(prev.end);
              expect(seg.spanIds).not.toEqual(prev.spanIds);
            }
            const covering = spans
              .filter((s) => s.start < s.end && s.start <= seg.start && seg.end <= s.end)
              .sort((x, y) => x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
              .map((s) => s.id);
            expect(seg.spanIds).toEqual(covering);
            // no span partially covers a segment
            for (const s of spans) {
              if (s.start >= s.end) continue;
              const overlaps = s.start < seg.end && seg.start < s.end;
              expect(overlaps).toBe(covering.includes(s.id));
            }
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
