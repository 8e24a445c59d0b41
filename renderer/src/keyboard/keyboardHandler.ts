import { labelForKey } from '../../../shared/model/labels';
import { runEscapeHandlers } from './escapeHandlers';
import { appStore, setOverlay } from '../stores/appStore';
import { applyLabel, escape, removeSelectedSpan } from '../article/taggingActions';
import { goToNeighbour, markDoneAndNext } from '../project/documentActions';
import { article, documentStore } from '../stores/appDocumentStore';
import { handleLinkKey, isLinking, startLinkMode } from '../relations/linkMode';
import { selectNeighbourSpan } from './spanKeys';
import { focusSelectedAttributes, isInAttributePanel } from './attributeFocus';
import {
  acceptFocusedSuggestion,
  clearSuggestionFocus,
  focusNeighbourSuggestion,
  focusedSuggestion,
  rejectFocusedSuggestion,
} from '../suggestions/suggestionActions';

/** Typing in a form field must never trigger shortcuts. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // [data-own-keys]: a field that reads plain keys itself (the attribute panel's choices).
  return target.closest('input, select, textarea, [data-own-keys]') !== null;
}

/**
 * Suggestion keys (Tab, Enter, y, x) act only while the article itself has the focus: from the
 * page, the panels or the pager, Tab moves between controls as everywhere else.
 */
function isArticleTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[data-testid=article]') !== null;
}

/**
 * Tab / Shift+Tab step through suggestions; a focused one is accepted (Enter, y, a label key) or
 * rejected (x, Backspace). Past the last one Tab leaves the article for the next control (and
 * Shift+Tab with none focused, for the previous one): never a keyboard trap.
 */
function handleSuggestionKey(event: KeyboardEvent): boolean {
  if (event.altKey || !isArticleTarget(event.target) || appStore.get().hasTextSelection) return false;
  if (event.key === 'Tab') {
    if (event.shiftKey && !focusedSuggestion()) return false;
    if (focusNeighbourSuggestion(event.shiftKey ? -1 : 1, false)) return true;
    clearSuggestionFocus();
    return false;
  }
  if (!focusedSuggestion()) {
    // Enter on a selected span: edit its attributes (Esc there comes back).
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && documentStore.get().doc?.selectedSpanId) return focusSelectedAttributes();
    return false;
  }
  const key = event.key.toLowerCase();
  if (event.key === 'Enter' || key === 'y') return acceptFocusedSuggestion();
  if (key === 'x' || event.key === 'Backspace') return rejectFocusedSuggestion();
  const label = labelForKey(appStore.get().project?.labels ?? [], event.key);
  return label ? acceptFocusedSuggestion(label.id) : false;
}

/** The key a label hotkey stands for, also with Alt held (where macOS turns "1" into "¡"). */
function plainKey(event: KeyboardEvent): string {
  if (!event.altKey) return event.key;
  const m = /^(?:Digit|Key|Numpad)([0-9A-Z])$/.exec(event.code);
  return m?.[1]?.toLowerCase() ?? event.key;
}

/**
 * The app's keyboard shortcuts (window, capture phase so the article editor never sees them).
 * Each branch handles one shortcut and stops there.
 */
export function handleKeyDown(event: KeyboardEvent): void {
  if (event.isComposing || event.defaultPrevented) return;
  const { overlay } = appStore.get();
  const mod = event.ctrlKey || event.metaKey;

  // Picking a relation's target: Tab, Enter, number keys and Esc belong to link mode.
  if (overlay === null && isLinking() && !isTypingTarget(event.target)) {
    if (handleLinkKey(event)) event.preventDefault();
    return;
  }

  if (event.key === 'Escape') {
    // A dialog's part with something smaller to cancel (escapeHandlers.ts) takes Esc first.
    if (overlay !== null && runEscapeHandlers()) {
      event.preventDefault();
      return;
    }
    // Esc in the attribute panel: back to the article (the span stays selected).
    if (overlay === null && isInAttributePanel(event.target)) {
      event.preventDefault();
      article.current?.focus();
      return;
    }
    // Esc always closes an open dialog, even from inside one of its fields.
    if (overlay !== null || !isTypingTarget(event.target)) {
      clearSuggestionFocus();
      escape();
      if (overlay !== null) event.preventDefault();
    }
    return;
  }
  if (isTypingTarget(event.target)) return;
  if (event.key === '?' && !mod && (overlay === null || overlay === 'shortcuts')) {
    event.preventDefault();
    setOverlay(overlay === 'shortcuts' ? null : 'shortcuts');
    return;
  }
  if (overlay !== null) return;
  // V opens the claim review (unless a label of the project uses the key).
  const { project } = appStore.get();
  // Ctrl+E: the export dialog, with or without an open document.
  if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'e' && project) {
    event.preventDefault();
    setOverlay('export');
    return;
  }
  if (event.key.toLowerCase() === 'v' && !mod && !event.altKey && project && !labelForKey(project.labels, event.key)) {
    event.preventDefault();
    setOverlay('review');
    return;
  }
  if (!documentStore.get().doc) return;

  const key = event.key.toLowerCase();
  if (mod && !event.altKey) {
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      documentStore.undo();
    } else if ((key === 'z' && event.shiftKey) || (key === 'y' && event.ctrlKey && !event.shiftKey)) {
      event.preventDefault();
      documentStore.redo();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void markDoneAndNext();
    }
    return;
  }
  if (mod) return;

  if (handleSuggestionKey(event)) {
    event.preventDefault();
    return;
  }

  if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    void goToNeighbour(event.key === 'ArrowDown' ? 1 : -1);
    return;
  }
  if (event.key === 'Delete' || event.key === 'Backspace') {
    if (documentStore.get().doc?.selectedSpanId || documentStore.get().doc?.selectedRelationId) {
      event.preventDefault();
      removeSelectedSpan();
    }
    return;
  }
  const label = labelForKey(appStore.get().project?.labels ?? [], plainKey(event));
  if (label) {
    event.preventDefault();
    applyLabel(label, event.altKey);
    return;
  }
  // R links the selected span to another (unless a label of the project uses the key).
  if (key === 'r' && !event.altKey) {
    event.preventDefault();
    startLinkMode();
    return;
  }
  // J / K: the next / previous span, selected (unless a label of the project uses the key).
  if ((key === 'j' || key === 'k') && !event.altKey) {
    event.preventDefault();
    selectNeighbourSpan(key === 'j' ? 1 : -1);
    return;
  }
  if ((event.key === ']' || event.key === '[') && !event.altKey) {
    event.preventDefault();
    void goToNeighbour(event.key === ']' ? 1 : -1);
  }
}
