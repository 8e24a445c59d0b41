import { allLearningSettled } from './learningService';
import { realpath } from 'node:fs/promises';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ProjectProblem, ProjectView } from '../../shared/api/views';
import type { ProjectFile } from '../../shared/model/schemas';
import { createAnnotatorLock } from './annotatorLock';
import { isErrno } from './atomicJson';
import { sweepInterruptedWrites } from './interruptedWrites';
import { isConfined } from './pathConfinement';
import { readProjectFile } from './projectStore';
import { buildProjectView } from './projectView';
import type { OwnWrite } from './knownContents';
import { createProjectWatcher, type ProjectWatcher } from './projectWatcher';
import { sampleProjectDir } from './sampleProject';
import { commitFiles, type PlannedWrite } from './schemaChange';
import { createSessionAnnotator } from './sessionAnnotator';
import { readSettings } from './settingsStore';
import { createSuggestPool, type SuggestPool } from './suggestWorkerPool';
import { sha256Hex } from './textHash';
import { unwritableReason } from './writableProject';
import type { ServiceOptions } from './serviceOptions';

export const NO_PROJECT = 'No project is open; open or create one first.';

/** How long the first pollChanges waits for the watcher's initial scan. */
const WATCH_READY_MS = 5000;

export type ReadOnlyKind = 'locked' | 'unwritable';

/**
 * One window's state, shared by every operation group (sessionHandlers.ts, documentHandlers.ts,
 * …): the open project, the annotator, the lock, the per-key queues, the file watcher, the
 * suggestion worker. Each group sees it through its own small host interface.
 */
export type ServiceCore = ReturnType<typeof createServiceCore>;

export function createServiceCore(opts: ServiceOptions) {
  const now = opts.now ?? (() => new Date());
  let projectPath: string | null = null;

  /** Folders the user picked in the native chooser during this session. */
  const chosenFolders = new Set<string>();

  /** This window's annotator: the saved one at first use, then only what this window sets (sessionAnnotator.ts). */
  const sessionAnnotator = createSessionAnnotator(async () => (await readSettings(opts.dataDir)).annotator, opts.annotator);
  const annotator = () => sessionAnnotator.get();

  /** The suggesters run in a worker thread (started on first use), so other operations are answered meanwhile. */
  let pool: SuggestPool | null = opts.suggestPool ?? null;
  const suggestPool = () => (pool ??= createSuggestPool());

  /** One writer per project and annotator (docs/project-format.md, "Locks"). */
  const lock = createAnnotatorLock();
  /** Why this window is read-only (another holds the lock, or the folder cannot be written), as last seen; null: it may write. */
  let lockReason: string | null = null;
  let readOnlyKind: ReadOnlyKind = 'locked';
  /** Interrupted changes of the open project that could not be completed when it was opened (interruptedWrites.ts). */
  let interrupted: ProjectProblem[] = [];

  /** Take (or keep) the lock for this project and annotator; answers why not, or null. */
  async function lockStatus(dir: string, who: string | null): Promise<string | null> {
    // A folder that cannot be written (read-only disk, no permission) is read-only for everyone: no lock is written.
    const unwritable = await unwritableReason(dir);
    readOnlyKind = unwritable === null ? 'locked' : 'unwritable';
    if (unwritable !== null) {
      await lock.release();
      lockReason = unwritable;
      return unwritable;
    }
    if (who === null) {
      await lock.release();
      lockReason = null;
      return null;
    }
    const state = await lock.acquire(dir, who, now());
    // Just taken: saves a crash interrupted may have left temp files; nobody else writes here now.
    if (state.held && state.fresh) await sweepInterruptedWrites(dir, who);
    lockReason = state.held ? null : state.reason;
    return lockReason;
  }

  /** Started by the first pollChanges on a project (one-off CLI services never watch). */
  let watcher: { key: string; watcher: ProjectWatcher } | null = null;
  /** Contents this window read: not reported as changes by its watcher. */
  const noteContent = (file: string, content: string | null) => watcher?.watcher.noteContent(file, content);
  /** A write of this window, told to its watcher before it starts and when it ends (landed or failed). */
  const noteWriting = (file: string, content: string): OwnWrite =>
    watcher?.watcher.noteWriting(file, content) ?? { landed: () => undefined, failed: () => undefined };

  /** The watcher of this project and annotator, (re)started when either changed. */
  async function watch(dir: string, who: string): Promise<ProjectWatcher> {
    const key = `${dir}\n${who}`;
    if (watcher?.key !== key) {
      await watcher?.watcher.close();
      watcher = { key, watcher: createProjectWatcher(dir, who, opts.testHooks?.watcher) };
      // Changes are only seen once the initial scan is done: wait for it (bounded) so that the
      // first poll's answer means "from now on, every change is reported".
      await Promise.race([watcher.watcher.ready, new Promise((r) => setTimeout(r, WATCH_READY_MS))]);
    }
    return watcher.watcher;
  }

  async function isSample(dir: string): Promise<boolean> {
    try {
      return (await realpath(sampleProjectDir(opts.dataDir))) === dir;
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async function view(dir: string, project: ProjectFile, who: string | null): Promise<ProjectView> {
    const readOnlyReason = await lockStatus(dir, who);
    const built = await buildProjectView({ dir, project, annotator: who, isSample: await isSample(dir), now: now(), readOnlyReason });
    return {
      ...built,
      problems: [...interrupted, ...built.problems],
      readOnlyKind: readOnlyReason === null ? null : readOnlyKind,
    };
  }

  /** The open project, re-read: project.json may have been edited since it was opened. */
  async function currentProject(): Promise<Result<{ dir: string; project: ProjectFile }>> {
    if (projectPath === null) return fail('no-project', NO_PROJECT);
    const read = await readProjectFile(projectPath);
    return read.ok ? ok({ dir: projectPath, project: read.value }) : read;
  }

  /** Per-key queues: work on one key runs in call order, work on different keys runs freely. */
  const queues = new Map<string, Promise<unknown>>();
  function inOrder<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    queues.set(key, run);
    const forget = () => {
      if (queues.get(key) === run) queues.delete(key);
    };
    run.then(forget, forget);
    return run;
  }

  /** The revision this service last wrote to each annotation file. */
  const lastWritten = new Map<string, string>();

  return {
    now,
    version: opts.version,
    sessionAnnotator,
    annotator,
    suggestPool,
    lockStatus,
    /** Why this window was read-only when last asked (lockStatus); null: it may write. */
    lockReason: () => lockReason,
    readOnlyKind: () => readOnlyKind,
    view,
    currentProject,
    /** The open project's folder (its real path), or null. */
    projectPath: () => projectPath,
    setProjectPath: (dir: string | null) => {
      projectPath = dir;
    },
    setInterrupted: (problems: ProjectProblem[]) => {
      interrupted = problems;
    },
    inOrder,
    noteContent,
    noteWriting,
    watch,
    lastWritten,
    /** Remember a folder the user picked in the OS dialog: exports may go there (see isConfined). */
    addChosenFolder: (dir: string) => {
      chosenFolders.add(dir);
    },
    /** Folders an export or review set may be written to from the app: the project and folders the user picked (anywhere from the CLI). */
    allowedOutDir: async (outDir: string, dir: string) => opts.trustedPaths === true || isConfined(outDir, dir, [dir, ...chosenFolders]),
    /** Replace annotation files together (atomic, journaled), as this service's own writes. */
    writeAnnotationFiles: async (dir: string, writes: readonly PlannedWrite[]) => {
      // Known to the watcher before they land, so this window does not report its own writes.
      const own = writes.map((w) => noteWriting(w.file, w.content));
      try {
        await commitFiles(dir, writes, { now: now() });
      } catch (err) {
        for (const o of own) o.failed();
        for (const w of writes) noteContent(w.file, w.previous);
        throw err;
      }
      for (const o of own) o.landed();
      for (const w of writes) lastWritten.set(w.file, sha256Hex(w.content));
    },
    /**
     * Nothing lost on close or quit: saves and schema changes already asked for are written first;
     * then the lock goes (another window or process may write from then on), whatever the
     * suggestion worker and the file watcher take to stop.
     */
    dispose: async () => {
      while (queues.size > 0) await Promise.allSettled([...queues.values()]);
      // The learning those saves and rejections started writes under .factmark/ and needs the worker.
      await allLearningSettled();
      await lock.dispose();
      const stopping = [pool?.close(), watcher?.watcher.close()];
      pool = null;
      watcher = null;
      await Promise.allSettled(stopping);
    },
  };
}
