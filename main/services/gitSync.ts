import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import type {
  SyncCommitted,
  SyncConflictFile,
  SyncConflictView,
  SyncOutcome,
  SyncResolutionChoice,
  SyncStatusView,
} from '../../shared/api/syncViews';
import { isErrno, writeFileAtomic } from './atomicJson';
import { createGit, gitComplaint, GitMissingError, gitVersion, type Git, type GitRun } from './gitSyncRunner';
import { ensureLocalStateIgnored } from './localState';
import { readProjectBytes } from './projectFiles';
import { kindOf, normaliseContent, ownerOf, proposeMerge } from './syncFiles';
import { incomingBetween } from './syncIncoming';
import { readSyncState, writeSyncState } from './syncState';

/**
 * Project sync over git (docs/sync.md, "Working as a team (git sync)"): commit this annotator's own files and
 * the project-level files, fetch, merge, push. Annotation files are one per annotator and
 * document, so they never meet; a conflict in a project-level file stops the merge in git's own
 * recoverable state (the working tree keeps "mine", so the app keeps working) and is returned for
 * the user to resolve: keep mine, take theirs, or a merged version they confirm.
 *
 * Longer than 400 lines because every step (status, commit, fetch, merge, push, resolve) drives
 * the same private Repo helpers, kept unexported so that no other module runs git in a project
 * without openRepo's checks; git's process and its safety options are gitSyncRunner.ts's.
 */

const REMOTE = 'origin';
const NETWORK_TIMEOUT_MS = 120_000;
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

interface Repo {
  git: Git;
  dir: string;
}

/** Messages say what happened and what to do; `git` is named when it said something useful. */
function gitFailure(what: string, run: GitRun) {
  return fail('io', `${what}: git says "${gitComplaint(run)}".`);
}

async function must(repo: Repo, args: string[], what: string, input?: string): Promise<Result<GitRun>> {
  const run = await repo.git(args, input === undefined ? {} : { input });
  return run.code === 0 ? ok(run) : gitFailure(what, run);
}

const nul = (paths: readonly string[]) => paths.map((p) => `${p}\0`).join('');

async function isRepo(git: Git): Promise<boolean> {
  const run = await git(['rev-parse', '--is-inside-work-tree']);
  if (run.refused) throw new RepoRefused(run.refused);
  return run.code === 0 && run.stdout.trim() === 'true';
}

/** A repository Factmark will not run git in (gitRepoBounds.ts): the sentence says why. */
class RepoRefused extends Error {
  constructor(reason: string) {
    super(`Sync is off for this project: ${reason}`);
  }
}

async function headSha(repo: Repo): Promise<string | null> {
  const run = await repo.git(['rev-parse', '-q', '--verify', 'HEAD^{commit}']);
  return run.code === 0 ? run.stdout.trim() : null;
}

async function refSha(repo: Repo, ref: string): Promise<string | null> {
  const run = await repo.git(['rev-parse', '-q', '--verify', `${ref}^{commit}`]);
  return run.code === 0 ? run.stdout.trim() : null;
}

async function currentBranch(repo: Repo): Promise<string | null> {
  const run = await repo.git(['symbolic-ref', '--short', '-q', 'HEAD']);
  return run.code === 0 ? run.stdout.trim() : null;
}

async function remoteUrl(repo: Repo): Promise<string | null> {
  const run = await repo.git(['remote', 'get-url', REMOTE]);
  return run.code === 0 ? run.stdout.trim() || null : null;
}

async function mergeInProgress(repo: Repo): Promise<boolean> {
  return (await refSha(repo, 'MERGE_HEAD')) !== null;
}

/** Commits are made as the person's own git identity, or as the annotator when they have none. */
async function identityArgs(repo: Repo, me: string): Promise<string[]> {
  const name = (await repo.git(['config', 'user.name'])).stdout.trim();
  const email = (await repo.git(['config', 'user.email'])).stdout.trim();
  const args: string[] = [];
  if (!name) args.push('-c', `user.name=${me}`);
  if (!email) args.push('-c', `user.email=${me.replace(/[^A-Za-z0-9._-]+/g, '.') || 'annotator'}@factmark.invalid`);
  return args;
}

/** Files changed since the last commit, inside the project (paths relative to it, with `/`). */
async function changedPaths(repo: Repo): Promise<string[]> {
  const run = await repo.git(['status', '--porcelain=v1', '-z', '-uall', '--no-renames', '--', '.']);
  if (run.code !== 0) return [];
  const prefix = (await repo.git(['rev-parse', '--show-prefix'])).stdout.trim();
  return run.stdout
    .split('\0')
    .filter((e) => e.length > 3)
    .map((e) => e.slice(3))
    .map((p) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p));
}

async function openRepo(dir: string): Promise<Result<Repo>> {
  const git = createGit(dir);
  try {
    if (!(await isRepo(git))) return fail('invalid-input', `${dir} is not a git repository yet; set a remote in Sync (or run \`factmark sync --remote URL\`) to make it one.`, dir);
  } catch (err) {
    if (err instanceof GitMissingError) return fail('unsupported', err.message);
    if (err instanceof RepoRefused) return fail('unsupported', err.message);
    throw err;
  }
  return ok({ git, dir });
}

// ---------------------------------------------------------------- status

export async function syncStatus(dir: string, me: string, { blind = false }: { blind?: boolean } = {}): Promise<SyncStatusView> {
  const state = await readSyncState(dir);
  const base: SyncStatusView = {
    gitVersion: null,
    isRepo: false,
    branch: null,
    remote: null,
    ahead: 0,
    behind: 0,
    changes: { mine: [], project: [], others: [] },
    lastSyncAt: state.lastSyncAt,
    lastIncoming: state.lastIncoming,
    conflict: null,
    blind,
    message: null,
  };
  const version = await gitVersion();
  if (version === null) return { ...base, message: new GitMissingError().message };
  base.gitVersion = version;
  const repo: Repo = { git: createGit(dir), dir };
  try {
    if (!(await isRepo(repo.git))) return { ...base, message: 'This project is not shared yet: set a remote (a URL, or the path of a shared folder) to sync it.' };
  } catch (err) {
    if (err instanceof RepoRefused) return { ...base, message: err.message };
    throw err;
  }
  const branch = await currentBranch(repo);
  const remote = await remoteUrl(repo);
  const changes: SyncStatusView['changes'] = { mine: [], project: [], others: [] };
  for (const path of await changedPaths(repo)) {
    const owner = ownerOf(path, me);
    if (owner) changes[owner].push(path);
  }
  let ahead = 0;
  let behind = 0;
  const head = await headSha(repo);
  const upstream = branch ? await refSha(repo, `refs/remotes/${REMOTE}/${branch}`) : null;
  if (head && upstream) {
    const counts = await repo.git(['rev-list', '--left-right', '--count', `${head}...${upstream}`]);
    const [a, b] = counts.stdout.trim().split(/\s+/).map(Number);
    ahead = a ?? 0;
    behind = b ?? 0;
  } else if (head) {
    ahead = Number((await repo.git(['rev-list', '--count', head])).stdout.trim()) || 0;
  } else if (upstream) {
    behind = Number((await repo.git(['rev-list', '--count', upstream])).stdout.trim()) || 0;
  }
  const conflict = (await mergeInProgress(repo)) ? await conflictView(repo) : null;
  let message: string | null = null;
  if (branch === null) message = 'The project\'s repository is not on a branch (detached HEAD); check out a branch in git to sync.';
  else if (remote === null) message = 'No remote is set: set one (a URL, or the path of a shared folder) to sync.';
  return { ...base, isRepo: true, branch, remote, ahead, behind, changes, conflict, message };
}

// ---------------------------------------------------------------- remote

/**
 * Make the project a repository if it is not one, and set its remote. On a new repository the
 * branch takes the remote's default branch name, so the first sync joins the team's history.
 */
export async function setSyncRemote(dir: string, url: string): Promise<Result<{ created: boolean }>> {
  const version = await gitVersion();
  if (version === null) return fail('unsupported', new GitMissingError().message);
  const repo: Repo = { git: createGit(dir), dir };
  let created = false;
  let shared: boolean;
  try {
    shared = await isRepo(repo.git);
  } catch (err) {
    if (err instanceof RepoRefused) return fail('unsupported', err.message);
    throw err;
  }
  if (!shared) {
    const init = await must(repo, ['init', '-q', '-b', 'main'], `${dir} could not be made a git repository`);
    if (!init.ok) return init;
    created = true;
  }
  await ensureLocalStateIgnored(dir);
  const existing = await remoteUrl(repo);
  const set = await must(repo, existing === null ? ['remote', 'add', REMOTE, url] : ['remote', 'set-url', REMOTE, url], `The remote could not be set to ${url}`);
  if (!set.ok) return set;
  if ((await headSha(repo)) === null) {
    // Nothing committed yet: follow the remote's default branch (if it can be reached now).
    const head = await repo.git(['ls-remote', '--symref', REMOTE, 'HEAD'], { timeoutMs: NETWORK_TIMEOUT_MS });
    const m = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(head.stdout);
    if (head.code === 0 && m?.[1]) await repo.git(['symbolic-ref', 'HEAD', `refs/heads/${m[1]}`]);
  }
  return ok({ created });
}

// ---------------------------------------------------------------- sync

/** How many of these annotation files say done (for the commit message). */
async function countDone(dir: string, paths: readonly string[]): Promise<number> {
  let done = 0;
  for (const p of paths) {
    // Deleted or unreadable: not done.
    const read = await readProjectBytes(join(dir, p), 'json').catch(() => null);
    if (read?.ok && /"status":\s*"done"/.test(read.bytes.toString('utf8'))) done++;
  }
  return done;
}

export function commitMessage(me: string, mine: readonly string[], done: number, project: readonly string[], others: readonly string[]): string {
  const parts: string[] = [];
  if (mine.length) parts.push(`${mine.length} annotation file${mine.length === 1 ? '' : 's'}${done ? ` (${done} done)` : ''}`);
  const docs = new Set(project.filter((p) => p.startsWith('documents/')).map((p) => p.replace(/\.(json|txt)$/, ''))).size;
  const named = project.filter((p) => !p.startsWith('documents/'));
  if (named.length) parts.push(named.join(', '));
  if (docs) parts.push(`${docs} document${docs === 1 ? '' : 's'}`);
  if (others.length) parts.push(`${others.length} file${others.length === 1 ? '' : 's'} of other annotators (schema change)`);
  const body = [...mine, ...project, ...others].slice(0, 50).map((p) => `- ${p}`);
  const more = mine.length + project.length + others.length - body.length;
  if (more > 0) body.push(`- … and ${more} more`);
  return `Factmark sync: ${me}: ${parts.join('; ') || 'no changes'}\n\n${body.join('\n')}\n`;
}

/** Files staged anywhere in the repository (it may hold more than the project) other than `paths`. */
async function stagedBesides(repo: Repo, paths: readonly string[], unborn: boolean): Promise<string[]> {
  const prefix = (await repo.git(['rev-parse', '--show-prefix'])).stdout.trim();
  const top = (await repo.git(['rev-parse', '--show-toplevel'])).stdout.trim();
  const atTop = createGit(top);
  const staged = unborn ? (await atTop(['ls-files', '-z'])).stdout : (await atTop(['diff', '--cached', '--name-only', '-z'])).stdout;
  const ours = new Set(paths.map((p) => `${prefix}${p}`));
  return staged.split('\0').filter((p) => p && !ours.has(p));
}

/**
 * Commit what this annotator may commit: their own annotation files and the project-level files.
 * Other annotators' files only go along on the repository's first commit (sharing the project)
 * or with a change of project.json (a schema change rewrites everyone's files, and they must
 * travel with it).
 */
async function commitOwn(repo: Repo, me: string): Promise<Result<SyncCommitted | null>> {
  const changed = await changedPaths(repo);
  const unborn = (await headSha(repo)) === null;
  const schemaChanged = changed.includes('project.json');
  const mine = changed.filter((p) => ownerOf(p, me) === 'mine').sort();
  const project = changed.filter((p) => ownerOf(p, me) === 'project').sort();
  const others = unborn || schemaChanged ? changed.filter((p) => ownerOf(p, me) === 'others').sort() : [];
  const paths = [...mine, ...project, ...others];
  if (paths.length === 0) return ok(null);
  // What someone staged by hand beforehand is left out of this commit (and stays staged).
  const foreign = await stagedBesides(repo, paths, unborn);
  // update-index takes exact paths: `git add` with thousands of pathspecs matches each against every file.
  const added = await must(repo, ['update-index', '--add', '--remove', '-z', '--stdin'], 'Your changes could not be staged', nul(paths));
  if (!added.ok) return added;
  const message = commitMessage(me, mine, await countDone(repo.dir, mine), project, others);
  const only = foreign.length > 0 ? ['--pathspec-from-file=-', '--pathspec-file-nul'] : [];
  const committed = await must(
    repo,
    [...(await identityArgs(repo, me)), 'commit', '-q', '--no-verify', '-m', message, ...only],
    'Your changes could not be committed',
    foreign.length > 0 ? nul(paths) : undefined,
  );
  if (!committed.ok) return committed;
  return ok({ files: paths.length, message: message.split('\n')[0] ?? message });
}

async function fetchRemote(repo: Repo, committed: SyncCommitted | null): Promise<Result<null>> {
  const url = (await remoteUrl(repo)) ?? REMOTE;
  const run = await repo.git(['fetch', '--prune', REMOTE], { timeoutMs: NETWORK_TIMEOUT_MS });
  if (run.code === 0) return ok(null);
  const kept = committed ? `Your changes are committed here (${committed.files} file${committed.files === 1 ? '' : 's'}) and` : 'Your work';
  return fail('io', `Could not reach the remote ${url}: git says "${gitComplaint(run)}". ${kept} nothing was lost; sync again when the remote can be reached.`);
}

/** The conflicted files of a merge in progress, each with base / mine / theirs and a proposal. */
async function conflictView(repo: Repo): Promise<SyncConflictView> {
  const run = await repo.git(['ls-files', '-u', '-z', '--', '.']);
  const stages = new Map<string, [string | null, string | null, string | null]>();
  for (const entry of run.stdout.split('\0').filter(Boolean)) {
    const m = /^\d+ ([0-9a-f]+) ([123])\t(.+)$/s.exec(entry);
    if (!m) continue;
    const [, sha, stage, path] = m as unknown as [string, string, string, string];
    const s = stages.get(path) ?? [null, null, null];
    s[Number(stage) - 1] = sha;
    stages.set(path, s);
  }
  const blob = async (sha: string | null) => (sha === null ? null : (await repo.git(['cat-file', 'blob', sha])).stdout);
  const files: SyncConflictFile[] = [];
  for (const [path, [b, m, t]] of [...stages.entries()].sort(([a], [z]) => (a < z ? -1 : 1))) {
    const [base, mine, theirs] = [await blob(b), await blob(m), await blob(t)];
    const { merged, notes } = proposeMerge(path, base, mine, theirs);
    files.push({ path, kind: kindOf(path), base, mine, theirs, merged, mergeNotes: notes });
  }
  const names = files.map((f) => f.path).join(', ');
  return {
    files,
    message: `You and someone else both changed ${names}. Choose, for each file, your version, theirs, or the combined version; the sync finishes when every file is settled. Until then the app keeps your version.`,
  };
}

type MergeStep = { kind: 'merged' } | { kind: 'conflict'; conflict: SyncConflictView } | { kind: 'failed'; error: ReturnType<typeof fail> };

async function mergeRemote(repo: Repo, me: string, branch: string): Promise<MergeStep> {
  const theirs = await refSha(repo, `refs/remotes/${REMOTE}/${branch}`);
  if (theirs === null) return { kind: 'merged' };
  const run = await repo.git([
    ...(await identityArgs(repo, me)),
    'merge',
    '--no-edit',
    '--no-verify',
    '--allow-unrelated-histories',
    '-m',
    `Factmark sync: ${me} merged ${REMOTE}/${branch}`,
    theirs,
  ]);
  if (run.code === 0) return { kind: 'merged' };
  if (!(await mergeInProgress(repo))) {
    return {
      kind: 'failed',
      error: fail('conflict', `Sync stopped before merging the remote's changes: git says "${gitComplaint(run)}". Nothing was changed here; commit or move the files it names, then sync again.`),
    };
  }
  const conflict = await conflictView(repo);
  // The working tree keeps "mine" (never conflict markers), so the app reads valid files meanwhile.
  for (const f of conflict.files) {
    const file = join(repo.dir, f.path);
    if (f.mine === null) await unlink(file).catch((err: unknown) => (isErrno(err, 'ENOENT') ? undefined : Promise.reject(err)));
    else await writeFileAtomic(file, f.mine);
  }
  return { kind: 'conflict', conflict };
}

type PushStep = 'pushed' | 'nothing' | 'rejected' | { error: ReturnType<typeof fail> };

async function pushBranch(repo: Repo, branch: string): Promise<PushStep> {
  const head = await headSha(repo);
  if (head === null) return 'nothing';
  const remoteHead = await refSha(repo, `refs/remotes/${REMOTE}/${branch}`);
  if (remoteHead === head) return 'nothing';
  const run = await repo.git(['push', '--porcelain', '-u', REMOTE, `HEAD:refs/heads/${branch}`], { timeoutMs: NETWORK_TIMEOUT_MS });
  if (run.code === 0) return 'pushed';
  if (/\[rejected\]|non-fast-forward|fetch first|\(stale info\)/.test(`${run.stdout}\n${run.stderr}`)) return 'rejected';
  const url = (await remoteUrl(repo)) ?? REMOTE;
  return { error: fail('io', `Your changes are committed here but could not be sent to ${url}: git says "${gitComplaint(run)}". Nothing was lost; sync again once this is fixed.`) };
}

/** Fetch, merge and push; when the remote moved between fetch and push, once more. */
async function exchange(repo: Repo, me: string, branch: string, committed: SyncCommitted | null, base: string | null, now: Date): Promise<Result<SyncOutcome>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const fetched = await fetchRemote(repo, committed);
    if (!fetched.ok) return fetched;
    const merged = await mergeRemote(repo, me, branch);
    if (merged.kind === 'failed') return merged.error;
    if (merged.kind === 'conflict') return ok({ state: 'conflict', at: now.toISOString(), committed, conflict: merged.conflict });
    const pushed = await pushBranch(repo, branch);
    if (pushed === 'rejected') continue;
    if (typeof pushed === 'object') return pushed.error;
    const incoming = await incomingBetween(repo.git, repo.dir, me, base ?? EMPTY_TREE);
    await writeSyncState(repo.dir, { lastSyncAt: now.toISOString(), lastIncoming: incoming });
    return ok({ state: 'synced', at: now.toISOString(), committed, pushed: pushed === 'pushed', incoming });
  }
  return fail('conflict', 'The remote kept changing while syncing (someone else is syncing right now); your changes are committed here. Sync again in a moment.');
}

async function readyRepo(dir: string): Promise<Result<{ repo: Repo; branch: string }>> {
  const opened = await openRepo(dir);
  if (!opened.ok) return opened;
  const repo = opened.value;
  const branch = await currentBranch(repo);
  if (branch === null) return fail('invalid-input', 'The project\'s repository is not on a branch (detached HEAD); check out a branch in git, then sync.');
  if ((await remoteUrl(repo)) === null) return fail('invalid-input', 'No remote is set for this project; set one (a URL, or the path of a shared folder) and sync again.');
  await ensureLocalStateIgnored(dir);
  return ok({ repo, branch });
}

/** Sync: commit mine, fetch, merge, push; answers what came in, or a conflict to resolve. */
export async function syncProject(dir: string, me: string, now: Date): Promise<Result<SyncOutcome>> {
  const ready = await readyRepo(dir);
  if (!ready.ok) return ready;
  const { repo, branch } = ready.value;
  if (await mergeInProgress(repo)) {
    return ok({ state: 'conflict', at: now.toISOString(), committed: null, conflict: await conflictView(repo) });
  }
  const committed = await commitOwn(repo, me);
  if (!committed.ok) return committed;
  return exchange(repo, me, branch, committed.value, await headSha(repo), now);
}

export interface SyncResolution {
  path: string;
  choice: SyncResolutionChoice;
  /** The merged content the user confirmed (choice 'merged'). */
  content?: string | undefined;
}

/**
 * Settle a sync that stopped on a conflict: every conflicted file gets mine, theirs or a
 * merged version (checked against its schema), then the merge is committed and pushed. `abort`
 * gives up the merge instead: the project is as it was before the sync's merge (your commit stays).
 */
export async function resolveSyncConflict(
  dir: string,
  me: string,
  { resolutions, abort = false }: { resolutions: readonly SyncResolution[]; abort?: boolean },
  now: Date,
): Promise<Result<SyncOutcome>> {
  const ready = await readyRepo(dir);
  if (!ready.ok) return ready;
  const { repo, branch } = ready.value;
  if (!(await mergeInProgress(repo))) return fail('not-found', 'No sync conflict is waiting in this project; sync again.');
  if (abort) {
    const aborted = await must(repo, ['merge', '--abort'], 'The merge could not be abandoned');
    if (!aborted.ok) return aborted;
    return ok({ state: 'aborted', at: now.toISOString(), message: 'The merge was abandoned: the project is as it was before it, with your changes committed here but not sent. Sync again when ready.' });
  }
  const conflict = await conflictView(repo);
  const byPath = new Map(resolutions.map((r) => [r.path, r]));
  const missing = conflict.files.filter((f) => !byPath.has(f.path)).map((f) => f.path);
  if (missing.length) return fail('invalid-input', `Choose a version for ${missing.join(', ')} too; nothing was changed.`);
  const unknown = resolutions.filter((r) => !conflict.files.some((f) => f.path === r.path)).map((r) => r.path);
  if (unknown.length) return fail('invalid-input', `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in conflict; nothing was changed.`);
  const writes: { path: string; content: string | null }[] = [];
  for (const f of conflict.files) {
    const r = byPath.get(f.path) as SyncResolution;
    if (r.choice === 'mine') writes.push({ path: f.path, content: f.mine });
    else if (r.choice === 'theirs') writes.push({ path: f.path, content: f.theirs });
    else {
      if (r.content === undefined) return fail('invalid-input', `The merged version of ${f.path} is missing; nothing was changed.`);
      const checked = normaliseContent(f.path, r.content);
      if (!checked.ok) return fail('invalid-input', `${checked.message} Nothing was changed; edit the merged version or choose mine or theirs.`);
      writes.push({ path: f.path, content: checked.content });
    }
  }
  for (const w of writes) {
    const file = join(dir, w.path);
    if (w.content === null) await unlink(file).catch((err: unknown) => (isErrno(err, 'ENOENT') ? undefined : Promise.reject(err)));
    else await writeFileAtomic(file, w.content);
  }
  const added = await must(repo, ['add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], 'The resolved files could not be staged', nul(writes.map((w) => w.path)));
  if (!added.ok) return added;
  const committed = await must(repo, [...(await identityArgs(repo, me)), 'commit', '-q', '--no-edit', '--no-verify'], 'The merge could not be committed');
  if (!committed.ok) return committed;
  // What came in is measured from this side's last commit before the merge.
  const base = await refSha(repo, 'HEAD^1');
  const paths = writes.map((w) => w.path);
  return exchange(repo, me, branch, { files: paths.length, message: `the merge, with ${paths.join(', ')} settled` }, base, now);
}
