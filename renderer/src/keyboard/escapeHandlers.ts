/**
 * Esc closes the open dialog (keyboardHandler.ts) — unless something inside it has a smaller
 * thing to cancel first, such as a claim being moved in the review. Such a part registers a
 * handler while it has something to cancel; the latest registered one is asked first and
 * answers true when it consumed the key.
 */
const handlers: (() => boolean)[] = [];

export function pushEscapeHandler(handler: () => boolean): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.lastIndexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

/** True when a registered handler consumed Esc (the dialog then stays open). */
export function runEscapeHandlers(): boolean {
  for (let i = handlers.length - 1; i >= 0; i--) if (handlers[i]?.()) return true;
  return false;
}
