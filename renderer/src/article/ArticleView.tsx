import { forwardRef, useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { ForwardedRef } from 'react';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LabelDef, Span } from '../../../shared/model/schemas';
import { buildBlocks } from '../../../shared/text/blocks';
import { ArticleBlockNode, ArticleEdgeNode } from './nodes/ArticleBlockNode';
import { innermostSpanId } from './markDecoration';
import { buildPages } from './paging';
import { selectionOffsets } from './domOffsets';
import { registerCaretBrowsing } from './caret/caretBrowsing';
import { MarkIndex } from './markIndex';
import { registerReadOnlyGuards } from './readOnlyGuards';
import { createArticleHandle, type ArticleViewHandle } from './articleHandle';
import { registerSelectAllInArticle, registerSelectionReport } from './articleSelection';
import { useArticleBuild } from './useArticleBuild';
import { Pager } from './Pager';
import './article.css';

/**
 * The article: a read-only Lexical view of the text and its spans (the standoff store is the
 * truth). Each feature is its own module: the tree build (useArticleBuild.ts), the handle the app
 * drives it by (articleHandle.ts), the selection listeners (articleSelection.ts), caret browsing,
 * read-only guards and the mark index, the last three registered Lexical-style with their cleanup.
 */

export type { ArticleViewHandle } from './articleHandle';
export { BUILD_MEASURE, FIRST_CHUNK_CHARS } from './useArticleBuild';

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
  const pendingScroll = useRef<string | null>(null);

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

  const { rendered, fillTick } = useArticleBuild({ editor, rootRef, docId, text, blocks, pages, pageIndex, spans, labels, scrollNow, pendingScroll });

  useEffect(() => {
    markIndex.select(selectedSpanId);
  }, [markIndex, selectedSpanId, spans, pageIndex, docId, fillTick]);

  useEffect(() => registerSelectionReport(() => rootRef.current, (has) => latest.current.onSelectionChange?.(has)), []);

  useEffect(() => registerSelectAllInArticle(() => rootRef.current), []);

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
    (): ArticleViewHandle => createArticleHandle({ rootRef, latest, rendered, pendingScroll, markIndex, goToPage, scrollNow }),
    [goToPage, scrollNow, markIndex, rendered],
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
