import type { LabelDef } from '../../../shared/model/schemas';

/** The label drawn as an underline band instead of a fill: claims often enclose actors and numbers. */
export const BAND_LABEL_ID = 'claim';

const FALLBACK_COLOR = '#6b7280';
const FILL_ALPHA = 0.28;
/** Band geometry in px: each nested claim adds a band below the previous one, with a gap. */
const BAND_THICKNESS = 3;
const BAND_GAP = 1;
/** Deeper nesting than this is still listed in the tooltip but not drawn as more bands. */
const MAX_BANDS = 3;

/** What the mark node needs to know about spans and labels when it draws itself. */
export interface MarkLookup {
  labelOfSpan: ReadonlyMap<string, string>;
  labels: ReadonlyMap<string, LabelDef>;
  /** Decorations already worked out, by the segment's label ids (what a decoration depends on). */
  cache?: Map<string, MarkDecoration & { style: string }>;
}

export interface MarkDecoration {
  /** Tooltip: the labels of the segment's spans, outermost first. */
  title: string;
  /** Label ids of the segment's spans, outermost first, space separated (for CSS and tests). */
  labelIds: string;
  /** Inline CSS: translucent fills as background layers, claim bands as box shadows below. */
  backgroundImage: string;
  boxShadow: string;
}

export function createMarkLookup(spans: readonly { id: string; label: string }[], labels: readonly LabelDef[]): MarkLookup {
  return {
    labelOfSpan: new Map(spans.map((s) => [s.id, s.label])),
    labels: new Map(labels.map((l) => [l.id, l])),
    cache: new Map(),
  };
}

/**
 * decorateMark, once per combination of labels: thousands of marks share a few combinations.
 * `style` is the inline style attribute with the fills and bands.
 */
export function decorateMarkCached(spanIds: readonly string[], lookup: MarkLookup): MarkDecoration & { style: string } {
  let key = '';
  for (const id of spanIds) key += `${lookup.labelOfSpan.get(id) ?? ''} `;
  const hit = lookup.cache?.get(key);
  if (hit) return hit;
  const d = decorateMark(spanIds, lookup);
  const style = [d.backgroundImage ? `background-image: ${d.backgroundImage};` : '', d.boxShadow ? `box-shadow: ${d.boxShadow};` : ''].filter(Boolean).join(' ');
  const full = { ...d, style };
  lookup.cache?.set(key, full);
  return full;
}

/** `#rrggbb` -> `rgba(r, g, b, alpha)`; anything else falls back to a neutral grey. */
export function hexToRgba(hex: string, alpha: number): string {
  const m = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex);
  const [r, g, b] = m ? [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16)) : [107, 114, 128];
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * How one flattened segment is drawn. Every non-claim span adds a translucent fill layer (so a
 * number inside an actor is visibly darker and mixed), every claim adds a solid band under
 * the text; the outermost claim's band sits closest to the text so it stays continuous across
 * segments where a nested claim adds a second band below it.
 */
export function decorateMark(spanIds: readonly string[], lookup: MarkLookup): MarkDecoration {
  const names: string[] = [];
  const labelIds: string[] = [];
  const fills: string[] = [];
  const bandColors: string[] = [];
  for (const id of spanIds) {
    const labelId = lookup.labelOfSpan.get(id) ?? '';
    const label = lookup.labels.get(labelId);
    const color = label?.color ?? FALLBACK_COLOR;
    names.push(label?.name ?? (labelId || 'unknown label'));
    labelIds.push(labelId);
    if (labelId === BAND_LABEL_ID) bandColors.push(color);
    else {
      const rgba = hexToRgba(color, FILL_ALPHA);
      fills.push(`linear-gradient(${rgba}, ${rgba})`);
    }
  }
  const shadows: string[] = [];
  bandColors.slice(0, MAX_BANDS).forEach((color, depth) => {
    const bottom = (depth + 1) * BAND_THICKNESS + depth * BAND_GAP;
    // Box shadows paint front to back: a band, then a gap in the page colour that hides the
    // next shadow's upper part, so nested claims read as separate stripes.
    shadows.push(`0 ${bottom}px 0 0 ${color}`);
    if (depth + 1 < Math.min(bandColors.length, MAX_BANDS)) shadows.push(`0 ${bottom + BAND_GAP}px 0 0 var(--fm-article-bg, #fff)`);
  });
  return {
    title: names.join(' › '),
    labelIds: labelIds.join(' '),
    backgroundImage: fills.join(', '),
    boxShadow: shadows.join(', '),
  };
}

/** The innermost span under the pointer: the shortest; on a tie the later (more nested) id. */
export function innermostSpanId(spanIds: readonly string[], lengthOf: (id: string) => number | undefined): string | null {
  let best: string | null = null;
  let bestLength = Infinity;
  for (const id of spanIds) {
    const length = lengthOf(id);
    if (length === undefined) continue;
    if (length <= bestLength) {
      best = id;
      bestLength = length;
    }
  }
  return best;
}
