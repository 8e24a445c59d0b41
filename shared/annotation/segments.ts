import type { TextBlock } from '../text/blocks';

/**
 * Overlapping spans rendered as flat marks: each block is cut at every span edge into segments,
 * and each segment lists the spans covering it. The view then renders one mark per segment (or
 * plain text when the list is empty), which is how nested and overlapping spans stay visible.
 */
export interface Segment {
  /** Absolute [start, end) offsets into the document text. */
  start: number;
  end: number;
  /** Covering spans, outermost first (start asc, end desc, id). */
  spanIds: string[];
}

interface SpanRange {
  id: string;
  start: number;
  end: number;
}

const compareOutermostFirst = (a: SpanRange, b: SpanRange) =>
  a.start - b.start || b.end - a.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

interface SpanEdge {
  at: number;
  opens: boolean;
  span: SpanRange;
}

/**
 * result[i] tiles blocks[i] exactly with consecutive non-empty segments; neighbours with the same
 * span list are merged. Blocks must be in text order and must not overlap (as buildBlocks makes
 * them). Empty or reversed spans are ignored. O((blocks + spans) log spans) plus, per segment, the
 * sort of the spans covering it.
 */
export function segmentsForBlocks(blocks: readonly TextBlock[], spans: readonly SpanRange[]): Segment[][] {
  const edges: SpanEdge[] = [];
  for (const span of spans) {
    if (!(span.end > span.start)) continue;
    edges.push({ at: span.start, opens: true, span }, { at: span.end, opens: false, span });
  }
  // At one offset, close before opening: a span ending where another starts does not cover it.
  edges.sort((a, b) => a.at - b.at || Number(a.opens) - Number(b.opens));

  const active = new Set<SpanRange>();
  let nextEdge = 0;
  const applyEdgesUpTo = (offset: number) => {
    while (nextEdge < edges.length && (edges[nextEdge] as SpanEdge).at <= offset) {
      const edge = edges[nextEdge] as SpanEdge;
      if (edge.opens) active.add(edge.span);
      else active.delete(edge.span);
      nextEdge++;
    }
  };
  const activeIds = () => [...active].sort(compareOutermostFirst).map((s) => s.id);

  return blocks.map((block) => {
    const segments: Segment[] = [];
    const emit = (start: number, end: number) => {
      const spanIds = activeIds();
      const previous = segments[segments.length - 1];
      if (previous && sameIds(previous.spanIds, spanIds)) previous.end = end;
      else segments.push({ start, end, spanIds });
    };
    applyEdgesUpTo(block.start);
    let cursor = block.start;
    while (nextEdge < edges.length && (edges[nextEdge] as SpanEdge).at < block.end) {
      const at = (edges[nextEdge] as SpanEdge).at;
      if (at > cursor) {
        emit(cursor, at);
        cursor = at;
      }
      applyEdgesUpTo(at);
    }
    if (cursor < block.end) emit(cursor, block.end);
    return segments;
  });
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
