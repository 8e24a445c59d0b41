import { caretMoveFor, type CaretMove } from './caretKeys';
import { offsetOfPoint } from '../domOffsets';

/**
 * Caret browsing in the article without making it editable: the text stays immutable and is not
 * announced as an editable field, yet with the article focused the arrow keys move a caret and
 * Shift+arrows extend a selection that the label keys tag (see caretKeys.ts for the keys).
 *
 * The caret is the document's collapsed selection, moved by Selection.modify (which Chromium
 * supports on read-only text); it never leaves the article's paragraphs. Chromium draws no caret
 * in read-only text, so one is drawn here: an element in the scroll container, hidden from
 * assistive technology.
 */

const BLOCK = '[data-block-start]';

interface Point {
  node: Node;
  offset: number;
}

function inBlock(root: HTMLElement, node: Node | null): boolean {
  const el = node instanceof Element ? node : node?.parentElement;
  const block = el?.closest(BLOCK);
  return !!block && root.contains(block);
}

function selectionIn(root: HTMLElement): Selection | null {
  const sel = root.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  return inBlock(root, sel.anchorNode) && inBlock(root, sel.focusNode) ? sel : null;
}

function textPoint(block: Element, where: 'start' | 'end'): Point {
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let first: Text | null = null;
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    first ??= n;
    last = n;
  }
  if (where === 'start') return first ? { node: first, offset: 0 } : { node: block, offset: 0 };
  return last ? { node: last, offset: last.data.length } : { node: block, offset: block.childNodes.length };
}

/** The first paragraph whose bottom is below the top of the visible part of `scroller`. */
function firstVisibleBlock(root: HTMLElement, scroller: HTMLElement | null): Element | null {
  const blocks = root.querySelectorAll(BLOCK);
  if (!scroller) return blocks[0] ?? null;
  const top = scroller.getBoundingClientRect().top;
  for (const b of blocks) if (b.getBoundingClientRect().bottom > top + 4) return b;
  return blocks[0] ?? null;
}

/** The DOM point of absolute text offset `offset` in the article (null when it is not drawn). */
function pointAt(root: HTMLElement, offset: number): Point | null {
  for (const block of root.querySelectorAll<HTMLElement>(BLOCK)) {
    const start = Number(block.dataset.blockStart);
    const end = Number(block.dataset.blockEnd);
    if (offset < start || offset > end) continue;
    let left = offset - start;
    const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (left <= n.data.length) return { node: n, offset: left };
      left -= n.data.length;
    }
  }
  return null;
}

/** Puts a collapsed caret at `offset` characters into the text of the article (absolute offset). */
export function placeCaretAt(root: HTMLElement, offset: number): boolean {
  const p = pointAt(root, offset);
  if (p) root.ownerDocument.getSelection()?.collapse(p.node, p.offset);
  return p !== null;
}

/** The article's selection (or caret) as text offsets, to put back after its paragraphs are redrawn. */
export function saveSelection(root: HTMLElement): { anchor: number; focus: number } | null {
  const sel = selectionIn(root);
  if (!sel?.anchorNode || !sel.focusNode) return null;
  const anchor = offsetOfPoint(root, sel.anchorNode, sel.anchorOffset);
  const focus = offsetOfPoint(root, sel.focusNode, sel.focusOffset);
  return anchor === null || focus === null ? null : { anchor, focus };
}

/**
 * A paragraph holding the selection was redrawn (its spans changed): its old text nodes are gone
 * and the selection with them. Puts it back at the same offsets; a selection that survived is left.
 */
export function restoreSelection(root: HTMLElement, saved: { anchor: number; focus: number } | null): void {
  if (!saved) return;
  const sel = root.ownerDocument.getSelection();
  if (!sel || (sel.anchorNode?.isConnected && selectionIn(root))) return;
  const a = pointAt(root, saved.anchor);
  const f = pointAt(root, saved.focus);
  if (a && f) sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
}

/** Gives the article a caret where the reader is looking, if it has no selection of its own. */
export function ensureCaret(root: HTMLElement, scroller: HTMLElement | null): Selection | null {
  const existing = selectionIn(root);
  if (existing) return existing;
  const sel = root.ownerDocument.getSelection();
  const block = firstVisibleBlock(root, scroller);
  if (!sel || !block) return null;
  const p = textPoint(block, 'start');
  sel.collapse(p.node, p.offset);
  return sel;
}

function applyMove(root: HTMLElement, sel: Selection, move: CaretMove): void {
  const before = { anchorNode: sel.anchorNode, anchorOffset: sel.anchorOffset, focusNode: sel.focusNode, focusOffset: sel.focusOffset };
  if (move.kind === 'edge') {
    const blocks = root.querySelectorAll(BLOCK);
    const block = move.edge === 'start' ? blocks[0] : blocks[blocks.length - 1];
    if (!block) return;
    const p = textPoint(block, move.edge);
    if (move.alter === 'extend') sel.extend(p.node, p.offset);
    else sel.collapse(p.node, p.offset);
    return;
  }
  sel.modify(move.alter, move.direction, move.granularity);
  // Never out of the article (into the pager, the panels, or the edge placeholders).
  if (!inBlock(root, sel.focusNode) && before.anchorNode && before.focusNode) {
    sel.setBaseAndExtent(before.anchorNode, before.anchorOffset, before.focusNode, before.focusOffset);
  }
}

/** The on-screen rectangle of the selection's focus point (where the caret is drawn). */
export function focusRect(sel: Selection): DOMRect | null {
  const node = sel.focusNode;
  if (!node) return null;
  const range = node.ownerDocument!.createRange();
  range.setStart(node, sel.focusOffset);
  range.collapse(true);
  const rect = range.getClientRects()[0];
  if (rect && rect.height > 0) return rect;
  // At some boundaries a collapsed range has no box: use the character after (or before) it.
  if (node instanceof Text) {
    if (sel.focusOffset < node.data.length) {
      range.setEnd(node, sel.focusOffset + 1);
      const r = range.getClientRects()[0];
      if (r) return new DOMRect(r.left, r.top, 0, r.height);
    }
    if (sel.focusOffset > 0) {
      range.setStart(node, sel.focusOffset - 1);
      range.setEnd(node, sel.focusOffset);
      const r = range.getClientRects()[0];
      if (r) return new DOMRect(r.right, r.top, 0, r.height);
    }
  }
  const el = node instanceof Element ? node : node.parentElement;
  const r = el?.getBoundingClientRect();
  return r ? new DOMRect(r.left, r.top, 0, r.height) : null;
}

/** Scrolls `scroller` just enough for `rect` to be visible (with a margin). */
function keepVisible(scroller: HTMLElement | null, rect: DOMRect | null): void {
  if (!scroller || !rect) return;
  const box = scroller.getBoundingClientRect();
  const margin = 24;
  if (rect.top < box.top + margin) scroller.scrollTop -= box.top + margin - rect.top;
  else if (rect.bottom > box.bottom - margin) scroller.scrollTop += rect.bottom - (box.bottom - margin);
}

/**
 * Handles the caret keys while the article itself has the focus. `scroller` is the element the
 * article scrolls in. Returns the function that stops it.
 */
export function registerCaretBrowsing(root: HTMLElement, scroller: () => HTMLElement | null): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || event.target !== root) return;
    const move = caretMoveFor(event);
    if (!move) return;
    const sel = ensureCaret(root, scroller());
    if (!sel) return;
    event.preventDefault();
    applyMove(root, sel, move);
    keepVisible(scroller(), focusRect(sel));
  };
  // Focus by Tab: a caret where the reader is looking, so the arrows have somewhere to start.
  const onFocus = () => {
    if (!selectionIn(root)) ensureCaret(root, scroller());
  };
  root.addEventListener('keydown', onKeyDown);
  root.addEventListener('focus', onFocus);
  return () => {
    root.removeEventListener('keydown', onKeyDown);
    root.removeEventListener('focus', onFocus);
  };
}
