import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, readdirOrEmpty } from './atomicJson';
import { fileLocksDir, isAbandonedLock } from './fileLock';
import { withPath } from './ioErrors';
import { recoverJournals, type RecoveryReport } from './journal';
import { historyRoot, localStateDir, locksDir } from './localState';
import { HOST_TAG, ownerGone, type Owner } from './processOwner';
import { annotatorDir } from './projectStore';
import { checkProjectWrite } from './projectFiles';
import { parseTempName } from './tempFiles';

/**
 * What a crash leaves behind, tidied the next time a project is opened for writing: unfinished
 * journaled changes are completed or undone (journal.ts), then every temp file Factmark writes is
 * removed once its owner is gone (tempFiles.ts names it in the file name): saves' temps beside
 * project.json, documents, every annotator's files, History, the summary index, suggestions,
 * what was learnt from each annotator, locks; exports' temp files and folders, in exports/ and in
 * any folder an export was writing to (`.factmark/exports-in-flight/` remembers those while an
 * export runs). A temp file of another live process (a second window, `serve`, the CLI) is never
 * touched.
 */
export const exportsInFlightDir = (dir: string) => join(localStateDir(dir), 'exports-in-flight');

/** write-file-atomic's temp names carry no owner: removed when older than this (a write takes milliseconds). */
const LEGACY_STALE_MS = 60_000;

export interface TidyReport extends RecoveryReport {
  /** Temp files and folders removed. */
  removed: number;
}

async function entries(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return [];
    throw err;
  }
}

/**
 * Remove the temp files in one folder whose owner is gone. Temps that name no owner (older
 * Factmark versions) are removed only in the project's own folders: when clearly abandoned
 * (`legacy: 'aged'`, the default), or at once (`'now'`: the caller holds the only lock under which
 * they are written); never in a folder of the user's (`'never'`: an export destination).
 */
async function sweepFolder(folder: string, nowMs: number, opts: { legacy?: 'now' | 'aged' | 'never'; owners?: readonly Owner[] } = {}): Promise<number> {
  // A project folder is swept only inside the project, whatever links its folders are
  // (projectFiles.ts); an export destination is the user's own choice.
  if (opts.legacy !== 'never' && !(await checkProjectWrite(join(folder, '_')).then(() => true, () => false))) return 0;
  let removed = 0;
  for (const name of await entries(folder)) {
    const temp = parseTempName(name);
    if (!temp) continue;
    const path = join(folder, name);
    let st;
    try {
      st = await lstat(path);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) continue;
      throw err;
    }
    let gone: boolean;
    if (temp.kind === 'owned') gone = ownerGone(temp.owner, st.mtimeMs, nowMs);
    // Older exports name only their process id: removed only where an export of that (gone) process was writing.
    else if (temp.kind === 'export') gone = (opts.owners ?? []).some((o) => o.pid === temp.pid);
    else if (opts.legacy === 'never') gone = false;
    else gone = opts.legacy === 'now' || nowMs - st.mtimeMs > LEGACY_STALE_MS;
    if (!gone) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** Lock files of per-file locks whose process is gone (a crash mid-save). */
async function sweepFileLocks(dir: string, nowMs: number): Promise<number> {
  let removed = await sweepFolder(fileLocksDir(dir), nowMs);
  for (const name of await entries(fileLocksDir(dir))) {
    if (!name.endsWith('.lock')) continue;
    const lock = join(fileLocksDir(dir), name);
    if (await isAbandonedLock(lock, nowMs).catch(() => false)) {
      await unlink(lock).catch(() => undefined);
      removed++;
    }
  }
  return removed;
}

interface ExportInFlight extends Owner {
  folders: string[];
}

/** Folders that exports of gone processes were writing to, from their records (removed once swept). */
async function sweepExportFolders(dir: string, nowMs: number): Promise<number> {
  let removed = 0;
  const folder = exportsInFlightDir(dir);
  for (const name of await entries(folder)) {
    const record = join(folder, name);
    if (parseTempName(name)) {
      removed += await sweepFolder(folder, nowMs);
      continue;
    }
    if (!name.endsWith('.json')) continue;
    let entry: ExportInFlight | null = null;
    let mtimeMs = nowMs;
    try {
      mtimeMs = (await lstat(record)).mtimeMs;
      const v = JSON.parse(await readFile(record, 'utf8')) as Partial<ExportInFlight>;
      if (Array.isArray(v.folders) && v.folders.every((f) => typeof f === 'string') && typeof v.pid === 'number') {
        entry = { folders: v.folders, pid: v.pid, host: typeof v.host === 'string' ? v.host : null };
      }
    } catch {
      entry = null;
    }
    if (entry === null) {
      if (nowMs - mtimeMs > LEGACY_STALE_MS) await unlink(record).catch(() => undefined);
      continue;
    }
    if (!ownerGone(entry, mtimeMs, nowMs)) continue;
    for (const f of entry.folders) removed += await sweepFolder(f, nowMs, { owners: [entry], legacy: 'never' });
    await unlink(record).catch(() => undefined);
  }
  return removed;
}

/**
 * Note that an export of this process writes into `folders` (exports/ or a folder the user
 * chose), so that its temp files are found should it crash. Answers the function that forgets
 * it; on a project that cannot be written (read-only) nothing is noted, and the destination is
 * tidied by the next export into it instead (sweepExportDestination).
 */
export async function noteExportInFlight(dir: string, folders: readonly string[]): Promise<() => Promise<void>> {
  const record = join(exportsInFlightDir(dir), `${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  try {
    await mkdir(exportsInFlightDir(dir), { recursive: true });
    await writeFile(record, `${JSON.stringify({ host: HOST_TAG, pid: process.pid, folders })}\n`);
  } catch (err) {
    if (isErrno(err, 'EACCES') || isErrno(err, 'EPERM') || isErrno(err, 'EROFS')) return async () => undefined;
    throw withPath(err, exportsInFlightDir(dir));
  }
  return async () => {
    await unlink(record).catch(() => undefined);
  };
}

/** Before an export writes into a folder: the temp files earlier exports of gone processes left there. */
export async function sweepExportDestination(folders: readonly string[]): Promise<number> {
  let removed = 0;
  for (const f of folders) removed += await sweepFolder(f, Date.now(), { legacy: 'never' }).catch(() => 0);
  return removed;
}

/**
 * Remove the temp files of saves that a crash interrupted, in the annotator's own folders. Called
 * right after taking the annotator's lock: no other Factmark writes there then, so even a temp
 * file that does not name its owner (written by an older Factmark) is an orphan.
 */
export async function sweepInterruptedWrites(dir: string, annotator: string): Promise<number> {
  const nowMs = Date.now();
  let removed = await sweepFolder(annotatorDir(dir, annotator), nowMs, { legacy: 'now' });
  for (const doc of await readdirOrEmpty(join(historyRoot(dir), annotator))) {
    removed += await sweepFolder(join(historyRoot(dir), annotator, doc), nowMs, { legacy: 'now' });
  }
  return removed;
}

/**
 * Everything a crash may have left in a project, tidied: journals first (they may still write
 * files), then temp files everywhere Factmark writes, then abandoned locks.
 */
export async function tidyProject(dir: string, now: Date): Promise<TidyReport> {
  const recovered = await recoverJournals(dir, now);
  const nowMs = now.getTime();
  let removed = 0;
  const state = localStateDir(dir);
  for (const folder of [dir, join(dir, 'documents'), state, join(state, 'index'), locksDir(dir)]) {
    removed += await sweepFolder(folder, nowMs);
  }
  // exports/ holds the user's files: only temps that name their (gone) owner.
  removed += await sweepFolder(join(dir, 'exports'), nowMs, { legacy: 'never' });
  for (const who of await entries(join(dir, 'annotations'))) removed += await sweepFolder(join(dir, 'annotations', who), nowMs);
  for (const who of await entries(historyRoot(dir))) {
    for (const doc of await entries(join(historyRoot(dir), who))) removed += await sweepFolder(join(historyRoot(dir), who, doc), nowMs);
  }
  for (const who of await entries(join(state, 'suggestions'))) removed += await sweepFolder(join(state, 'suggestions', who), nowMs);
  for (const who of await entries(join(state, 'learning'))) removed += await sweepFolder(join(state, 'learning', who), nowMs);
  removed += await sweepExportFolders(dir, nowMs);
  removed += await sweepFileLocks(dir, nowMs);
  return { ...recovered, removed };
}
