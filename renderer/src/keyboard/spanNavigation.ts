import type { Span } from '../../../shared/model/schemas';

/**
 * J / K: the span after (or before) the selected one in text order; with none selected, the first
 * span that starts at or after the caret (or the last that starts before it). Null at the ends.
 */
export function neighbourSpan(spans: readonly Span[], selectedId: string | null, caret: number | null, delta: 1 | -1): Span | null {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const at = selectedId === null ? -1 : ordered.findIndex((s) => s.id === selectedId);
  if (at >= 0) return ordered[at + delta] ?? null;
  const from = caret ?? (delta === 1 ? -1 : Infinity);
  if (delta === 1) return ordered.find((s) => s.start >= from) ?? null;
  return [...ordered].reverse().find((s) => s.start < from) ?? null;
}
