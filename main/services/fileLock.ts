import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isErrno } from './atomicJson';
import { withPath } from './ioErrors';
import { locksDir } from './localState';
import { HOST_TAG, ownerGone } from './processOwner';
import { tempPathFor } from './tempFiles';

/**
 * Per-file locks across processes: a Factmark process (a window, `serve`, the CLI) holds
 * `.factmark/locks/files/<hash of the path>.lock` while it compares a project file with what it
 * expects and replaces it, so two Factmark writers never interleave on one file. A lock names its
 * process (`{owner, host, pid, file, at}`); one whose process is gone is taken over at once, so a
 * crash never blocks a file. Programs other than Factmark do not take these locks: the
 * compare-and-write (guardedWrite.ts) checks the file once more right before its rename for them.
 *
 * Why not proper-lockfile: its locks say nothing about their owner, so a crashed writer's lock
 * blocks the file until it is `stale` by age (10 s by default), and a sweep cannot tell a dead
 * process's lock from a live one. The annotator lock (annotatorLock.ts) already works this way;
 * these are the same idea without the heartbeat (they are held for milliseconds to seconds).
 */
export const fileLocksDir = (dir: string) => join(locksDir(dir), 'files');
export const fileLockPath = (dir: string, file: string) =>
  join(fileLocksDir(dir), `${createHash('sha256').update(relative(dir, file)).digest('hex').slice(0, 24)}.lock`);

/** How long a writer waits for another Factmark's lock on a file before giving up. */
export const LOCK_WAIT_MS = 15_000;

interface LockRecord {
  owner: string;
  host: string;
  pid: number;
  file: string;
  at: string;
}

export class FileBusyError extends Error {
  constructor(
    readonly file: string,
    holder: LockRecord | null,
  ) {
    super(
      `${file} is being written by another Factmark${holder ? ` (process ${holder.pid}${holder.host === HOST_TAG ? '' : ' on another machine'}, since ${holder.at})` : ''}; nothing was written. Try again in a moment.`,
    );
  }
}

async function readRecord(lock: string): Promise<{ record: LockRecord | null; mtimeMs: number } | null> {
  try {
    const [raw, st] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
    let record: LockRecord | null = null;
    try {
      const v = JSON.parse(raw) as Partial<LockRecord>;
      if (typeof v.owner === 'string' && typeof v.host === 'string' && typeof v.pid === 'number') record = v as LockRecord;
    } catch {
      record = null;
    }
    return { record, mtimeMs: st.mtimeMs };
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

/** A lock whose process is gone, or unreadable for more than a few seconds (its writer died mid-write: it is linked whole, so never). */
function abandoned(found: { record: LockRecord | null; mtimeMs: number }, now: number): boolean {
  if (!found.record) return now - found.mtimeMs > 5_000;
  return ownerGone({ host: found.record.host, pid: found.record.pid }, found.mtimeMs, now);
}

export interface HeldLocks {
  release(): Promise<void>;
}

async function acquireOne(dir: string, file: string, owner: string, deadline: number): Promise<string> {
  const lock = fileLockPath(dir, file);
  const record: LockRecord = { owner, host: HOST_TAG, pid: process.pid, file: relative(dir, file), at: new Date().toISOString() };
  let tmp: string | null = null;
  try {
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      if (tmp === null) {
        await mkdir(fileLocksDir(dir), { recursive: true });
        tmp = tempPathFor(lock);
        await writeFile(tmp, `${JSON.stringify(record)}\n`).catch((err: unknown) => {
          throw withPath(err, fileLocksDir(dir));
        });
      }
      try {
        // link() fails when the lock exists: two takers never both win, and it is never seen half-written.
        await link(tmp, lock);
        return lock;
      } catch (err) {
        if (!isErrno(err, 'EEXIST')) throw withPath(err, fileLocksDir(dir));
      }
      const found = await readRecord(lock);
      if (found === null) continue; // released meanwhile
      if (abandoned(found, Date.now())) {
        await unlink(lock).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new FileBusyError(file, found.record);
      await sleep(wait);
    }
  } finally {
    if (tmp !== null) await unlink(tmp).catch(() => undefined);
  }
}

/**
 * Lock several files of the project (in a fixed order, so two writers locking overlapping sets
 * never wait for each other forever). Throws FileBusyError when another live Factmark keeps one
 * locked for longer than `waitMs`.
 */
export async function lockFiles(dir: string, files: readonly string[], waitMs = LOCK_WAIT_MS): Promise<HeldLocks> {
  const owner = randomUUID();
  const deadline = Date.now() + waitMs;
  const held: string[] = [];
  const release = async () => {
    for (const lock of held.splice(0)) {
      const found = await readRecord(lock).catch(() => null);
      if (found?.record?.owner === owner) await unlink(lock).catch(() => undefined);
    }
  };
  try {
    for (const file of [...new Set(files)].sort()) held.push(await acquireOne(dir, file, owner, deadline));
  } catch (err) {
    await release();
    throw err;
  }
  return { release };
}

/** Run `work` holding the lock of one project file. */
export async function withFileLock<T>(dir: string, file: string, work: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const held = await lockFiles(dir, [file], waitMs);
  try {
    return await work();
  } finally {
    await held.release();
  }
}

/** Whether a lock file in fileLocksDir belongs to a process that is gone (for the sweep). */
export async function isAbandonedLock(lock: string, now: number): Promise<boolean> {
  const found = await readRecord(lock);
  return found !== null && abandoned(found, now);
}
