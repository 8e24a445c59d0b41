/**
 * Debounced, serialised saving for one document. Changes are counted; a save writes whatever the
 * document holds when it starts. Never two saves in flight: a change during a save is saved by a
 * follow-up save once the first answers. A failed save leaves the document unsaved (no silent
 * retry loop); the next change or an explicit retry/flush tries again.
 */
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'error';
export type SaveOutcome = { ok: true } | { ok: false; message: string };

export interface AutosaverOptions {
  delayMs: number;
  /** Writes the current document; called with no two calls overlapping. */
  save(): Promise<SaveOutcome>;
  onState(state: SaveState, message: string | null): void;
}

export interface Autosaver {
  markChanged(): void;
  /** Save now if anything is unsaved (waiting for a save in flight first); true when all is saved. */
  flush(): Promise<boolean>;
  hasUnsaved(): boolean;
  /** Stop the timer; a save already in flight still completes. */
  dispose(): void;
}

export function createAutosaver(opts: AutosaverOptions): Autosaver {
  let version = 0;
  let savedVersion = 0;
  let inFlight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastError: string | null = null;
  let disposed = false;

  const report = () => {
    if (inFlight) opts.onState('saving', null);
    else if (version === savedVersion) opts.onState('saved', null);
    else if (lastError !== null) opts.onState('error', lastError);
    else opts.onState('unsaved', null);
  };

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const schedule = () => {
    clearTimer();
    if (disposed) return;
    timer = setTimeout(() => {
      timer = null;
      void start();
    }, opts.delayMs);
  };

  /** Start a save unless one is running (then the follow-up happens when it ends). */
  const start = (): Promise<void> => {
    if (inFlight) return inFlight;
    if (version === savedVersion) return Promise.resolve();
    const target = version;
    lastError = null;
    inFlight = opts
      .save()
      .catch((e: unknown): SaveOutcome => ({ ok: false, message: e instanceof Error ? e.message : String(e) }))
      .then((outcome) => {
        inFlight = null;
        if (outcome.ok) savedVersion = Math.max(savedVersion, target);
        else lastError = outcome.message;
        // Changes made while this save ran: save them too, after the usual pause.
        if (outcome.ok && version !== savedVersion && timer === null) schedule();
        report();
      });
    report();
    return inFlight;
  };

  return {
    markChanged() {
      version += 1;
      if (!inFlight) lastError = null;
      report();
      schedule();
    },
    async flush() {
      clearTimer();
      // At most a few rounds: the one in flight, then the changes made meanwhile.
      for (let round = 0; round < 3; round += 1) {
        if (inFlight) await inFlight;
        if (version === savedVersion) return true;
        clearTimer();
        await start();
        if (lastError !== null && version !== savedVersion) return false;
      }
      return version === savedVersion;
    },
    hasUnsaved: () => version !== savedVersion || inFlight !== null,
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}
