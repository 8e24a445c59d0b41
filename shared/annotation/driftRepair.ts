import type { Span } from '../model/schemas';
import { reanchorSpans, type AnchorSuggestion, type OrphanReason } from './reanchor';

/**
 * The repair of a document whose text changed under its annotations (or that still has orphans
 * from an earlier repair): which spans move, which are orphans, and what a repair request makes of
 * them. Pure: the service reads and writes the files.
 */

export interface MovedSpanView {
  id: string;
  label: string;
  quote: string;
  /** Offsets in the text the span was made against. */
  oldStart: number;
  oldEnd: number;
  /** Offsets in the current text. */
  start: number;
  end: number;
}

export interface OrphanView {
  id: string;
  label: string;
  quote: string;
  oldStart: number;
  oldEnd: number;
  reason: OrphanReason;
  /** A place the annotator may accept with one click; never applied without them. */
  suggestion: AnchorSuggestion | null;
}

export interface DriftPlan {
  moved: MovedSpanView[];
  orphans: OrphanView[];
}

/** What the re-anchoring proposes for `spans` on `text` (orphans already stored come along as orphans). */
export function planDrift(text: string, spans: readonly Span[], storedOrphans: readonly Span[] = []): DriftPlan {
  const moved: MovedSpanView[] = [];
  const orphans: OrphanView[] = [];
  const all = [...spans.map((s) => ({ s, stored: false })), ...storedOrphans.map((s) => ({ s, stored: true }))];
  const outcomes = reanchorSpans(
    text,
    all.map(({ s }) => s),
  );
  outcomes.forEach((o, i) => {
    const { s, stored } = all[i]!;
    const base = { id: s.id, label: s.label, quote: s.quote, oldStart: s.start, oldEnd: s.end };
    if (o.kind === 'moved' && !stored) moved.push({ ...base, start: o.start, end: o.end });
    else if (o.kind === 'moved') {
      // An orphan is placed by the annotator only: a sure place is offered as its suggestion.
      orphans.push({ ...base, reason: 'context-changed', suggestion: { start: o.start, end: o.end, text: text.slice(o.start, o.end) } });
    } else orphans.push({ ...base, reason: o.reason, suggestion: o.suggestion });
  });
  return { moved, orphans };
}

export interface RepairRequest {
  /** Moved spans to move; a moved span left out becomes an orphan. Absent: all of them. */
  accept?: readonly string[] | undefined;
  /** Orphans placed by the annotator, at offsets in the current text. */
  place: readonly { id: string; start: number; end: number }[];
  /** Orphans the annotator dropped. */
  drop: readonly string[];
}

export type RepairOutcome =
  | { ok: true; spans: Span[]; orphans: Span[] }
  | { ok: false; message: string };

/**
 * Apply a repair: `spans` and `storedOrphans` are the annotation file's, `plan` is planDrift() of
 * them on the current `text` (pass textChanged=false when the text did not change: the spans then
 * stay as they are and only orphans are placed or dropped). Placed spans keep id, label and dates
 * except `updatedAt`, which becomes `now`.
 */
export function applyRepair(
  text: string,
  spans: readonly Span[],
  storedOrphans: readonly Span[],
  plan: DriftPlan,
  request: RepairRequest,
  textChanged: boolean,
  now: string,
): RepairOutcome {
  const orphanIds = new Set(textChanged ? plan.orphans.map((o) => o.id) : storedOrphans.map((o) => o.id));
  const movedIds = new Set(textChanged ? plan.moved.map((m) => m.id) : []);
  const byId = new Map([...spans, ...storedOrphans].map((s) => [s.id, s] as const));
  if (request.accept) {
    for (const id of request.accept) if (!movedIds.has(id)) return { ok: false, message: `Span ${id} is not among the spans to move.` };
  }
  const accepted = new Set(request.accept ?? movedIds);
  const placed = new Map<string, { start: number; end: number }>();
  for (const p of request.place) {
    // A moved span the annotator did not accept is an orphan too and may be placed by hand.
    if (!orphanIds.has(p.id) && !(movedIds.has(p.id) && !accepted.has(p.id))) {
      return { ok: false, message: `Span ${p.id} is not an orphan; only orphans are placed.` };
    }
    if (placed.has(p.id)) return { ok: false, message: `Span ${p.id} was placed twice.` };
    placed.set(p.id, { start: p.start, end: p.end });
  }
  const dropped = new Set(request.drop);
  for (const id of dropped) {
    if (!orphanIds.has(id) && !(movedIds.has(id) && !accepted.has(id))) return { ok: false, message: `Span ${id} is not an orphan; only orphans are dropped.` };
    if (placed.has(id)) return { ok: false, message: `Span ${id} cannot be both placed and dropped.` };
  }

  const nextSpans: Span[] = [];
  const nextOrphans: Span[] = [];
  const at = (s: Span, start: number, end: number, touched: boolean): Span => ({
    ...s,
    start,
    end,
    quote: text.slice(start, end),
    ...(touched ? { updatedAt: now } : {}),
  });
  if (textChanged) {
    for (const m of plan.moved) {
      const s = byId.get(m.id)!;
      if (accepted.has(m.id)) nextSpans.push(at(s, m.start, m.end, false));
      else if (placed.has(m.id)) nextSpans.push(at(s, placed.get(m.id)!.start, placed.get(m.id)!.end, true));
      else if (!dropped.has(m.id)) nextOrphans.push(s);
    }
  } else {
    nextSpans.push(...spans);
  }
  for (const id of orphanIds) {
    const s = byId.get(id)!;
    const place = placed.get(id);
    if (place) nextSpans.push(at(s, place.start, place.end, true));
    else if (!dropped.has(id)) nextOrphans.push(s);
  }
  return { ok: true, spans: nextSpans, orphans: nextOrphans };
}
