import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { platform } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { keepDisplacedVersion } from './annotationHistory';
import { isErrno, writeTempFor } from './atomicJson';
import { checkProjectWrite } from './projectFiles';
import { lockFiles, FileBusyError, type HeldLocks } from './fileLock';
import { withPath } from './ioErrors';
import { localStateDir } from './localState';
import { HOST_TAG } from './processOwner';
import { tempPathFor } from './tempFiles';

/**
 * Multi-file changes (a schema change, an import) are journaled, so a crash at any point leaves
 * a valid project: `.factmark/journal/<id>/`
 *
 *   ops         per file to write, a header line {"f": "<path in the project>", "n": <bytes>,
 *               "p": "<SHA-256 of the bytes it replaces>" | null (a new file)}, then its n bytes
 *   committed   {"ops": <count>, "bytes": <size of ops>}, written (and flushed) only once
 *               ops is complete and flushed
 *
 * 1. The plan is written to ops and flushed; no project file is touched yet.
 * 2. `committed` is written: from here on the change happens, whatever comes.
 * 3. Each file is replaced (temp + rename, so readers never see a torn file); the files are then
 *    flushed to disk together (one file-system flush instead of one per file).
 * 4. The journal folder is removed.
 *
 * On start (recoverJournals), a journal without `committed` is rolled back (removed: nothing was
 * applied) and one with it is rolled forward (every write applied again; writing is idempotent).
 * A file that holds neither the bytes the plan replaces nor its new ones was changed by someone
 * else since: an annotation file's such version is kept in History before it is replaced.
 *
 * One transaction at a time per project, across processes: the journal's lock (fileLock.ts) is
 * held from begin to end, and recovery only acts when nobody holds it (its owner is gone).
 *
 * Longer than 400 lines because the format, the writer and the recovery are one crash-safety
 * argument: recovery must undo or redo exactly what the writer can have left at any point, so
 * they are read (and changed) together.
 */
export const journalRoot = (dir: string) => join(localStateDir(dir), 'journal');

/** Transactions this big are flushed with one file-system flush (sync -f) rather than one fsync per file. */
const FLUSH_ALL_FROM = 64;
/** Ops files are appended in chunks of about this size. */
const CHUNK = 1 << 20;
/** Files written synchronously between two yields to the event loop. */
const APPLY_BATCH = 256;

export class JournalBusyError extends Error {}

/** Paths a journal may write: the project's own files, nothing else (a journal is read from disk, so it is untrusted). */
const WRITABLE = [/^project\.json$/, /^entities\.json$/, /^claims\.json$/, /^documents\/[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.(json|txt)$/, /^annotations\/[^/\\]{1,128}\/[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.json$/];
function allowedTarget(rel: string): boolean {
  if (isAbsolute(rel) || rel.includes('\\') || rel.split('/').some((p) => p === '..' || p === '.' || p === '')) return false;
  return WRITABLE.some((re) => re.test(rel));
}
const toRel = (dir: string, file: string) => relative(dir, file).split(sep).join('/');

interface Op {
  f: string;
  /** The new content. */
  c: Buffer;
  p: string | null;
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

function readOrNull(file: string): Buffer | null {
  try {
    const fd = openSync(file, 'r');
    try {
      const chunks: Buffer[] = [];
      const buf = Buffer.allocUnsafe(1 << 16);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        chunks.push(Buffer.from(buf.subarray(0, n)));
      }
      return Buffer.concat(chunks);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

/** Every op of an ops file, read in chunks (an import's plan can be hundreds of MB). */
function* opsOf(file: string): Generator<Op> {
  const fd = openSync(file, 'r');
  try {
    let buf = Buffer.alloc(0);
    let eof = false;
    const fill = (need: number) => {
      while (!eof && buf.length < need) {
        const chunk = Buffer.allocUnsafe(Math.max(CHUNK, need - buf.length));
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) eof = true;
        else buf = buf.length === 0 ? chunk.subarray(0, n) : Buffer.concat([buf, chunk.subarray(0, n)]);
      }
    };
    for (;;) {
      let nl = buf.indexOf(10);
      while (nl < 0 && !eof) {
        fill(buf.length + 1);
        nl = buf.indexOf(10);
      }
      if (nl < 0) {
        if (buf.length > 0) throw new Error(`${file}: the plan ends in the middle of an entry`);
        return;
      }
      const header = JSON.parse(buf.toString('utf8', 0, nl)) as { f: string; n: number; p: string | null };
      fill(nl + 1 + header.n);
      if (buf.length < nl + 1 + header.n) throw new Error(`${file}: the plan ends in the middle of an entry`);
      const c = buf.subarray(nl + 1, nl + 1 + header.n);
      buf = buf.subarray(nl + 1 + header.n);
      yield { f: header.f, p: header.p, c };
    }
  } finally {
    closeSync(fd);
  }
}

/** fsync a folder, so the names renamed or created in it survive a power cut (not possible on Windows). */
function fsyncDir(folder: string) {
  if (platform() === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse to sync a folder; the data itself was synced.
  }
}

/**
 * Flush the files a plan wrote to disk before its journal is removed: one fsync each for a few,
 * one flush of the whole file system for many (Node has no binding for syncfs(): Linux's
 * `sync -f`, macOS's `sync`), else one fsync each.
 */
async function flushToDisk(dir: string, journal: string, total: number): Promise<void> {
  if (total >= FLUSH_ALL_FROM && platform() !== 'win32') {
    const tool = ['/bin/sync', '/usr/bin/sync'].find((p) => existsSync(p));
    const args = platform() === 'linux' ? ['-f', dir] : [];
    if (tool) {
      const flushed = await new Promise<boolean>((resolve) => execFile(tool, args, (err) => resolve(err === null)));
      if (flushed) return;
    }
  }
  const folders = new Set<string>();
  let n = 0;
  for (const op of opsOf(join(journal, 'ops'))) {
    if (!allowedTarget(op.f)) continue;
    const f = join(dir, ...op.f.split('/'));
    folders.add(dirname(f));
    if (++n % APPLY_BATCH === 0) await yieldToEventLoop();
    try {
      const fd = openSync(f, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw withPath(err, f);
    }
  }
  for (const folder of folders) fsyncDir(folder);
}

/** Write all of `content` to a file descriptor and close it. */
function writeAllAndClose(fd: number, content: Buffer): void {
  try {
    let off = 0;
    while (off < content.length) off += writeSync(fd, content, off, content.length - off);
  } finally {
    closeSync(fd);
  }
}

/** Replace one file: temp + rename, so a reader never sees it torn (a link at `file` is replaced, never followed). */
function replaceFile(file: string, content: Buffer): void {
  const tmp = tempPathFor(file);
  try {
    writeAllAndClose(openSync(tmp, 'wx'), content);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or gone already.
    }
    throw withPath(err, file);
  }
}

/**
 * Create a new file in place. O_EXCL fails on anything already there (a link included, so a write
 * never follows one); answers false then, and the caller checks the file before writing over it.
 */
function createNew(file: string, content: Buffer): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if (isErrno(err, 'EEXIST')) return false;
    throw withPath(err, file);
  }
  try {
    writeAllAndClose(fd, content);
  } catch (err) {
    throw withPath(err, file);
  }
  return true;
}

/** The annotator and document of an annotation file path, for keeping a displaced version. */
function annotationOf(rel: string): { annotator: string; docId: string } | null {
  const m = /^annotations\/([^/]+)\/(.+)\.json$/.exec(rel);
  return m ? { annotator: m[1] as string, docId: m[2] as string } : null;
}

interface ApplyOptions {
  /** Compare each file with the plan first (recovery): a file someone else changed is kept in History. */
  recovering: boolean;
  now: Date;
  onProgress?: (done: number, total: number) => void;
  interruptAfter?: number;
}

const isDocumentMeta = (rel: string) => rel.startsWith('documents/') && rel.endsWith('.json');

/**
 * Write the plan's files. Synchronously, in batches between yields to the event loop: creating
 * hundreds of thousands of small files, one system call after another beats the thread pool's
 * round trips several times over (an import of 200,000 records writes 600,000 files). The order
 * of the plan is kept: a document's metadata, which makes it exist, comes after its text and
 * annotations.
 */
async function applyOps(dir: string, journal: string, total: number, opts: ApplyOptions): Promise<void> {
  const opsFile = join(journal, 'ops');
  /** Folders checked (inside the project: projectFiles.ts) and made; each file in them needs no check of its own unless it exists already. */
  const readyFolders = new Set<string>();
  let done = 0;
  for (const op of opsOf(opsFile)) {
    if (opts.interruptAfter !== undefined && done >= opts.interruptAfter) throw new Error('interrupted (test)');
    if (!allowedTarget(op.f)) throw new Error(`${opsFile}: refuses to write ${JSON.stringify(op.f)}, which is not a project file.`);
    const target = join(dir, ...op.f.split('/'));
    const folder = dirname(target);
    // Never through a link out of the project (projectFiles.ts), also for a journal found on disk.
    if (!readyFolders.has(folder) || opts.recovering) await checkProjectWrite(target);
    if (!readyFolders.has(folder)) {
      try {
        mkdirSync(folder, { recursive: true });
      } catch (err) {
        throw withPath(err, folder);
      }
      readyFolders.add(folder);
    }
    if (opts.recovering) {
      const current = readOrNull(target);
      if (current !== null) {
        const sha = sha256(current);
        if (sha === sha256(op.c)) {
          if (++done % APPLY_BATCH === 0) await yieldWithProgress(done, total, opts);
          continue;
        }
        // A new file (p null) found torn is this journal's own interrupted write, not someone's version.
        const ann = annotationOf(op.f);
        if (op.p !== null && sha !== op.p && ann) await keepDisplacedVersion(dir, ann.annotator, ann.docId, current.toString('utf8'), opts.now);
      }
    }
    // A new document's text and annotations are created in place (one directory entry instead of
    // two: imports of many small files are dominated by creating them); the journal rewrites
    // them should a crash tear one. Replaced files, and the metadata that makes a document exist
    // (a reader must never see it torn, nor before its text), go through a temp file and a rename.
    if (op.p === null && !isDocumentMeta(op.f)) {
      if (!createNew(target, op.c)) {
        // There already (rolled forward after a crash, or someone's file): checked, then replaced.
        await checkProjectWrite(target);
        replaceFile(target, op.c);
      }
    } else {
      replaceFile(target, op.c);
    }
    if (++done % APPLY_BATCH === 0) await yieldWithProgress(done, total, opts);
  }
  await flushToDisk(dir, journal, total);
  opts.onProgress?.(done, total);
}

/** Let the event loop run (Ctrl-C, progress to the window) between batches of writes. */
async function yieldWithProgress(done: number, total: number, opts: ApplyOptions): Promise<void> {
  opts.onProgress?.(done, total);
  await yieldToEventLoop();
}

/** A journal's id: sortable by time, and naming its owner. */
const journalId = () => `${new Date().toISOString().replace(/[-:.]/g, '')}-${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}`;

async function takeJournalLock(dir: string, waitMs: number): Promise<HeldLocks> {
  try {
    return await lockFiles(dir, [journalRoot(dir)], waitMs);
  } catch (err) {
    if (err instanceof FileBusyError) {
      throw new JournalBusyError('Another Factmark window or command is importing into this project or changing its labels; try again when it has finished. Nothing was changed.');
    }
    throw err;
  }
}

export interface Transaction {
  /** Plan one file's new content; `previous`: the bytes it replaces (null: a new file). */
  write(file: string, content: string, previous: string | null): void;
  /** How many files are planned so far. */
  readonly size: number;
  /** A point to come back to: writes planned after it can be dropped (rollbackTo). */
  mark(): TransactionMark;
  /** Drop the writes planned since `mark` (one file of an import that is not taken after all). */
  rollbackTo(mark: TransactionMark): void;
  /**
   * Make the plan happen (see above); the transaction is over afterwards, whatever happens.
   * `interruptAfter` (tests): fail after writing that many files, as a crash would leave them.
   */
  commit(opts?: { now?: Date; onProgress?: (done: number, total: number) => void; interruptAfter?: number }): Promise<void>;
  /** Drop the plan: nothing was written to the project. */
  abort(): Promise<void>;
}

export interface TransactionMark {
  readonly bytes: number;
  readonly count: number;
}

/** The project's journal, held: transactions one after another, no other process's in between. */
export interface JournalSession {
  transaction(): Promise<Transaction>;
  release(): Promise<void>;
}

/**
 * Hold the project's journal (waits up to `waitMs` for another process's transaction to end, else
 * throws JournalBusyError) for a series of transactions: an import commits in batches, and no
 * other import may take its document ids in between.
 */
export async function openJournal(dir: string, waitMs = 15_000): Promise<JournalSession> {
  const lock = await takeJournalLock(dir, waitMs);
  let released = false;
  return {
    transaction: () => {
      if (released) throw new Error('the journal was released');
      return startTransaction(dir, async () => undefined);
    },
    async release() {
      if (released) return;
      released = true;
      await lock.release();
    },
  };
}

/** One transaction with the journal held only for it (a schema change). */
export async function beginTransaction(dir: string, waitMs = 15_000): Promise<Transaction> {
  const lock = await takeJournalLock(dir, waitMs);
  try {
    return await startTransaction(dir, () => lock.release());
  } catch (err) {
    await lock.release();
    throw err;
  }
}

async function startTransaction(dir: string, onEnd: () => Promise<void>): Promise<Transaction> {
  const journal = join(journalRoot(dir), journalId());
  let fd: number | null = null;
  try {
    await mkdir(journal, { recursive: true });
    fd = openSync(join(journal, 'ops'), 'wx');
  } catch (err) {
    throw withPath(err, journalRoot(dir));
  }
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let bytes = 0;
  let count = 0;
  let over = false;
  const flushPending = () => {
    if (pending.length === 0 || fd === null) return;
    const chunk = Buffer.concat(pending);
    pending = [];
    pendingSize = 0;
    try {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
    } catch (err) {
      throw withPath(err, journal);
    }
    bytes += chunk.length;
  };
  const finish = async () => {
    over = true;
    if (fd !== null) closeSync(fd);
    fd = null;
    await rm(journal, { recursive: true, force: true });
    await onEnd();
  };
  return {
    get size() {
      return count;
    },
    write(file, content, previous) {
      if (over) throw new Error('the transaction is over');
      const body = Buffer.from(content, 'utf8');
      const header = Buffer.from(`${JSON.stringify({ f: toRel(dir, file), n: body.length, p: previous === null ? null : sha256(previous) })}\n`, 'utf8');
      pending.push(header, body);
      pendingSize += header.length + body.length;
      count++;
      if (pendingSize >= CHUNK) flushPending();
    },
    mark() {
      flushPending();
      return { bytes, count };
    },
    rollbackTo(mark) {
      if (over || fd === null) return;
      pending = [];
      pendingSize = 0;
      ftruncateSync(fd, mark.bytes);
      bytes = mark.bytes;
      count = mark.count;
    },
    async commit(opts = {}) {
      if (over) throw new Error('the transaction is over');
      try {
        flushPending();
        if (fd !== null) {
          try {
            fsyncSync(fd);
          } catch (err) {
            throw withPath(err, journal);
          }
          closeSync(fd);
          fd = null;
        }
        // The point of no return: from here on, a crash is rolled forward.
        const marker = join(journal, 'committed');
        const tmp = await writeTempFor(marker, `${JSON.stringify({ ops: count, bytes })}\n`);
        renameSync(tmp, marker);
        fsyncDir(journal);
        await applyOps(dir, journal, count, {
          recovering: false,
          now: opts.now ?? new Date(),
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
          ...(opts.interruptAfter !== undefined ? { interruptAfter: opts.interruptAfter } : {}),
        });
      } catch (err) {
        over = true;
        if (fd !== null) closeSync(fd);
        fd = null;
        // Not applied yet (no marker): rolled back now. Applied in part: left for recovery to roll forward.
        if (!existsSync(join(journal, 'committed'))) await rm(journal, { recursive: true, force: true });
        await onEnd();
        throw err;
      }
      await finish();
    },
    async abort() {
      if (over) return;
      await finish();
    },
  };
}

export interface RecoveryReport {
  /** Journals completed (their change now fully in the project). */
  rolledForward: number;
  /** Journals dropped before their change began. */
  rolledBack: number;
  /** Journals that could not be completed (the message says why); the project may be mixed. */
  failed: { journal: string; message: string }[];
}

/**
 * Finish or undo the transactions a crash interrupted. Does nothing while another live process
 * holds the journal lock (its transaction is not interrupted, it is running).
 */
export async function recoverJournals(dir: string, now: Date): Promise<RecoveryReport> {
  const report: RecoveryReport = { rolledForward: 0, rolledBack: 0, failed: [] };
  let names: string[];
  try {
    names = (await readdir(journalRoot(dir))).sort();
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return report;
    throw err;
  }
  if (names.length === 0) return report;
  let lock: HeldLocks;
  try {
    lock = await takeJournalLock(dir, 0);
  } catch (err) {
    if (err instanceof JournalBusyError) return report;
    throw err;
  }
  try {
    for (const name of names) {
      const journal = join(journalRoot(dir), name);
      if (!(await stat(journal).catch(() => null))?.isDirectory()) continue;
      let marker: { ops: number; bytes: number } | null = null;
      try {
        const v = JSON.parse(await readFile(join(journal, 'committed'), 'utf8')) as { ops?: unknown; bytes?: unknown };
        if (typeof v.ops === 'number' && typeof v.bytes === 'number') marker = { ops: v.ops, bytes: v.bytes };
      } catch {
        marker = null;
      }
      if (marker === null) {
        await rm(journal, { recursive: true, force: true });
        report.rolledBack++;
        continue;
      }
      try {
        const size = (await stat(join(journal, 'ops'))).size;
        if (size < marker.bytes) throw new Error(`its plan is ${size} bytes long, ${marker.bytes} were written`);
        await applyOps(dir, journal, marker.ops, { recovering: true, now });
        await rm(journal, { recursive: true, force: true });
        report.rolledForward++;
      } catch (err) {
        report.failed.push({ journal, message: `${journal}: an interrupted change could not be completed (${err instanceof Error ? err.message : String(err)}); run \`factmark validate\` and restore the files it names from git or History.` });
      }
    }
  } finally {
    await lock.release();
  }
  return report;
}

/** Whether the project has transactions to recover or in flight (for tests and the sweep). */
export async function pendingJournals(dir: string): Promise<string[]> {
  try {
    return (await readdir(journalRoot(dir))).sort();
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
}
