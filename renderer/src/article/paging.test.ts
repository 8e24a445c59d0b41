import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildBlocks } from '../../../shared/text/blocks';
import { buildPages, pageIndexAt, PAGE_CHARS } from './paging';

describe('buildPages', () => {
  it('keeps a short document on one page covering all blocks', () => {
    const text = 'Title\n\nFirst paragraph.\nSecond.';
    const blocks = buildBlocks(text);
    expect(buildPages(blocks, text.length)).toEqual([
      { index: 0, blockFrom: 0, blockTo: blocks.length, start: 0, end: text.length },
    ]);
  });

  it('gives one empty page when there are no blocks', () => {
    expect(buildPages([], 0)).toEqual([{ index: 0, blockFrom: 0, blockTo: 0, start: 0, end: 0 }]);
  });

  it('splits a long document on block boundaries into pages of at most the budget', () => {
    const paragraph = 'word '.repeat(199) + 'end.'; // 999 chars
    const text = Array.from({ length: 400 }, () => paragraph).join('\n\n');
    const blocks = buildBlocks(text);
    const pages = buildPages(blocks, text.length, 50_000);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.blockFrom).toBe(0);
    expect(pages.at(-1)?.blockTo).toBe(blocks.length);
    pages.forEach((page, i) => {
      expect(page.index).toBe(i);
      expect(page.end - page.start).toBeLessThanOrEqual(50_000);
      expect(page.start).toBe(blocks[page.blockFrom]?.start);
      expect(page.end).toBe(blocks[page.blockTo - 1]?.end);
      if (i > 0) expect(page.blockFrom).toBe(pages[i - 1]?.blockTo);
    });
  });

  it('uses the default budget of about 150,000 characters', () => {
    const text = ('x'.repeat(3000) + '\n').repeat(120); // 360k chars
    const pages = buildPages(buildBlocks(text), text.length);
    expect(pages).toHaveLength(3);
    for (const page of pages) expect(page.end - page.start).toBeLessThanOrEqual(PAGE_CHARS);
  });

  it('tiles the blocks exactly for any block lengths (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 300, max: 2000 }), (lengths, budget) => {
        const text = lengths.map((n) => 'a'.repeat(n)).join('\n');
        const blocks = buildBlocks(text);
        const pages = buildPages(blocks, text.length, budget);
        let next = 0;
        for (const page of pages) {
          expect(page.blockFrom).toBe(next);
          expect(page.blockTo).toBeGreaterThan(page.blockFrom);
          next = page.blockTo;
          // A page exceeds the budget only if it holds a single block.
          if (page.blockTo - page.blockFrom > 1) expect(page.end - page.start).toBeLessThanOrEqual(budget);
        }
        expect(next).toBe(blocks.length);
      }),
    );
  });
});

describe('pageIndexAt', () => {
  const text = ('y'.repeat(99) + '\n').repeat(30);
  const pages = buildPages(buildBlocks(text), text.length, 1000);

  it('finds the page holding an offset', () => {
    for (const page of pages) {
      expect(pageIndexAt(pages, page.start)).toBe(page.index);
      expect(pageIndexAt(pages, page.end - 1)).toBe(page.index);
    }
  });

  it('sends a newline between pages to the following page and past the end to the last', () => {
    const first = pages[0];
    expect(first).toBeDefined();
    expect(pageIndexAt(pages, first?.end ?? 0)).toBe(1);
    expect(pageIndexAt(pages, text.length + 10)).toBe(pages.length - 1);
    expect(pageIndexAt(pages, 0)).toBe(0);
  });
});
