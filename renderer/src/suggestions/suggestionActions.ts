import type { SuggestionView } from '../../../shared/api/contract';
import { bridge } from '../bridge';
import { documentStore } from '../stores/appDocumentStore';
import { appStore, showToast } from '../stores/appStore';
import { acceptanceDrafts, type AcceptContext } from './acceptDrafts';
import { aboveThreshold, ACCEPT_ALL_CONFIRM_OVER, acceptAllCandidates, neighbourSuggestion, suggestionStore, visibleSuggestions } from './suggestionStore';
import { setOverlay } from '../stores/appStore';

/** What the keyboard and the toolbar do with suggestions. State: stores/suggestionStore.ts. */

/** The suggestions drawn now for the open document (shown labels, above their thresholds). */
export function shownSuggestions(): SuggestionView[] {
  const state = suggestionStore.get();
  const doc = documentStore.get().doc;
  if (!doc || doc.docId !== state.docId || doc.textChanged) return [];
  return aboveThreshold(visibleSuggestions(state.suggestions, state.hiddenLabels, doc.history.present.spans), state);
}

/** The ids of the suggestions drawn on the current page (a long document shows one page at a time). */
const drawnSuggestionIds = () => new Set([...document.querySelectorAll('[data-suggestion-id]')].map((el) => el.getAttribute('data-suggestion-id') ?? ''));

/** The threshold slider of a label: suggestions scored below `value` are hidden. */
export function setSuggestionThreshold(label: string, value: number): void {
  const thresholds = { ...suggestionStore.get().thresholds, [label]: Math.min(1, Math.max(0, value)) };
  suggestionStore.set({ thresholds, focusedId: null });
}

/** Ask the services for the open document's suggestions (computed off the UI thread). */
export async function loadSuggestions(docId: string): Promise<void> {
  if (suggestionStore.get().docId !== docId) suggestionStore.set({ docId, suggestions: [], focusedId: null });
  suggestionStore.set({ loading: true });
  const result = await bridge.getSuggestions({ docId });
  if (documentStore.get().docId !== docId) return;
  if (!result.ok) {
    suggestionStore.set({ loading: false });
    showToast(`Suggestions are not available: ${result.error.message}`, 'error');
    return;
  }
  suggestionStore.set({ docId, suggestions: result.value.suggestions, loading: false, ...(result.value.thresholds ? { defaultThresholds: result.value.thresholds } : {}) });
}

export function toggleSuggestionLabel(label: string): void {
  const hidden = suggestionStore.get().hiddenLabels;
  suggestionStore.set({ hiddenLabels: hidden.includes(label) ? hidden.filter((l) => l !== label) : [...hidden, label], focusedId: null });
}

export const focusedSuggestion = (): SuggestionView | null => {
  const id = suggestionStore.get().focusedId;
  return shownSuggestions().find((s) => s.id === id) ?? null;
};

/** Tab / Shift+Tab: move the focus to the next / previous suggestion; false when there is none (past an end, unless `wrap`). */
export function focusNeighbourSuggestion(delta: 1 | -1, wrap = true): boolean {
  // Only those drawn (the current page of a long document).
  const drawn = drawnSuggestionIds();
  const next = neighbourSuggestion(shownSuggestions().filter((s) => drawn.has(s.id)), suggestionStore.get().focusedId, delta, wrap);
  if (!next) return false;
  documentStore.selectSpan(null);
  suggestionStore.set({ focusedId: next });
  document.querySelector(`[data-suggestion-id="${CSS.escape(next)}"]`)?.scrollIntoView({ block: 'nearest' });
  return true;
}

export function clearSuggestionFocus(): void {
  if (suggestionStore.get().focusedId) suggestionStore.set({ focusedId: null });
}

/** The open document's suggestions, spans and relation types, for acceptanceDrafts. */
function acceptContext(): AcceptContext {
  return {
    suggestions: suggestionStore.get().suggestions,
    spans: documentStore.get().doc?.history.present.spans ?? [],
    relationTypes: appStore.get().project?.relationTypes ?? [],
  };
}

/** Enter / y (or a label key: as that label): the focused suggestion becomes a span (undoable). */
export function acceptFocusedSuggestion(label?: string): boolean {
  const focused = focusedSuggestion();
  if (!focused) return false;
  const drafts = acceptanceDrafts([focused], acceptContext(), label);
  // The focus moves on to the next suggestion that stays (a claimant accepted with its claim goes).
  const goes = (s: SuggestionView) => s.id !== focused.id && drafts.some((d) => d.start === s.start && d.end === s.end && d.label === s.label);
  const next = neighbourSuggestion(shownSuggestions().filter((s) => !goes(s)), focused.id, 1);
  const result = documentStore.addSpans(drafts);
  if (!result.ok) {
    showToast(result.message, 'error');
    return true;
  }
  documentStore.selectSpan(null);
  const claimant = drafts.find((d) => d.links?.length) && focused.claimant;
  if (claimant) showToast(`Accepted the claim, attributed to “${claimant.quote}”; undo takes both back.`);
  suggestionStore.set({ focusedId: next === focused.id ? null : next });
  return true;
}

/** x / Backspace: reject the focused suggestion; it is remembered and not proposed again. */
export function rejectFocusedSuggestion(): boolean {
  const focused = focusedSuggestion();
  if (!focused) return false;
  const docId = documentStore.get().docId;
  if (!docId) return false;
  const next = neighbourSuggestion(shownSuggestions(), focused.id, 1);
  const { suggestions } = suggestionStore.get();
  // Gone at once; the services' answer (the list without it) follows.
  suggestionStore.set({ suggestions: suggestions.filter((s) => s.id !== focused.id), focusedId: next === focused.id ? null : next });
  void bridge.rejectSuggestion({ docId, suggestionId: focused.id }).then((result) => {
    if (!result.ok) {
      showToast(result.error.message, 'error');
      void loadSuggestions(docId);
    } else if (suggestionStore.get().docId === docId) suggestionStore.set({ suggestions: result.value.suggestions });
  });
  return true;
}

/**
 * "Accept all" of a label: the suggestions of that label shown on the current page and above the
 * threshold become spans, as one undoable step; more than ACCEPT_ALL_CONFIRM_OVER ask first.
 */
export function acceptAllSuggestions(label: string): void {
  const candidates = acceptAllCandidates(shownSuggestions(), label, drawnSuggestionIds());
  if (candidates.length === 0) {
    showToast('No suggestion of this label is shown on this page.');
    return;
  }
  if (candidates.length > ACCEPT_ALL_CONFIRM_OVER) {
    suggestionStore.set({ pendingAcceptAll: { label, ids: candidates.map((s) => s.id) } });
    setOverlay('accept-all');
    return;
  }
  acceptSuggestionsNow(label, candidates);
}

/** The confirmation dialog's answer: accept the suggestions it listed (those still shown), or not. */
export function confirmAcceptAll(accept: boolean): void {
  const pending = suggestionStore.get().pendingAcceptAll;
  suggestionStore.set({ pendingAcceptAll: null });
  setOverlay(null);
  if (!accept || !pending) return;
  const ids = new Set(pending.ids);
  acceptSuggestionsNow(pending.label, shownSuggestions().filter((s) => ids.has(s.id)));
}

function acceptSuggestionsNow(label: string, all: SuggestionView[]): void {
  if (all.length === 0) return;
  const drafts = acceptanceDrafts(all, acceptContext());
  const result = documentStore.addSpans(drafts);
  if (!result.ok) {
    showToast(result.message, 'error');
    return;
  }
  suggestionStore.set({ focusedId: null });
  const name = appStore.get().project?.labels.find((l) => l.id === label)?.name ?? label;
  const linked = drafts.filter((d) => d.links?.length).length;
  const claimants = linked > 0 ? `, ${linked} attributed to their claimant` : '';
  showToast(`Accepted ${all.length} ${name} suggestion${all.length === 1 ? '' : 's'}${claimants}; undo takes them all back.`);
}
