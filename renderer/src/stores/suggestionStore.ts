import type { SuggestionView } from '../../../shared/api/contract';
import { createStore } from './createStore';

/** The open document's suggestions (never annotations until accepted) and how they are shown. */
export interface SuggestionState {
  docId: string | null;
  suggestions: SuggestionView[];
  /** Labels whose suggestions are hidden (toolbar toggles); all are shown by default. */
  hiddenLabels: string[];
  /** The suggestion Tab moved to: Enter / y accepts it, x / Backspace rejects it. */
  focusedId: string | null;
  /** docId's suggestions are being computed (the bar says "loading…", not "none"). */
  loading: boolean;
}

export const suggestionStore = createStore<SuggestionState>({ docId: null, suggestions: [], hiddenLabels: [], focusedId: null, loading: false });

/**
 * The suggestions to draw: those of shown labels, without the ones a span of the same label
 * already overlaps (spans tagged since the suggestions were computed count too).
 */
export function visibleSuggestions(
  suggestions: readonly SuggestionView[],
  hiddenLabels: readonly string[],
  spans: readonly { start: number; end: number; label: string }[],
): SuggestionView[] {
  return suggestions.filter(
    (s) => !hiddenLabels.includes(s.label) && !spans.some((t) => t.label === s.label && t.start < s.end && t.end > s.start),
  );
}

/**
 * Tab / Shift+Tab: the next (or previous) suggestion after the focused one, wrapping around;
 * with `wrap` false, null past either end (Tab then leaves the article: no keyboard trap).
 */
export function neighbourSuggestion(visible: readonly SuggestionView[], focusedId: string | null, delta: 1 | -1, wrap = true): string | null {
  if (visible.length === 0) return null;
  const at = visible.findIndex((s) => s.id === focusedId);
  if (at < 0) return (delta === 1 ? visible[0] : visible[visible.length - 1])?.id ?? null;
  if (!wrap && (at + delta < 0 || at + delta >= visible.length)) return null;
  return visible[(at + delta + visible.length) % visible.length]?.id ?? null;
}
