/**
 * DOM selection -> absolute text offsets. Each block element (`data-block-start/end`) contains
 * exactly its slice of the text, so the characters from the block's start to a point are the
 * offset within the block. Points that fall outside any block (on the root, between blocks)
 * map to the nearest block edge.
 */

export interface OffsetRange {
  start: number;
  end: number;
}

const BLOCK_SELECTOR = '[data-block-start]';

function blockBounds(el: Element): { start: number; end: number } {
  return { start: Number(el.getAttribute('data-block-start')), end: Number(el.getAttribute('data-block-end')) };
}

function blockElementOf(container: HTMLElement, node: Node): Element | null {
  const el = node instanceof Element ? node : node.parentElement;
  const block = el?.closest(BLOCK_SELECTOR) ?? null;
  return block && container.contains(block) ? block : null;
}

/**
 * Offset of a DOM point that lies inside `container` (callers clamp outside points first).
 * A point between two blocks belongs to neither: `bias` picks the following block's start
 * (for a selection start) or the preceding block's end (for a selection end), so a selection
 * never gains the newlines around it.
 */
export function offsetOfPoint(container: HTMLElement, node: Node, offset: number, bias: 'forward' | 'backward' = 'forward'): number | null {
  const block = blockElementOf(container, node);
  const doc = container.ownerDocument;
  if (block) {
    const { start, end } = blockBounds(block);
    const range = doc.createRange();
    range.setStart(block, 0);
    range.setEnd(node, offset);
    return Math.min(end, start + range.toString().length);
  }
  const blocks = container.querySelectorAll(BLOCK_SELECTOR);
  if (blocks.length === 0) return null;
  const probe = doc.createRange();
  let previous: Element | null = null;
  for (const b of blocks) {
    probe.selectNode(b);
    const where = probe.comparePoint(node, offset);
    // Not inside the block yet "in" its range means the point is on one of the block's edges.
    const atStart = where === 0 && node === probe.startContainer && offset === probe.startOffset;
    if (where < 0 || atStart) {
      return bias === 'backward' && previous ? blockBounds(previous).end : blockBounds(b).start;
    }
    if (where === 0 && bias === 'backward') return blockBounds(b).end;
    previous = b;
  }
  return blockBounds(blocks[blocks.length - 1] as Element).end;
}

/** The current selection inside `container` as offsets, or null if none, collapsed or outside. */
export function selectionOffsets(container: HTMLElement, selection: Selection | null): OffsetRange | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  // getRangeAt(0) is in document order whatever the direction the user dragged in.
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(container)) return null;
  const doc = container.ownerDocument;
  const inner = doc.createRange();
  inner.selectNodeContents(container);
  // Clamp a selection that starts or ends outside the article to the article's edges.
  if (range.compareBoundaryPoints(Range.START_TO_START, inner) > 0) inner.setStart(range.startContainer, range.startOffset);
  if (range.compareBoundaryPoints(Range.END_TO_END, inner) < 0) inner.setEnd(range.endContainer, range.endOffset);
  const start = offsetOfPoint(container, inner.startContainer, inner.startOffset, 'forward');
  const end = offsetOfPoint(container, inner.endContainer, inner.endOffset, 'backward');
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}

/**
 * The screen rectangles of the text [start, end) as drawn in `container` (its blocks on the
 * current page only; none when the text is on another page): one per line, measured on the text
 * nodes only (a range's own rectangles also list the marks it crosses, which drew an empty box on
 * the next line when a span wrapped), pieces on one line joined, in either direction of writing.
 */
export function rectsOfOffsets(container: HTMLElement, start: number, end: number): LineRect[] {
  const pieces: LineRect[] = [];
  const range = container.ownerDocument.createRange();
  for (const block of container.querySelectorAll(BLOCK_SELECTOR)) {
    const bounds = blockBounds(block);
    if (bounds.end <= start || bounds.start >= end) continue;
    let at = bounds.start;
    const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node && at < end; node = walker.nextNode() as Text | null) {
      const from = Math.max(start, at);
      const to = Math.min(end, at + node.data.length);
      if (from < to) {
        range.setStart(node, from - at);
        range.setEnd(node, to - at);
        for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) pieces.push({ left: r.left, top: r.top, width: r.width, height: r.height });
      }
      at += node.data.length;
    }
  }
  return joinLineRects(pieces);
}

export interface LineRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Rectangles on one line (same top and height) that touch or overlap become one. */
export function joinLineRects(rects: readonly LineRect[]): LineRect[] {
  const lines: LineRect[] = [];
  for (const r of rects) {
    const same = lines.find(
      (l) => Math.abs(l.top - r.top) < 1 && Math.abs(l.height - r.height) < 1 && r.left <= l.left + l.width + 1 && r.left + r.width >= l.left - 1,
    );
    if (!same) {
      lines.push({ ...r });
      continue;
    }
    const right = Math.max(same.left + same.width, r.left + r.width);
    same.left = Math.min(same.left, r.left);
    same.width = right - same.left;
  }
  return lines;
}
