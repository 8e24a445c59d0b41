import { useLayoutEffect, useState, type RefObject } from 'react';
import type { LabelDef, Relation, RelationType } from '../../../shared/model/schemas';
import type { ArticleViewHandle } from './ArticleView';
import { observeArticleLayout } from './observeArticleLayout';

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

/**
 * Relations drawn as arcs in the article's left margin: from the first line of the source span
 * out into the margin and back to the first line of the target, with an arrowhead for directed
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
      const left = articleEl.getBoundingClientRect().left - box.left + container.scrollLeft;
      const point = (spanId: string) => {
        const el = handle.elementsOfSpan(spanId).sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
        if (!el) return null;
        const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
        return { x: r.left - box.left + container.scrollLeft, y: r.top - box.top + container.scrollTop + r.height / 2 };
      };
      const next: Arc[] = [];
      relations.forEach((rel, i) => {
        const a = point(rel.from);
        const b = point(rel.to);
        if (!a || !b) return;
        const type = relationTypes.find((t) => t.id === rel.type);
        const label = labels.find((l) => l.id === spanLabels.get(rel.from));
        // Nested arcs step outwards so several relations stay apart.
        const x = Math.max(4, left + 10 - (i % 4) * 5);
        // Two spans on one line: a small loop, so the arc never collapses onto itself.
        const [y1, y2] = Math.abs(a.y - b.y) < 4 ? [a.y - 5, b.y + 5] : [a.y, b.y];
        const d = `M ${a.x} ${y1} C ${x} ${y1}, ${x} ${y2}, ${b.x - 2} ${y2}`;
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
        <marker id="fm-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
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
