/**
 * Who a window (or a `serve` process) annotates as. Fixed for its whole session: read once from
 * the saved settings at first use (or given, e.g. the CLI's `--annotator`), and changed only by
 * this window's own setAnnotator. Another window or process sharing the data folder may save
 * another name in settings.json meanwhile: that applies to sessions started after it, never to
 * this one, so this window's edits never land in someone else's annotation folder.
 */
export interface SessionAnnotator {
  /** The annotator of this session; null until one is chosen. */
  get(): Promise<string | null>;
  /** This window chose a name (setAnnotator): it is the session's from now on. */
  set(name: string): void;
}

export function createSessionAnnotator(readSaved: () => Promise<string | null>, given?: string): SessionAnnotator {
  let current: Promise<string | null> | null = given !== undefined ? Promise.resolve(given) : null;
  return {
    get() {
      // One read, shared by concurrent first callers; a failed read is retried next time.
      current ??= readSaved().catch((err: unknown) => {
        current = null;
        throw err;
      });
      return current;
    },
    set(name) {
      current = Promise.resolve(name);
    },
  };
}
