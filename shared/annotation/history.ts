/**
 * Undo/redo as an immutable value: the UI stores one History of the span array per document and
 * every edit pushes a new present. Values are shared, never copied, so each step costs O(1).
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

export const DEFAULT_HISTORY_LIMIT = 500;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * Make `next` the present; the old present becomes undoable and the redo list is dropped.
 * Pushing the very same value again records nothing. Only the newest `limit` steps are kept.
 */
export function pushHistory<T>(h: History<T>, next: T, limit: number = DEFAULT_HISTORY_LIMIT): History<T> {
  if (Object.is(next, h.present)) return h;
  const keep = Math.max(0, Math.floor(limit));
  const past = [...h.past, h.present];
  return { past: past.length > keep ? past.slice(past.length - keep) : past, present: next, future: [] };
}

export function undo<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1] as T, future: [h.present, ...h.future] };
}

export function redo<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0] as T, future: h.future.slice(1) };
}

export function canUndo(h: History<unknown>): boolean {
  return h.past.length > 0;
}

export function canRedo(h: History<unknown>): boolean {
  return h.future.length > 0;
}
