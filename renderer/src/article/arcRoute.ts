/**
 * Where a relation's arc runs: never over text. From the top of the source span up into the gap
 * above its line, along that gap to the article's margin, down the margin to the gap above the
 * target's line, along it, and down onto the target (brat and INCEpTION draw above the lines too).
 * Two spans on one line get a bracket over the line. Right-to-left paragraphs use the right margin.
 * All values in the overlay's coordinates (px); pure, so the routing is tested without a browser.
 */

export interface SpanBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  rtl: boolean;
}

export interface ArcLanes {
  /** The margin lanes' x range: the article's padding beside the text, on each side. */
  marginLeft: number;
  marginRight: number;
  /** Which of a few parallel lanes this arc takes (several relations stay apart). */
  lane: number;
}

export interface Point {
  x: number;
  y: number;
}

/** How far above a line's glyph box the horizontal runs go (inside the line spacing). */
export const GAP_OFFSET = 3;
const LANES = 4;
const LANE_STEP = 4;
const MIN_BRACKET = 12;

const sameLine = (a: SpanBox, b: SpanBox) => Math.abs(a.top - b.top) < 4;

/** The points of the arc's path, source first; the last point is just above the target. */
export function routeArc(source: SpanBox, target: SpanBox, lanes: ArcLanes): Point[] {
  const lane = lanes.lane % LANES;
  const yOf = (box: SpanBox) => box.top - GAP_OFFSET - (lane % 2);
  const start = source.rtl ? source.right - 4 : source.left + 4;
  let end = (target.left + target.right) / 2;
  if (sameLine(source, target) && Math.abs(end - start) < MIN_BRACKET) {
    // A span nested at the start of the other (a claim and its claimant): the far end of the target.
    end = source.rtl ? target.left + 4 : target.right - 4;
  }
  const top = (box: SpanBox) => box.top - 1;
  if (sameLine(source, target)) {
    const y = Math.min(yOf(source), yOf(target));
    return [
      { x: start, y: top(source) },
      { x: start, y },
      { x: end, y },
      { x: end, y: top(target) },
    ];
  }
  const margin = source.rtl ? lanes.marginRight - lane * LANE_STEP : lanes.marginLeft + lane * LANE_STEP;
  return [
    { x: start, y: top(source) },
    { x: start, y: yOf(source) },
    { x: margin, y: yOf(source) },
    { x: margin, y: yOf(target) },
    { x: end, y: yOf(target) },
    { x: end, y: top(target) },
  ];
}

/** An SVG path through the points, corners slightly rounded. */
export function arcPath(points: readonly Point[], radius = 3): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points as [Point, ...Point[]];
  let d = `M ${first.x} ${first.y}`;
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i] as Point;
    const prev = (i === 0 ? first : rest[i - 1]) as Point;
    const next = rest[i + 1];
    if (!next) {
      d += ` L ${p.x} ${p.y}`;
      break;
    }
    const r1 = Math.min(radius, Math.hypot(p.x - prev.x, p.y - prev.y) / 2);
    const r2 = Math.min(radius, Math.hypot(next.x - p.x, next.y - p.y) / 2);
    const toward = (from: Point, to: Point, r: number) => {
      const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      return { x: from.x + ((to.x - from.x) / len) * r, y: from.y + ((to.y - from.y) / len) * r };
    };
    const a = toward(p, prev, r1);
    const b = toward(p, next, r2);
    d += ` L ${a.x} ${a.y} Q ${p.x} ${p.y} ${b.x} ${b.y}`;
  }
  return d;
}
