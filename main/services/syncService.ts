import { readdir, stat } from 'node:fs/promises';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ParsedInput } from '../../shared/api/contract';
import type { SyncOutcome, SyncStatusView } from '../../shared/api/syncViews';
import type { ProjectView } from '../../shared/api/views';
import type { ProjectFile } from '../../shared/model/schemas';
import { resolveUserPath } from '../paths';
import { isErrno } from './atomicJson';
import { resolveSyncConflict, setSyncRemote, syncProject, syncStatus } from './gitSync';
import { createGit } from './gitSyncRunner';
import { isBlind } from './syncBlind';
import { writeProjectFile } from './projectStore';
import { annotatorContext } from './annotatorContext';
import { makeFolder } from './makeFolder';

/** What the sync operations need from the service that hosts them (factmarkService.ts). */
export interface SyncHost {
  currentProject(): Promise<Result<{ dir: string; project: ProjectFile }>>;
  annotator(): Promise<string | null>;
  /** Take (or keep) this annotator's lock; answers why this window may not write, or null. */
  lockStatus(dir: string, who: string): Promise<string | null>;
  view(dir: string, project: ProjectFile, who: string | null): Promise<ProjectView>;
  now(): Date;
  /** Runs work on one key one after another. */
  inOrder<T>(key: string, work: () => Promise<T>): Promise<T>;
}


/** A remote as git should get it: URLs and scp-like addresses as typed, folders as absolute paths. */
export function normaliseRemote(url: string): Result<string> {
  const trimmed = url.trim();
  if (trimmed.startsWith('-')) return fail('invalid-input', `"${trimmed}" is not a remote: give a URL or the path of a folder.`);
  // URLs, `helper::address` remotes (git refuses ext::, see gitSyncRunner.ts) and scp-like addresses go to git as typed.
  if (/^[a-z][a-z0-9+.-]*(:\/\/|::)/i.test(trimmed) || /^[^/\\\s]+@[^/\\\s]+:/.test(trimmed)) return ok(trimmed);
  return ok(resolveUserPath(trimmed));
}

/** An empty or new folder given as the remote becomes a shared (bare) repository. */
async function prepareFolderRemote(path: string): Promise<Result<boolean>> {
  let entries: string[] | null = null;
  try {
    if (!(await stat(path)).isDirectory()) return fail('invalid-input', `${path} is a file, not a folder or repository.`, path);
    entries = await readdir(path);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  if (entries !== null && entries.length > 0) return ok(false);
  await makeFolder(path);
  const run = await createGit(path)(['init', '-q', '--bare', '-b', 'main']);
  if (run.code !== 0) return fail('io', `A shared repository could not be created in ${path}: ${run.stderr.trim()}`, path);
  return ok(true);
}

/** The sync operations of the contract (getSyncStatus, setSyncRemote, syncProject, resolveSyncConflict, setBlindMode). */
export function syncHandlers(host: SyncHost) {
  const context = () => annotatorContext(host);

  /** Sync writes the annotator's files (a merge, a resolution): only the window holding the lock may. */
  async function writable(dir: string, who: string, what: string): Promise<Result<null>> {
    const reason = await host.lockStatus(dir, who);
    return reason === null ? ok(null) : fail('read-only', `${reason} ${what}`);
  }

  async function afterSync(dir: string, who: string, outcome: Result<SyncOutcome>): Promise<Result<{ outcome: SyncOutcome; project: ProjectView }>> {
    if (!outcome.ok) return outcome;
    // project.json may have come in with the merge.
    const current = await host.currentProject();
    if (!current.ok) return current;
    return ok({ outcome: outcome.value, project: await host.view(dir, current.value.project, who) });
  }

  return {
    getSyncStatus: async (): Promise<Result<SyncStatusView>> => {
      const ctx = await context();
      if (!ctx.ok) return ctx;
      return ok(await syncStatus(ctx.value.dir, ctx.value.who, { blind: isBlind(ctx.value.project) }));
    },

    setSyncRemote: ({ url }: ParsedInput<'setSyncRemote'>): Promise<Result<SyncStatusView & { createdRemote: boolean }>> =>
      host.inOrder('sync', async () => {
        const ctx = await context();
        if (!ctx.ok) return ctx;
        const remote = normaliseRemote(url);
        if (!remote.ok) return remote;
        let createdRemote = false;
        if (remote.value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(remote.value)) {
          const prepared = await prepareFolderRemote(remote.value);
          if (!prepared.ok) return prepared;
          createdRemote = prepared.value;
        }
        const set = await setSyncRemote(ctx.value.dir, remote.value);
        if (!set.ok) return set;
        return ok({ ...(await syncStatus(ctx.value.dir, ctx.value.who, { blind: isBlind(ctx.value.project) })), createdRemote });
      }),

    syncProject: (): Promise<Result<{ outcome: SyncOutcome; project: ProjectView }>> =>
      host.inOrder('sync', async () => {
        const ctx = await context();
        if (!ctx.ok) return ctx;
        const { dir, who } = ctx.value;
        const w = await writable(dir, who, 'Sync from the window that is editing.');
        if (!w.ok) return w;
        return afterSync(dir, who, await syncProject(dir, who, host.now()));
      }),

    resolveSyncConflict: ({ resolutions, abort }: ParsedInput<'resolveSyncConflict'>) =>
      host.inOrder('sync', async () => {
        const ctx = await context();
        if (!ctx.ok) return ctx;
        const { dir, who } = ctx.value;
        const w = await writable(dir, who, 'Resolve the conflict from the window that is editing.');
        if (!w.ok) return w;
        return afterSync(dir, who, await resolveSyncConflict(dir, who, { resolutions, abort }, host.now()));
      }),

    setBlindMode: ({ blind }: ParsedInput<'setBlindMode'>): Promise<Result<ProjectView>> =>
      host.inOrder('schema', async () => {
        const ctx = await context();
        if (!ctx.ok) return ctx;
        const { dir, project, who } = ctx.value;
        const w = await writable(dir, who, 'Blind mode was not changed.');
        if (!w.ok) return w;
        const next: ProjectFile = { ...project, settings: { ...project.settings, blind } };
        if (!blind) delete next.settings.blind;
        await writeProjectFile(dir, next);
        return ok(await host.view(dir, next, who));
      }),
  };
}
