import { useLayoutEffect, useRef, useState, type MutableRefObject } from 'react';
import { $getNodeByKey, $getRoot, $setSelection, SKIP_DOM_SELECTION_TAG, type LexicalEditor, type NodeKey } from 'lexical';
import type { LabelDef, Span } from '../../../shared/model/schemas';
import type { TextBlock } from '../../../shared/text/blocks';
import { segmentsForBlocks } from '../../../shared/annotation/segments';
import { $createArticleEdgeNode, $isArticleBlockNode } from './nodes/ArticleBlockNode';
import { setMarkLookup } from './nodes/markElement';
import { $createBlock } from './buildNodes';
import { blockSignature, changedBlockIndexes } from './blockSignatures';
import { createMarkLookup } from './markDecoration';
import type { ArticlePage } from './paging';
import { restoreSelection, saveSelection } from './caret/caretBrowsing';

/**
 * Building the article's Lexical tree from text + spans (ArticleView's one writer of the tree):
 * the whole page when the document, text, page or labels change, else only the blocks whose
 * spans changed, and a long page in two steps. Each build is measured as BUILD_MEASURE.
 */

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
export interface Rendered {
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


function labelsKeyOf(labels: readonly LabelDef[]): string {
  return labels.map((l) => `${l.id}:${l.name}:${l.color}`).join('|');
}

export interface ArticleBuildInput {
  editor: LexicalEditor;
  rootRef: MutableRefObject<HTMLDivElement | null>;
  docId: string;
  text: string;
  blocks: readonly TextBlock[];
  pages: readonly ArticlePage[];
  pageIndex: number;
  spans: readonly Span[];
  labels: readonly LabelDef[];
  /** Scrolls to the span's first mark; false when it has none in the DOM (yet). */
  scrollNow(spanId: string): boolean;
  /** A span to scroll to once it has been built (set by scrollToSpan), cleared when reached. */
  pendingScroll: MutableRefObject<string | null>;
}

/** Keeps the tree in step with the props; `rendered` is what the tree holds, `fillTick` changes when the rest of a long page was built. */
export function useArticleBuild({ editor, rootRef, docId, text, blocks, pages, pageIndex, spans, labels, scrollNow, pendingScroll }: ArticleBuildInput): {
  rendered: MutableRefObject<Rendered | null>;
  fillTick: number;
} {
  const rendered = useRef<Rendered | null>(null);
  // Bumped after the first chunk of a long page has been painted: builds the rest.
  const [fillTick, setFillTick] = useState(0);

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
  }, [editor, rootRef, docId, text, blocks, pages, pageIndex, spans, labels, scrollNow, pendingScroll, fillTick]);

  return { rendered, fillTick };
}
