/**
 * What this window knows each project file may hold, so that the file watcher (projectWatcher.ts)
 * reports only content the app did NOT write or read. Contents are compared by hash, never by
 * modification time.
 *
 * Every own write is known from just before it starts until a later own write of the same file
 * has landed, and so is every content the app read; an own write that failed is known until it
 * failed. A watcher event is a read of the file over a span of time (it may be delivered and read
 * late on a loaded machine, while the next save is already under way): what it read is "known"
 * when it was known at ANY moment of that span. So a late event that still sees save 1 while save
 * 2 is being written is recognised, and quick saves that come back to an earlier state (undo,
 * redo) are too; but once save 2 has landed and been seen, a program that puts save 1's bytes
 * back (git, a sync) is reported.
 */
export interface KnownContents {
  /** The app read this content of `file` (or was told it is there); null: the file does not exist. */
  read(file: string, hash: string | null): void;
  /** The app is about to write `hash` to `file`; say how it ended. */
  writing(file: string, hash: string): OwnWrite;
  /** A watcher read of `file` starts now. */
  observe(file: string): Observation;
}

export interface OwnWrite {
  /** It is on disk (replacing whatever the file held). */
  landed(): void;
  /** It was not written (refused or failed), or what it wrote was put back. */
  failed(): void;
}

export interface Observation {
  /** The read saw `hash` (null: no file). True: the app knows that content; false: someone else's change. */
  saw(hash: string | null): boolean;
  /** The read was given up (an error): nothing learnt. */
  abandon(): void;
}

const MISSING = '\u0000missing';

interface Entry {
  hash: string;
  /** Clock when it became known. */
  from: number;
  /** Clock when it stopped being possible on disk; null: still possible. */
  to: number | null;
  /** An own write not yet landed (or failed). */
  writing: boolean;
}

interface FileState {
  entries: Entry[];
  /** Clock of the last note or write about this file. */
  changedAt: number;
}

export function createKnownContents(): KnownContents {
  /** A logical clock: one tick per note, landing and read seen. */
  let clock = 0;
  const files = new Map<string, FileState>();
  /** Start clocks of watcher reads under way (an entry they may still accept is kept). */
  const reading = new Map<number, number>();
  let nextRead = 0;

  const state = (file: string): FileState => {
    let s = files.get(file);
    if (!s) files.set(file, (s = { entries: [], changedAt: 0 }));
    return s;
  };

  /** Forget entries no read under way or to come can accept. */
  const prune = (file: string) => {
    const s = files.get(file);
    if (!s) return;
    const oldest = Math.min(clock, ...reading.values());
    s.entries = s.entries.filter((e) => e.to === null || e.to > oldest);
  };

  /** Everything else the file may hold is gone: it was seen (or written) holding `keep`. */
  const closeOthers = (s: FileState, keep: Entry, at: number) => {
    for (const e of s.entries) if (e !== keep && e.to === null && !e.writing) e.to = at;
  };

  return {
    read(file, hash) {
      const key = hash ?? MISSING;
      const s = state(file);
      clock += 1;
      s.changedAt = clock;
      if (!s.entries.some((e) => e.to === null && e.hash === key)) s.entries.push({ hash: key, from: clock, to: null, writing: false });
      prune(file);
    },
    writing(file, hash) {
      const s = state(file);
      clock += 1;
      s.changedAt = clock;
      const entry: Entry = { hash, from: clock, to: null, writing: true };
      s.entries.push(entry);
      let settled = false;
      return {
        landed() {
          if (settled) return;
          settled = true;
          clock += 1;
          s.changedAt = clock;
          entry.writing = false;
          // What the file held before this write is no longer on disk.
          closeOthers(s, entry, clock);
          prune(file);
        },
        failed() {
          if (settled) return;
          settled = true;
          clock += 1;
          s.changedAt = clock;
          entry.writing = false;
          entry.to = clock;
          prune(file);
        },
      };
    },
    observe(file) {
      const start = clock;
      const id = nextRead++;
      reading.set(id, start);
      let done = false;
      const finish = () => {
        done = true;
        reading.delete(id);
      };
      return {
        saw(hash) {
          if (done) return true;
          finish();
          const key = hash ?? MISSING;
          const s = state(file);
          const end = clock;
          const known = s.entries.some((e) => e.hash === key && e.from <= end && (e.to === null || e.to > start));
          clock += 1;
          // Nothing was noted about this file while it was read and no own write is under way:
          // the file holds what was seen, and any other content is someone else's from now on.
          const quiet = s.changedAt <= start && !s.entries.some((e) => e.writing && e.to === null);
          if (!known) {
            // Someone else's content, now known: reported once, not at every event that sees it.
            const entry: Entry = { hash: key, from: clock, to: null, writing: false };
            s.entries.push(entry);
            if (quiet) closeOthers(s, entry, clock);
          } else {
            // Ours (or already seen). A content known only from the past (a late event) stays past.
            const open = s.entries.find((e) => e.hash === key && e.to === null && !e.writing);
            if (open && quiet) closeOthers(s, open, clock);
          }
          prune(file);
          return known;
        },
        abandon() {
          if (!done) finish();
          prune(file);
        },
      };
    },
  };
}
