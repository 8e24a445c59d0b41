import { useLayoutEffect, useState, type RefObject } from 'react';
import type { LabelDef, Relation, RelationType } from '../../../shared/model/schemas';
import type { ArticleViewHandle } from './ArticleView';
import { observeArticleLayout } from './observeArticleLayout';
import { arcPath, routeArc, type SpanBox } from './arcRoute';

interface Arc {
  id: string;
  d: string;
  color: string;
  selected: boolean;
  title: string;
  directed: boolean;
}

export interface RelationsOverlayProps {
  /** The scrolling container the SVG is drawn in (position: relative). */
  containerRef: RefObject<HTMLElement | null>;
  article: RefObject<ArticleViewHandle | null>;
  relations: readonly Relation[];
  relationTypes: readonly RelationType[];
  labels: readonly LabelDef[];
  spanLabels: ReadonlyMap<string, string>;
  selectedRelationId: string | null;
  selectedSpanId: string | null;
  /** Changes whenever the article is redrawn (spans, page), so arcs are measured again. */
  layoutKey: unknown;
}

/** Whether the paragraph holding `el` runs right to left (its dir="auto" resolved). */
function isRtl(el: Element): boolean {
  const block = el.closest('[data-block-start]') ?? el;
  try {
    return block.matches(':dir(rtl)');
  } catch {
    return getComputedStyle(block).direction === 'rtl';
  }
}

/**
 * Relations drawn as arcs that never cross the text (arcRoute.ts): from the top of the source
 * span's first line up into the line spacing, through the article's margin (the left one, the
 * right one for right-to-left text), and down onto the target, with an arrowhead for directed
 * types. Spans on another page have no marks on screen: their relations are only listed.
 */
export function RelationsOverlay(props: RelationsOverlayProps) {
  const { containerRef, article, relations, relationTypes, labels, spanLabels, selectedRelationId, selectedSpanId, layoutKey } = props;
  const [arcs, setArcs] = useState<Arc[]>([]);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // Measured in the next animation frame, at most once per frame (observeArticleLayout).
    const measure = () => {
      const handle = article.current;
      const box = container.getBoundingClientRect();
      const articleEl = container.querySelector<HTMLElement>('[data-testid=article]');
      if (!handle || !articleEl) {
        setArcs([]);
        return;
      }
      const frame = articleEl.getBoundingClientRect();
      const dx = container.scrollLeft - box.left;
      const dy = container.scrollTop - box.top;
      const margins = { marginLeft: frame.left + dx + 4, marginRight: frame.right + dx - 4 };
      /** The first line's box of a span's first mark, in the overlay's coordinates. */
      const spanBox = (spanId: string): SpanBox | null => {
        const el = handle.elementsOfSpan(spanId).sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
        if (!el) return null;
        const rtl = isRtl(el);
        const rects = [...el.getClientRects()].filter((r) => r.width > 0);
        // The first line of a right-to-left span is its topmost rectangle, whichever side it is on.
        const r = rects.sort((p, q) => p.top - q.top || (rtl ? q.right - p.right : p.left - q.left))[0] ?? el.getBoundingClientRect();
        return { left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy, rtl };
      };
      const next: Arc[] = [];
      relations.forEach((rel, i) => {
        const a = spanBox(rel.from);
        const b = spanBox(rel.to);
        if (!a || !b) return;
        const type = relationTypes.find((t) => t.id === rel.type);
        const label = labels.find((l) => l.id === spanLabels.get(rel.from));
        // Several relations take parallel lanes so they stay apart.
        const d = arcPath(routeArc(a, b, { ...margins, lane: i }));
        const selected = rel.id === selectedRelationId || rel.from === selectedSpanId || rel.to === selectedSpanId;
        next.push({
          id: rel.id,
          d,
          color: label?.color ?? '#6b7280',
          selected,
          title: type?.name ?? rel.type,
          directed: type?.directed ?? true,
        });
      });
      setArcs(next);
      setSize({ width: container.scrollWidth, height: container.scrollHeight });
    };
    return observeArticleLayout(container, measure);
  }, [containerRef, article, relations, relationTypes, labels, spanLabels, selectedRelationId, selectedSpanId, layoutKey]);

  if (arcs.length === 0) return null;
  return (
    <svg className="relations-overlay" data-testid="relations-overlay" width={size.width} height={size.height} aria-hidden="true">
      <defs>
        <marker id="fm-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M 0 0 L 8 4 L 0 8 z" fill="#374151" />
        </marker>
      </defs>
      {arcs.map((arc) => (
        <g key={arc.id} data-testid="relation-arc" data-relation-id={arc.id} className={arc.selected ? 'relation-arc selected' : 'relation-arc'}>
          <title>{arc.title}</title>
          <path d={arc.d} stroke={arc.color} markerEnd={arc.directed ? 'url(#fm-arrow)' : undefined} />
        </g>
      ))}
    </svg>
  );
}
