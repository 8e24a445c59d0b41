import type { TextBlock } from '../../../shared/text/blocks';

/**
 * A page of the article view: a run of consecutive blocks. Large documents are shown one page
 * at a time so that building the Lexical tree never blocks the window for long (see
 * /work/shared/notes/lexical-article-view.md: ~200k characters already cost ~0.5 s to paint).
 */
export interface ArticlePage {
  index: number;
  /** First block index (into the whole document's block table). */
  blockFrom: number;
  /** One past the last block index. */
  blockTo: number;
  /** Absolute offset of the first character shown on the page. */
  start: number;
  /** Absolute offset just past the last character shown on the page. */
  end: number;
}

/** Below this many UTF-16 units the whole document is one page. */
export const PAGE_CHARS = 150_000;

/**
 * Split the block table into pages of about `pageChars` characters, always on block
 * boundaries. A document no longer than `pageChars` (or with no blocks) gives exactly one page.
 */
export function buildPages(blocks: readonly TextBlock[], textLength: number, pageChars = PAGE_CHARS): ArticlePage[] {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (first === undefined || last === undefined) return [{ index: 0, blockFrom: 0, blockTo: 0, start: 0, end: 0 }];
  if (textLength <= pageChars) {
    return [{ index: 0, blockFrom: 0, blockTo: blocks.length, start: first.start, end: last.end }];
  }
  const pages: ArticlePage[] = [];
  let from = 0;
  let pageStart = first.start;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as TextBlock;
    // Close the page before a block that would push it past the budget, unless the page is empty.
    if (i > from && block.end - pageStart > pageChars) {
      const prev = blocks[i - 1] as TextBlock;
      pages.push({ index: pages.length, blockFrom: from, blockTo: i, start: pageStart, end: prev.end });
      from = i;
      pageStart = block.start;
    }
  }
  pages.push({ index: pages.length, blockFrom: from, blockTo: blocks.length, start: pageStart, end: last.end });
  return pages;
}

/**
 * The page showing `offset`. An offset between two pages (on a newline) belongs to the
 * following page; past the end, to the last page.
 */
export function pageIndexAt(pages: readonly ArticlePage[], offset: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pages[mid] as ArticlePage).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}
