import { randomUUID } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { z } from 'zod';
import { isErrno, readdirOrEmpty } from './atomicJson';
import { ensureLocalStateIgnored, lockPath, locksDir } from './localState';
import { checkProjectWrite, readProjectBytes } from './projectFiles';
import { makeFolder } from './makeFolder';
import { tempPathFor } from './tempFiles';

/**
 * One writer per (project, annotator): the window or process that holds
 * `<project>/.factmark/locks/<annotator>.lock` saves; any other opens the project read-only and
 * says why. The holder touches the file every HEARTBEAT_MS; a lock is stale, and taken over, when
 * its process is gone (same machine), or when it was not touched for STALE_MS (another machine
 * sharing the folder, or a frozen process).
 */
export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 30_000;

const lockInfoSchema = z.object({
  owner: z.string().min(1),
  pid: z.number().int(),
  host: z.string(),
  annotator: z.string(),
  acquiredAt: z.string(),
});
export type LockInfo = z.infer<typeof lockInfoSchema>;

/** `fresh`: the lock was just taken (not merely confirmed), so the folders may be tidied up. */
export type LockState = { held: true; fresh: boolean } | { held: false; holder: LockInfo | null; reason: string };

/** Locks held by this process, released on exit (a crash leaves them to stale detection). */
const heldHere = new Map<string, string>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const file of heldHere.keys()) {
      try {
        unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    }
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isErrno(err, 'EPERM');
  }
}

async function readLock(file: string): Promise<{ info: LockInfo | null; mtimeMs: number } | null> {
  try {
    const [read, st] = await Promise.all([readProjectBytes(file, 'json'), stat(file)]);
    // A lock file that is not one (a pipe, a link out: projectFiles.ts) holds no lock.
    const raw = read.ok ? read.bytes.toString('utf8') : '';
    let info: LockInfo | null = null;
    try {
      const parsed = lockInfoSchema.safeParse(JSON.parse(raw));
      if (parsed.success) info = parsed.data;
    } catch {
      info = null;
    }
    return { info, mtimeMs: st.mtimeMs };
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

/** Why a lock no longer counts, or null while its holder is alive. */
export function staleReason(info: LockInfo | null, mtimeMs: number, nowMs: number): string | null {
  if (info === null) return 'the lock file is unreadable';
  if (info.host === hostname()) {
    if (info.pid === process.pid) return [...heldHere.values()].includes(info.owner) ? null : 'its window was closed';
    if (!pidAlive(info.pid)) return `process ${info.pid} is no longer running`;
  }
  if (nowMs - mtimeMs > STALE_MS) return `it was last refreshed ${Math.round((nowMs - mtimeMs) / 1000)} s ago`;
  return null;
}

export function describeHolder(info: LockInfo | null): string {
  if (!info) return 'another Factmark window';
  const where = info.host === hostname() ? (info.pid === process.pid ? 'another window of this app' : `another Factmark (process ${info.pid})`) : `Factmark on ${info.host}`;
  return `${where}, since ${info.acquiredAt}`;
}

export interface AnnotatorLock {
  readonly owner: string;
  /** Take the lock (or confirm it is still ours). */
  acquire(dir: string, annotator: string, now: Date): Promise<LockState>;
  /** Release what this lock holds (if it is still ours). */
  release(): Promise<void>;
  /** Stop the heartbeat and release. */
  dispose(): Promise<void>;
}

export function createAnnotatorLock(): AnnotatorLock {
  const owner = randomUUID();
  let heldFile: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const stopHeartbeat = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const startHeartbeat = (file: string) => {
    stopHeartbeat();
    timer = setInterval(() => {
      const t = new Date();
      utimes(file, t, t).catch(() => undefined);
    }, HEARTBEAT_MS);
    timer.unref();
  };

  async function release(): Promise<void> {
    stopHeartbeat();
    const file = heldFile;
    heldFile = null;
    if (!file) return;
    heldHere.delete(file);
    const current = await readLock(file);
    if (current?.info?.owner === owner) await unlink(file).catch(() => undefined);
  }

  async function tryCreate(file: string, info: LockInfo): Promise<boolean> {
    // Written whole to a private file, then linked into place: link() fails if the lock exists,
    // so the lock file is never seen half-written and two takers never both win.
    // Named for this process (tempFiles.ts), so that a crash between the write and the unlink
    // leaves a file the next start removes (a name of its own was never swept: a stray file per kill).
    const tmp = tempPathFor(file);
    await checkProjectWrite(tmp);
    await writeFile(tmp, `${JSON.stringify(info, null, 2)}\n`);
    try {
      await link(tmp, file);
      return true;
    } catch (err) {
      if (isErrno(err, 'EEXIST')) return false;
      throw err;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  async function acquire(dir: string, annotator: string, now: Date): Promise<LockState> {
    const file = lockPath(dir, annotator);
    if (heldFile && heldFile !== file) await release();
    for (let attempt = 0; attempt < 3; attempt++) {
      const existing = await readLock(file);
      if (existing) {
        if (existing.info?.owner === owner) {
          const fresh = heldFile !== file;
          heldFile = file;
          heldHere.set(file, owner);
          if (!timer) startHeartbeat(file);
          return { held: true, fresh };
        }
        const stale = staleReason(existing.info, existing.mtimeMs, now.getTime());
        if (!stale) {
          if (heldFile === file) {
            // Someone took it over (we looked stale to them): we are a reader now.
            heldFile = null;
            heldHere.delete(file);
            stopHeartbeat();
          }
          return {
            held: false,
            holder: existing.info,
            reason: `${annotator}'s annotations in this project are open in ${describeHolder(existing.info)}. This window is read-only; close the other one to edit here.`,
          };
        }
        // Stale: remove it (if it is still the same stale lock) and try again.
        await unlink(file).catch((err: unknown) => {
          if (!isErrno(err, 'ENOENT')) throw err;
        });
        continue;
      }
      await makeFolder(locksDir(dir));
      await ensureLocalStateIgnored(dir);
      const info: LockInfo = { owner, pid: process.pid, host: hostname(), annotator, acquiredAt: now.toISOString() };
      if (await tryCreate(file, info)) {
        installExitHook();
        heldFile = file;
        heldHere.set(file, owner);
        startHeartbeat(file);
        return { held: true, fresh: true };
      }
    }
    const holder = (await readLock(file))?.info ?? null;
    return {
      held: false,
      holder,
      reason: `${annotator}'s annotations in this project are open in ${describeHolder(holder)}. This window is read-only; close the other one to edit here.`,
    };
  }

  return {
    owner,
    acquire,
    release,
    async dispose() {
      await release();
    },
  };
}

/**
 * Annotators other than `except` whose project is open right now (a live lock), with where: a
 * change to everyone's files (the label schema) waits until they close it.
 */
export async function liveLockHolders(dir: string, except: string, now: Date): Promise<{ annotator: string; where: string }[]> {
  const names = await readdirOrEmpty(locksDir(dir));
  const out: { annotator: string; where: string }[] = [];
  for (const name of names.sort()) {
    if (!name.endsWith('.lock')) continue;
    const annotator = name.slice(0, -'.lock'.length);
    if (annotator === except) continue;
    const lock = await readLock(join(locksDir(dir), name));
    if (lock && staleReason(lock.info, lock.mtimeMs, now.getTime()) === null) out.push({ annotator, where: describeHolder(lock.info) });
  }
  return out;
}
