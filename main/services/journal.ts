import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { platform } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { keepDisplacedVersion } from './annotationHistory';
import { isErrno, writeTempFor } from './atomicJson';
import { lockFiles, FileBusyError, type HeldLocks } from './fileLock';
import { withPath } from './ioErrors';
import { localStateDir } from './localState';
import { HOST_TAG } from './processOwner';
import { tempPathFor } from './tempFiles';

/**
 * Multi-file changes (a schema change, an import) are journaled, so a crash at any point leaves
 * a valid project: `.factmark/journal/<id>/`
 *
 *   ops.jsonl   one line per file to write: {"f": "<path in the project>", "c": "<new content>",
 *               "p": "<SHA-256 of the bytes it replaces>" | null (a new file)}
 *   committed   {"ops": <count>, "bytes": <size of ops.jsonl>}, written (and flushed) only once
 *               ops.jsonl is complete and flushed
 *
 * 1. The plan is written to ops.jsonl and flushed; no project file is touched yet.
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
  c: string;
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

/** Every line of an ops file, read in chunks (an import's plan can be hundreds of MB). */
function* opsOf(file: string): Generator<Op> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString('utf8', 0, n);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line !== '') yield JSON.parse(line) as Op;
    }
    if (rest.trim() !== '') yield JSON.parse(rest) as Op;
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

/** Flush written files to disk: one fsync each for a few, one file-system flush for many. */
async function flushToDisk(dir: string, files: readonly string[]): Promise<void> {
  const folders = new Set(files.map((f) => dirname(f)));
  if (files.length >= FLUSH_ALL_FROM && platform() !== 'win32') {
    // Linux: syncfs() of the project's file system (coreutils `sync -f`); macOS: `sync`. Node has no binding for either.
    const tool = ['/bin/sync', '/usr/bin/sync'].find((p) => existsSync(p));
    const args = platform() === 'linux' ? ['-f', dir] : [];
    if (tool) {
      const flushed = await new Promise<boolean>((resolve) => execFile(tool, args, (err) => resolve(err === null)));
      if (flushed) return;
    }
  }
  for (const [i, f] of files.entries()) {
    if (i > 0 && i % APPLY_BATCH === 0) await yieldToEventLoop();
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

/** Replace one file (temp + rename, synchronous: many small files go much faster this way). */
function replaceSync(file: string, content: string) {
  const tmp = tempPathFor(file);
  try {
    writeFileSync(tmp, content, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // It was never created.
    }
    throw withPath(err, file);
  }
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

async function applyOps(dir: string, journal: string, total: number, opts: ApplyOptions): Promise<void> {
  const written: string[] = [];
  const madeFolders = new Set<string>();
  let done = 0;
  for (const op of opsOf(join(journal, 'ops.jsonl'))) {
    if (opts.interruptAfter !== undefined && done >= opts.interruptAfter) throw new Error('interrupted (test)');
    if (!allowedTarget(op.f)) throw new Error(`${join(journal, 'ops.jsonl')}: refuses to write ${JSON.stringify(op.f)}, which is not a project file.`);
    const target = join(dir, ...op.f.split('/'));
    if (opts.recovering) {
      const current = readOrNull(target);
      if (current !== null) {
        const sha = sha256(current);
        if (sha === sha256(op.c)) {
          done++;
          continue;
        }
        const ann = annotationOf(op.f);
        if (sha !== op.p && ann) await keepDisplacedVersion(dir, ann.annotator, ann.docId, current.toString('utf8'), opts.now);
      }
    }
    const folder = dirname(target);
    if (!madeFolders.has(folder)) {
      await mkdir(folder, { recursive: true }).catch((err: unknown) => {
        throw withPath(err, folder);
      });
      madeFolders.add(folder);
    }
    replaceSync(target, op.c);
    written.push(target);
    done++;
    if (done % APPLY_BATCH === 0) {
      opts.onProgress?.(done, total);
      await yieldToEventLoop();
    }
  }
  await flushToDisk(dir, written);
  opts.onProgress?.(done, total);
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
  /**
   * Make the plan happen (see above); the transaction is over afterwards, whatever happens.
   * `interruptAfter` (tests): fail after writing that many files, as a crash would leave them.
   */
  commit(opts?: { now?: Date; onProgress?: (done: number, total: number) => void; interruptAfter?: number }): Promise<void>;
  /** Drop the plan: nothing was written to the project. */
  abort(): Promise<void>;
}

/**
 * Start a transaction on the project: waits up to `waitMs` for another one (in any process) to
 * finish, else throws JournalBusyError.
 */
export async function beginTransaction(dir: string, waitMs = 15_000): Promise<Transaction> {
  const lock = await takeJournalLock(dir, waitMs);
  const journal = join(journalRoot(dir), journalId());
  let fd: number | null = null;
  try {
    await mkdir(journal, { recursive: true });
    fd = openSync(join(journal, 'ops.jsonl'), 'wx');
  } catch (err) {
    await lock.release();
    throw withPath(err, journalRoot(dir));
  }
  let pending: string[] = [];
  let pendingSize = 0;
  let bytes = 0;
  let count = 0;
  let over = false;
  const flushPending = () => {
    if (pending.length === 0 || fd === null) return;
    const chunk = Buffer.from(pending.join(''), 'utf8');
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
    await lock.release();
  };
  return {
    get size() {
      return count;
    },
    write(file, content, previous) {
      if (over) throw new Error('the transaction is over');
      const line = `${JSON.stringify({ f: toRel(dir, file), c: content, p: previous === null ? null : sha256(previous) })}\n`;
      pending.push(line);
      pendingSize += line.length;
      count++;
      if (pendingSize >= CHUNK) flushPending();
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
        await lock.release();
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
        const size = (await stat(join(journal, 'ops.jsonl'))).size;
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
