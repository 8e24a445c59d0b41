import type { MutableRefObject } from 'react';
import type { Span } from '../../../shared/model/schemas';
import { offsetOfPoint, selectionOffsets } from './domOffsets';
import { placeCaretAt } from './caret/caretBrowsing';
import type { MarkIndex } from './markIndex';
import { pageIndexAt, type ArticlePage } from './paging';
import type { Rendered } from './useArticleBuild';

export interface ArticleViewHandle {
  /** Current DOM selection inside the article as UTF-16 offsets into text (unsnapped); null if none/collapsed/outside. */
  getSelectedRange(): { start: number; end: number } | null;
  /** Drops the text selection (the caret stays where it ended). */
  clearSelection(): void;
  /** Scrolls the first mark of that span into view (centre), switching page if paged. */
  scrollToSpan(spanId: string): void;
  /** The elements drawn for a span on the current page (none when it is on another page). */
  elementsOfSpan(spanId: string): HTMLElement[];
  /** The caret's (the selection focus's) offset in the text, when it is in the article. */
  caretOffset(): number | null;
  /** Moves the caret to `offset` (a collapsed selection), e.g. to the start of a span reached by J/K. */
  placeCaret(offset: number): void;
  /** Link mode: outline the spans that may be picked as a target, and the focused one. */
  markLinkCandidates(spanIds: readonly string[], focused: string | null): void;
  focus(): void;
}

/** What the handle reads from the view; refs, so it sees the latest render. */
export interface ArticleHandleParts {
  rootRef: MutableRefObject<HTMLDivElement | null>;
  latest: MutableRefObject<{ spans: readonly Span[]; pages: readonly ArticlePage[]; pageIndex: number }>;
  rendered: MutableRefObject<Rendered | null>;
  pendingScroll: MutableRefObject<string | null>;
  markIndex: MarkIndex;
  goToPage(index: number): void;
  scrollNow(spanId: string): boolean;
}

/** The article view's imperative handle: the selection as offsets, the caret, scrolling to a span. */
export function createArticleHandle({ rootRef, latest, rendered, pendingScroll, markIndex, goToPage, scrollNow }: ArticleHandleParts): ArticleViewHandle {
  return {
    getSelectedRange() {
      const root = rootRef.current;
      return root ? selectionOffsets(root, document.getSelection()) : null;
    },
    clearSelection() {
      const root = rootRef.current;
      const selection = document.getSelection();
      if (!root || !selection || selection.rangeCount === 0) return;
      if (!selection.getRangeAt(0).intersectsNode(root)) return;
      // Collapsed where it ended, not removed: a keyboard user's caret stays where they were.
      if (selection.focusNode && root.contains(selection.focusNode)) selection.collapse(selection.focusNode, selection.focusOffset);
      else selection.removeAllRanges();
    },
    scrollToSpan(spanId) {
      const { spans: currentSpans, pages: currentPages, pageIndex: currentPage } = latest.current;
      const span = currentSpans.find((s) => s.id === spanId);
      if (!span) return;
      const target = pageIndexAt(currentPages, span.start);
      if (target !== currentPage) {
        pendingScroll.current = spanId;
        goToPage(target);
        return;
      }
      const r = rendered.current;
      // Not built yet (the rest of a long page follows its first chunk): scrolled to once it is.
      if (!scrollNow(spanId) && r !== null && r.blockKeys.length < r.total) pendingScroll.current = spanId;
    },
    focus() {
      rootRef.current?.focus({ preventScroll: true });
    },
    elementsOfSpan(spanId) {
      return markIndex.elementsOf(spanId);
    },
    caretOffset() {
      const root = rootRef.current;
      const sel = document.getSelection();
      if (!root || !sel?.focusNode || !root.contains(sel.focusNode)) return null;
      return offsetOfPoint(root, sel.focusNode, sel.focusOffset);
    },
    placeCaret(offset) {
      const root = rootRef.current;
      if (root) placeCaretAt(root, offset);
    },
    markLinkCandidates(spanIds, focused) {
      markIndex.markCandidates(spanIds, focused);
    },
  };
}
