import type { SuggestionView } from '../../../shared/api/contract';
import { createStore } from '../stores/createStore';

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
  /** Per label, the score a suggestion needs to be shown, as the annotator set it (threshold slider). */
  thresholds: Record<string, number>;
  /** Per label, the default threshold the services answered (the model's). */
  defaultThresholds: Record<string, number>;
  /** "Accept all" waiting for the annotator's confirmation (more than ACCEPT_ALL_CONFIRM_OVER). */
  pendingAcceptAll: { label: string; ids: string[] } | null;
}

export const suggestionStore = createStore<SuggestionState>({
  docId: null,
  suggestions: [],
  hiddenLabels: [],
  focusedId: null,
  loading: false,
  thresholds: {},
  defaultThresholds: {},
  pendingAcceptAll: null,
});

/** "Accept all" asks first when it would accept more than this many suggestions. */
export const ACCEPT_ALL_CONFIRM_OVER = 20;
/** The threshold when neither the annotator nor the services gave one. */
export const FALLBACK_THRESHOLD = 0.5;

/** The score a suggestion of `label` needs: the annotator's slider, else the model's default. */
export function thresholdOf(state: Pick<SuggestionState, 'thresholds' | 'defaultThresholds'>, label: string): number {
  return state.thresholds[label] ?? state.defaultThresholds[label] ?? FALLBACK_THRESHOLD;
}

/** Those at or above their label's threshold (a suggestion without a score always is). */
export function aboveThreshold(suggestions: readonly SuggestionView[], state: Pick<SuggestionState, 'thresholds' | 'defaultThresholds'>): SuggestionView[] {
  return suggestions.filter((s) => s.score === undefined || s.score >= thresholdOf(state, s.label));
}

/**
 * What "Accept all" of a label takes: the suggestions of that label shown now (above the
 * threshold, label not hidden, no span over them) and drawn on the current page.
 */
export function acceptAllCandidates(shown: readonly SuggestionView[], label: string, drawn: ReadonlySet<string>): SuggestionView[] {
  return shown.filter((s) => s.label === label && drawn.has(s.id));
}

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
