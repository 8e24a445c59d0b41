import { basename, dirname, join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { createKnownContents, type OwnWrite } from './knownContents';
import { readProjectBytes } from './projectFiles';
import { sha256Hex } from './textHash';

/**
 * Watches the open project for changes made by others (git pull, a synced folder, another
 * tool): documents/, project.json and the annotator's own annotations/<annotator>/. Our own
 * writes are recognised by content (the service tells the watcher what it writes and reads;
 * knownContents.ts), however late an event is read, and not reported. Changes are kept in a
 * numbered log the UI polls (`pollChanges`), which works the same over IPC and HTTP.
 */
export type ChangeKind = 'annotation' | 'document' | 'project';
export interface ProjectChange {
  seq: number;
  kind: ChangeKind;
  /** The document concerned; null for project-wide changes. */
  docId: string | null;
}

const MAX_LOG = 500;
/** Shared by every watcher of the process, so a cursor never goes back when the project changes. */
let seq = 0;
/**
 * chokidar drops a file's change events for 50 ms after one it reported: each event is read once
 * more after this pause, so a change made in that window (another program writing right after a
 * save of ours) is still seen.
 */
const RECHECK_MS = 150;
const DOC_FILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,127})\.(json|txt)$/;

export interface ProjectWatcher {
  /** Tell the watcher a file's content as we read it (null: it does not exist). */
  noteContent(file: string, content: string | Uint8Array | null): void;
  /** Tell the watcher we are about to write `content` to `file`, before the write starts. */
  noteWriting(file: string, content: string): OwnWrite;
  /** Changes after `since` (a cursor from an earlier call), and the new cursor. */
  changesSince(since: number): { changes: ProjectChange[]; cursor: number };
  /** Record a change found by other means (the lock changed hands). */
  push(kind: ChangeKind, docId: string | null): void;
  /** Resolves once the initial scan is done (tests). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Tests only: hold an event's read (a loaded machine delivering it late), and learn its outcome. */
export interface WatcherTestHooks {
  beforeRead?: (file: string) => Promise<void>;
  handled?: (file: string, reported: boolean) => void;
}

export function createProjectWatcher(dir: string, annotator: string, hooks: WatcherTestHooks = {}): ProjectWatcher {
  const known = createKnownContents();
  const rechecks = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;
  const log: ProjectChange[] = [];
  const start = seq;
  const documents = join(dir, 'documents');
  const mine = join(dir, 'annotations', annotator);

  const push = (kind: ChangeKind, docId: string | null) => {
    seq += 1;
    log.push({ seq, kind, docId });
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };

  /** What a path means to the UI, or null when it is none of our business. */
  const classify = (path: string): { kind: ChangeKind; docId: string | null } | null => {
    if (path === join(dir, 'project.json')) return { kind: 'project', docId: null };
    const m = DOC_FILE.exec(basename(path));
    if (!m) return null; // temp files of atomic writes, set-aside files, OS clutter
    if (dirname(path) === documents) return { kind: 'document', docId: m[1] ?? null };
    if (dirname(path) === mine && m[2] === 'json') return { kind: 'annotation', docId: m[1] ?? null };
    return null;
  };

  /** Only the folders and files we care about are watched at all. */
  const ignored = (path: string): boolean => {
    const rel = relative(dir, path);
    if (rel === '' || rel === 'documents' || rel === 'annotations' || rel === 'project.json') return false;
    const parts = rel.split(sep);
    if (parts[0] === 'documents') return parts.length > 2;
    if (parts[0] === 'annotations') return parts[1] !== annotator || parts.length > 3;
    return true;
  };

  const onEvent = async (path: string, removed: boolean, recheck = true) => {
    const what = classify(path);
    if (!what) return;
    if (recheck) {
      // From the last event on: a burst of events is read once more at its end.
      clearTimeout(rechecks.get(path));
      rechecks.set(
        path,
        setTimeout(() => {
          rechecks.delete(path);
          if (!closed) void onEvent(path, false, false);
        }, RECHECK_MS),
      );
    }
    const seeing = known.observe(path);
    let hash: string | null = null;
    try {
      await hooks.beforeRead?.(path);
      if (!removed) {
        const read = await readProjectBytes(path, 'text');
        // Not readable as a project file (projectFiles.ts): reported as changed, read (and refused) by the reload.
        hash = read.ok ? sha256Hex(read.bytes) : read.reason === 'missing' ? null : `unreadable:${read.message}`;
      }
    } catch {
      seeing.abandon();
      return;
    }
    if (seeing.saw(hash)) return hooks.handled?.(path, false);
    push(what.kind, what.docId);
    hooks.handled?.(path, true);
  };

  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: true,
    ignored,
    depth: 2,
    // A linked folder may lead out of the project: its files are not the project's.
    followSymlinks: false,
    // A rename over the file (our atomic writes, git's) is seen as one change.
    atomic: true,
  });
  watcher.on('add', (p) => void onEvent(p, false));
  watcher.on('change', (p) => void onEvent(p, false));
  watcher.on('unlink', (p) => void onEvent(p, true));
  watcher.on('error', () => undefined);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    noteContent(file, content) {
      known.read(file, content === null ? null : sha256Hex(content));
    },
    noteWriting: (file, content) => known.writing(file, sha256Hex(content)),
    changesSince(since) {
      const oldest = log[0]?.seq ?? seq + 1;
      // The UI fell behind the log (or polled another project's watcher): reload everything.
      if (since < start || (since < oldest - 1 && since < seq)) return { changes: [{ seq, kind: 'project', docId: null }], cursor: seq };
      return { changes: log.filter((c) => c.seq > since), cursor: seq };
    },
    push,
    ready,
    close: () => {
      closed = true;
      for (const timer of rechecks.values()) clearTimeout(timer);
      rechecks.clear();
      return watcher.close();
    },
  };
}
