import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ForwardedRef } from 'react';
import { $getNodeByKey, $getRoot, $setSelection, SKIP_DOM_SELECTION_TAG, type NodeKey } from 'lexical';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LabelDef, Span } from '../../../shared/model/schemas';
import { buildBlocks } from '../../../shared/text/blocks';
import { segmentsForBlocks } from '../../../shared/annotation/segments';
import { $createArticleEdgeNode, ArticleBlockNode, ArticleEdgeNode, $isArticleBlockNode } from './nodes/ArticleBlockNode';
import { setMarkLookup } from './nodes/markElement';
import { $createBlock } from './buildNodes';
import { blockSignature, changedBlockIndexes } from './blockSignatures';
import { createMarkLookup, innermostSpanId } from './markDecoration';
import { buildPages, pageIndexAt } from './paging';
import { offsetOfPoint, selectionOffsets } from './domOffsets';
import { placeCaretAt, registerCaretBrowsing, restoreSelection, saveSelection } from './caret/caretBrowsing';
import { MarkIndex } from './markIndex';
import { registerReadOnlyGuards } from './readOnlyGuards';
import { Pager } from './Pager';
import './article.css';

export interface ArticleViewProps {
  /** A change of docId means a new document: the view is rebuilt from scratch. */
  docId: string;
  text: string;
  /** Standoff truth; the Lexical tree is only a view of text + spans. */
  spans: readonly Span[];
  labels: readonly LabelDef[];
  selectedSpanId: string | null;
  /** Click on a mark: the innermost (shortest) span under the pointer. */
  onSpanClick(spanId: string): void;
  onSelectionChange?(hasSelection: boolean): void;
}

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

export const BUILD_MEASURE = 'factmark:article-build';

/**
 * A page longer than this is built in two updates: the blocks of its first FIRST_CHUNK_CHARS
 * characters (the first screen and more) at once, the rest right after that has been painted.
 * Shorter pages are built in one update, as before. The article element carries
 * data-complete="true" once every block of the page is in the DOM.
 */
export const FIRST_CHUNK_CHARS = 20_000;
const FILL_FALLBACK_MS = 100;

function firstChunkBlocks(pageBlocks: readonly { start: number; end: number }[], pageStart: number): number {
  let n = 0;
  while (n < pageBlocks.length && (n === 0 || (pageBlocks[n] as { end: number }).end - pageStart <= FIRST_CHUNK_CHARS)) n++;
  return n;
}

/** What is currently in the editor, to decide between a full and a per-block rebuild. */
interface Rendered {
  docId: string;
  text: string;
  pageIndex: number;
  labelsKey: string;
  blockKeys: NodeKey[];
  /** Signatures of the blocks built so far (the first `blockKeys.length` blocks of the page). */
  signatures: string[];
  /** Blocks on the page; more than blockKeys.length while the rest is still to be built. */
  total: number;
}

const initialConfig: InitialConfigType = {
  namespace: 'factmark-article',
  nodes: [ArticleBlockNode, ArticleEdgeNode],
  editable: false,
  // Skip Lexical's default empty paragraph: the first rebuild fills the root.
  editorState: null,
  onError(error) {
    throw error;
  },
};

function labelsKeyOf(labels: readonly LabelDef[]): string {
  return labels.map((l) => `${l.id}:${l.name}:${l.color}`).join('|');
}

function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

export const ArticleView = forwardRef<ArticleViewHandle, ArticleViewProps>(function ArticleView(props, ref) {
  return (
    <div className="fm-article-view">
      <LexicalComposer initialConfig={initialConfig}>
        <ArticleBody {...props} handleRef={ref} />
      </LexicalComposer>
    </div>
  );
});

function ArticleBody({
  docId,
  text,
  spans,
  labels,
  selectedSpanId,
  onSpanClick,
  onSelectionChange,
  handleRef,
}: ArticleViewProps & { handleRef: ForwardedRef<ArticleViewHandle> }) {
  const [editor] = useLexicalComposerContext();
  const rootRef = useRef<HTMLDivElement | null>(null);
  const markIndex = useMemo(() => new MarkIndex(), []);
  const rendered = useRef<Rendered | null>(null);
  const pendingScroll = useRef<string | null>(null);
  // Bumped after the first chunk of a long page has been painted: builds the rest.
  const [fillTick, setFillTick] = useState(0);

  const blocks = useMemo(() => buildBlocks(text), [text]);
  const pages = useMemo(() => buildPages(blocks, text.length), [blocks, text.length]);
  // The page belongs to a document: switching documents starts at page 1.
  const [pageState, setPageState] = useState({ docId, index: 0 });
  const pageIndex = pageState.docId === docId ? Math.min(pageState.index, pages.length - 1) : 0;
  const goToPage = useCallback((index: number) => setPageState({ docId, index }), [docId]);

  // Latest props for event handlers registered once.
  const latest = useRef({ spans, pages, pageIndex, onSpanClick, onSelectionChange });
  latest.current = { spans, pages, pageIndex, onSpanClick, onSelectionChange };

  useEffect(() => markIndex.attach(editor), [editor, markIndex]);

  useEffect(() => {
    const root = rootRef.current;
    return root ? registerReadOnlyGuards(editor, root) : undefined;
  }, [editor]);

  useEffect(() => {
    const root = rootRef.current;
    return root ? registerCaretBrowsing(root, () => root.closest<HTMLElement>('.article-scroll')) : undefined;
  }, []);

  // The root is a plain element handed to Lexical (not its ContentEditable): no contenteditable,
  // no textbox role, no aria-readonly. The article is a document to read and select in.
  const setRoot = useCallback(
    (el: HTMLDivElement | null) => {
      rootRef.current = el;
      editor.setRootElement(el);
    },
    [editor],
  );
  const helpId = useId();

  /** Scrolls to the span's first mark; false when it has none in the DOM (yet). */
  const scrollNow = useCallback(
    (spanId: string): boolean => {
      const root = rootRef.current;
      const el =
        markIndex.firstElementOf(spanId) ??
        root?.querySelector<HTMLElement>(`mark[data-span-ids~="${CSS.escape(spanId)}"]`) ??
        null;
      el?.scrollIntoView({ block: 'center', inline: 'nearest' });
      return el !== null;
    },
    [markIndex],
  );

  // Build (or partly rebuild) the Lexical tree from text + spans, in one update; a long page's
  // first chunk first, the rest once that has been painted (FIRST_CHUNK_CHARS).
  useLayoutEffect(() => {
    const page = pages[pageIndex];
    if (!page) return;
    // The measure covers segmenting, signatures and the Lexical update up to the DOM commit.
    const startMark = `${BUILD_MEASURE}:start`;
    performance.mark(startMark);
    const pageBlocks = blocks.slice(page.blockFrom, page.blockTo);
    const pageSpans = pages.length === 1 ? spans : spans.filter((s) => s.start < page.end && s.end > page.start);
    const segments = segmentsForBlocks(pageBlocks, pageSpans);
    const lookup = createMarkLookup(spans, labels);
    const signatures = segments.map((seg) => blockSignature(seg, lookup.labelOfSpan));
    const labelsKey = labelsKeyOf(labels);
    const prev = rendered.current;
    const full =
      !prev || prev.docId !== docId || prev.text !== text || prev.pageIndex !== pageIndex || prev.labelsKey !== labelsKey;
    const builtBefore = full || !prev ? 0 : prev.blockKeys.length;
    // A fresh build stops after the first chunk; any later update completes the page.
    const builtAfter = full ? firstChunkBlocks(pageBlocks, page.start) : pageBlocks.length;
    const changed = full || !prev ? [] : changedBlockIndexes(prev.signatures, signatures.slice(0, builtBefore));
    if (!full && changed.length === 0 && builtBefore === builtAfter) {
      performance.clearMarks(startMark);
      return;
    }

    setMarkLookup(editor, lookup);
    // The caret or selection survives a redraw of the paragraph it is in (e.g. just tagged there).
    const keptSelection = rootRef.current && !full ? saveSelection(rootRef.current) : null;
    let blockKeys = prev?.blockKeys ?? [];
    editor.update(
      () => {
        if (full) {
          const root = $getRoot();
          root.clear();
          $setSelection(null);
          const nodes = pageBlocks.slice(0, builtAfter).map((block, i) => $createBlock(text, block, segments[i] ?? []));
          // Blocks go between two edge nodes (see ArticleEdgeNode).
          root.append($createArticleEdgeNode(), ...nodes, $createArticleEdgeNode());
          blockKeys = nodes.map((n) => n.getKey());
          return;
        }
        // A changed block is replaced whole: clearing it in place would remove it (blocks cannot
        // be empty, and Lexical drops such a parent when its last child goes).
        blockKeys = [...blockKeys];
        // Lexical's selection may point into a block being replaced; the DOM selection is left
        // alone (SKIP_DOM_SELECTION_TAG) so a selection elsewhere in the article survives.
        $setSelection(null);
        for (const i of changed) {
          const node = $getNodeByKey(blockKeys[i] ?? '');
          const block = pageBlocks[i];
          if (!$isArticleBlockNode(node) || !block) continue;
          const fresh = $createBlock(text, block, segments[i] ?? []);
          node.replace(fresh);
          blockKeys[i] = fresh.getKey();
        }
        if (builtAfter > builtBefore) {
          const rest = pageBlocks.slice(builtBefore, builtAfter).map((block, j) => $createBlock(text, block, segments[builtBefore + j] ?? []));
          const trailingEdge = $getRoot().getLastChild();
          if (trailingEdge) for (const node of rest) trailingEdge.insertBefore(node);
          else $getRoot().append(...rest);
          blockKeys.push(...rest.map((n) => n.getKey()));
        }
      },
      {
        discrete: true,
        // The user's DOM selection must survive span edits elsewhere in the article.
        tag: SKIP_DOM_SELECTION_TAG,
        onUpdate: () => {
          const complete = builtAfter === pageBlocks.length;
          performance.measure(BUILD_MEASURE, {
            start: startMark,
            detail: {
              full,
              fill: !full && builtAfter > builtBefore,
              complete,
              blocks: full ? builtAfter : changed.length + builtAfter - builtBefore,
              spans: pageSpans.length,
              chars: page.end - page.start,
            },
          });
          performance.clearMarks(startMark);
          rootRef.current?.setAttribute('data-complete', String(complete));
          if (rootRef.current) restoreSelection(rootRef.current, keptSelection);
          const target = pendingScroll.current;
          // A span in the part still to be built is scrolled to once it is there.
          if (target !== null && (scrollNow(target) || complete)) pendingScroll.current = null;
        },
      },
    );
    rendered.current = { docId, text, pageIndex, labelsKey, blockKeys, signatures: signatures.slice(0, builtAfter), total: pageBlocks.length };
    if (builtAfter < pageBlocks.length) {
      // After the first chunk is painted (a task posted from requestAnimationFrame runs after
      // the frame), or after FILL_FALLBACK_MS if frames are not coming (hidden window).
      let done = false;
      const fill = () => {
        if (done) return;
        done = true;
        setFillTick((t) => t + 1);
      };
      requestAnimationFrame(() => setTimeout(fill, 0));
      setTimeout(fill, FILL_FALLBACK_MS);
    }
  }, [editor, docId, text, blocks, pages, pageIndex, spans, labels, scrollNow, fillTick]);

  useEffect(() => {
    markIndex.select(selectedSpanId);
  }, [markIndex, selectedSpanId, spans, pageIndex, docId, fillTick]);

  // Report selection presence changes (the app enables "tag" actions with it).
  useEffect(() => {
    let last = false;
    const onChange = () => {
      const root = rootRef.current;
      const has = root !== null && selectionOffsets(root, document.getSelection()) !== null;
      if (has !== last) {
        last = has;
        latest.current.onSelectionChange?.(has);
      }
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, []);

  // Ctrl/Cmd+A selects the article's text only, not the whole window (form fields keep theirs).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'a') return;
      if (isEditableTarget(event.target)) return;
      const root = rootRef.current;
      const selection = document.getSelection();
      if (!root || !selection) return;
      event.preventDefault();
      const range = document.createRange();
      range.selectNodeContents(root);
      selection.removeAllRanges();
      selection.addRange(range);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const onClick = useCallback((event: React.MouseEvent<HTMLDivElement>) => {
    const root = rootRef.current;
    if (!root || !(event.target instanceof Element)) return;
    // The end of a drag-selection is not a click on a span.
    if (selectionOffsets(root, document.getSelection()) !== null) return;
    const mark = event.target.closest('mark[data-span-ids]');
    if (!mark || !root.contains(mark)) return;
    const ids = (mark.getAttribute('data-span-ids') ?? '').split(' ').filter(Boolean);
    const lengths = new Map(latest.current.spans.map((s) => [s.id, s.end - s.start]));
    const id = innermostSpanId(ids, (spanId) => lengths.get(spanId));
    if (id !== null) latest.current.onSpanClick(id);
  }, []);

  useImperativeHandle(
    handleRef,
    (): ArticleViewHandle => ({
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
    }),
    [goToPage, scrollNow, markIndex],
  );

  const onPagerGo = useCallback(
    (index: number) => {
      goToPage(index);
      rootRef.current?.scrollIntoView({ block: 'start' });
    },
    [goToPage],
  );

  return (
    <>
      <Pager pages={pages} current={pageIndex} textLength={text.length} onGo={onPagerGo} />
      <div
        ref={setRoot}
        className="fm-article"
        data-testid="article"
        data-doc-id={docId}
        data-page={pageIndex}
        role="document"
        aria-label="Article text"
        aria-describedby={helpId}
        tabIndex={0}
        spellCheck={false}
        onClick={onClick}
      />
      <p id={helpId} className="visually-hidden">
        Read-only. Arrow keys move a caret, Shift with the arrows selects (Ctrl or Alt for whole words), then a label key tags the selection.
        J and K go to the next and previous span, Enter to its attributes; Tab steps through suggestions.
      </p>
      <Pager pages={pages} current={pageIndex} textLength={text.length} onGo={onPagerGo} />
    </>
  );
}
