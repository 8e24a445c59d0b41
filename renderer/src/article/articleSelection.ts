import { selectionOffsets } from './domOffsets';

/**
 * The document-wide listeners of the article's selection, Lexical-plugin style: each registers
 * itself and returns its cleanup. `getRoot` is read on every event (the article element may be
 * replaced between events).
 */

/** Reports whether the article holds a (non-collapsed) selection, on each change of that (the app enables "tag" actions with it). */
export function registerSelectionReport(getRoot: () => HTMLElement | null, onChange: (hasSelection: boolean) => void): () => void {
  let last = false;
  const onSelectionChange = () => {
    const root = getRoot();
    const has = root !== null && selectionOffsets(root, document.getSelection()) !== null;
    if (has !== last) {
      last = has;
      onChange(has);
    }
  };
  document.addEventListener('selectionchange', onSelectionChange);
  return () => document.removeEventListener('selectionchange', onSelectionChange);
}

function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

/** Ctrl/Cmd+A selects the article's text only, not the whole window (form fields keep theirs). */
export function registerSelectAllInArticle(getRoot: () => HTMLElement | null): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'a') return;
    if (isEditableTarget(event.target)) return;
    const root = getRoot();
    const selection = document.getSelection();
    if (!root || !selection) return;
    event.preventDefault();
    const range = document.createRange();
    range.selectNodeContents(root);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  document.addEventListener('keydown', onKeyDown);
  return () => document.removeEventListener('keydown', onKeyDown);
}
