import { graphemeBoundaryAtOrBefore, graphemeAt, isGraphemeBoundary } from './graphemes';

/**
 * The view renders a document as a list of blocks (paragraphs) and maps every DOM position back
 * to a text offset through this table, so the text itself never has to be re-derived from the DOM.
 */
export interface TextBlock {
  index: number;
  /** [start, end) into the document text, UTF-16 units. */
  start: number;
  end: number;
}

export const DEFAULT_MAX_BLOCK_LENGTH = 4000;

const isBlankLine = (text: string, start: number, end: number) => !/\S/.test(text.slice(start, end));

/**
 * Where to end a block that starts at `from` and must stop before `from + max`: right after the
 * last whitespace of the second half of the allowed range (so words stay whole), else at the last
 * grapheme boundary that fits, else (a single grapheme longer than `max`) after that grapheme.
 */
function cutPosition(text: string, from: number, max: number): number {
  const limit = from + max;
  for (let i = limit - 1; i >= from + Math.floor(max / 2); i--) {
    if (/\s/.test(text[i] as string) && isGraphemeBoundary(text, i + 1)) return i + 1;
  }
  const boundary = graphemeBoundaryAtOrBefore(text, limit);
  if (boundary > from) return boundary;
  return graphemeAt(text, from).end;
}

/**
 * One block per '\n'-separated line; blank (empty or whitespace-only) lines give no block; a line
 * longer than `maxBlockLength` is cut into consecutive blocks (at whitespace when possible, never
 * inside a grapheme). Newline characters belong to no block. Blocks are in text order.
 */
export function buildBlocks(text: string, maxBlockLength: number = DEFAULT_MAX_BLOCK_LENGTH): TextBlock[] {
  const max = Math.max(1, Math.floor(maxBlockLength));
  const blocks: TextBlock[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    if (!isBlankLine(text, lineStart, lineEnd)) {
      let from = lineStart;
      while (lineEnd - from > max) {
        const cut = cutPosition(text, from, max);
        blocks.push({ index: blocks.length, start: from, end: cut });
        from = cut;
      }
      if (from < lineEnd) blocks.push({ index: blocks.length, start: from, end: lineEnd });
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return blocks;
}

/** Index of the block whose [start, end) contains `offset`, or -1 (newline, blank line, outside). */
export function blockIndexAt(blocks: readonly TextBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const block = blocks[mid] as TextBlock;
    if (offset < block.start) hi = mid - 1;
    else if (offset >= block.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
