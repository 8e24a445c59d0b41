import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { configArgs, fixedSettings, isLocalRemote, isolate, isTrusted, packProgram, parseConfigList, type ConfigEntry, type Isolation } from './gitIsolation';
import { repoBoundsProblem, repositoryHolder } from './gitRepoBounds';

/**
 * Runs the system `git` for project sync (gitSync.ts). execFile, never a shell: arguments are
 * passed as they are, so file and annotator names cannot be read as commands. Why the system
 * git rather than isomorphic-git: it is the engine the team's remotes are already used with
 * (SSH keys, credential helpers, any transport, shared-drive bare repositories), it merges
 * with the same rules a person resolving by hand in a terminal would see, and it leaves a
 * repository any git tool understands mid-merge. The price is a dependency on a program the
 * user installs; its absence is answered with a sentence saying so (GitMissingError).
 */
export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when Factmark did not run git at all, with the sentence saying why (gitRepoBounds.ts, gitIsolation.ts). */
  refused?: string;
}

export class GitMissingError extends Error {
  constructor() {
    super('Sync needs git, which was not found on this computer. Install git (https://git-scm.com/downloads, or your system\'s package manager) and try again.');
  }
}

export interface GitOptions {
  /** Written to git's standard input. */
  input?: string;
  /** Network operations (fetch, push) may take a while; killed after this. */
  timeoutMs?: number;
}

export type Git = (args: readonly string[], options?: GitOptions) => Promise<GitRun>;

const LOCAL_TIMEOUT_MS = 120_000;

/**
 * The environment every git call runs in: no prompts (the app has no terminal), stable messages,
 * and none of the variables that would point git at another repository, index or work tree.
 */
function gitEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: 'C', GIT_LITERAL_PATHSPECS: '1', ...extra };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES']) delete env[name];
  return env;
}

/**
 * The folder core.hooksPath points at: empty, made by Factmark (mode 0700) and removed when the
 * process exits, so no hook of the repository (.git/hooks) or of a local remote ever runs.
 */
let hooksDir: string | null = null;
export function emptyHooksDir(): string {
  if (hooksDir !== null) {
    try {
      if (readdirSync(hooksDir).length === 0) return hooksDir;
    } catch {
      // Removed from under us: make another.
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'factmark-no-hooks-'));
  if (hooksDir === null) process.once('exit', () => rmSync(hooksDir ?? dir, { recursive: true, force: true }));
  hooksDir = dir;
  return dir;
}

/** One run of git, exactly as given (the isolation is added by createGit). */
function spawnGit(binary: string, cwd: string, args: readonly string[], env: NodeJS.ProcessEnv, options: GitOptions = {}): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      binary,
      args,
      { cwd, env, maxBuffer: 512 * 1024 * 1024, timeout: options.timeoutMs ?? LOCAL_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT' && typeof (error as { path?: unknown }).path === 'string') {
          reject(new GitMissingError());
          return;
        }
        const killed = error && (error as { killed?: boolean }).killed;
        const code = error ? (typeof error.code === 'number' ? error.code : killed ? 124 : 1) : 0;
        resolve({ code, stdout, stderr: killed ? `${stderr}\ngit took too long and was stopped.` : stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}

const refused = (message: string): GitRun => ({ code: 128, stdout: '', stderr: `fatal: ${message}`, refused: message });

/** The subcommand's index in `args` (after any `-c key=value` pairs), or -1. */
function subcommandAt(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c') i++;
    else if (!(args[i] as string).startsWith('-')) return i;
  }
  return -1;
}

const PACK_PROGRAM: Record<string, { kind: 'upload-pack' | 'receive-pack'; push: boolean }> = {
  fetch: { kind: 'upload-pack', push: false },
  'ls-remote': { kind: 'upload-pack', push: false },
  push: { kind: 'receive-pack', push: true },
};

/** Subcommands that may change a repository's config: the settings are read again after them. */
const WRITES_CONFIG = new Set(['init', 'config', 'remote', 'push', 'branch', 'clone', 'submodule', 'worktree', 'maintenance']);

/**
 * The identity of the config files a listing came from; while none changed, the listing stands.
 * null (read again every time): no repository yet, or the repository's config includes other
 * files (an include may name a file a merge changes, or apply only on some branch).
 */
type Stamp = { file: string; id: string }[];
const fileId = (file: string) => {
  const st = statSync(file, { bigint: true, throwIfNoEntry: false });
  return st ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}` : null;
};
function stampOf(entries: readonly ConfigEntry[], top: string | null): Stamp | null {
  if (top === null || entries.some((e) => !isTrusted(e) && /^include(if\..+)?\.path$/.test(e.key))) return null;
  const files = new Set(entries.filter((e) => e.origin.startsWith('file:')).map((e) => resolvePath(top, e.origin.slice('file:'.length))));
  if (!entries.some((e) => e.scope === 'local')) return null;
  const stamp: Stamp = [];
  for (const file of files) {
    const id = fileId(file);
    if (id === null) return null;
    stamp.push({ file, id });
  }
  return stamp;
}

interface Prepared {
  entries: ConfigEntry[];
  isolation: Isolation;
  env: NodeJS.ProcessEnv;
  stamp: Stamp | null;
}

/**
 * A git bound to one working folder; answers the exit code (never throws, except when git is
 * missing). Before a call it reads the effective settings with their scope (again whenever a
 * config file changed) and runs git with the repository's program-naming settings replaced
 * (gitIsolation.ts), hooks off, and, for a fetch or push, the other side's program fixed; a
 * repository whose working tree is elsewhere is refused (gitRepoBounds.ts). This is the only
 * place Factmark runs git.
 */
export function createGit(cwd: string, binary = 'git'): Git {
  let prepared: Prepared | null = null;

  async function prepare(fixed: readonly string[]): Promise<Prepared | GitRun> {
    if (prepared?.stamp && prepared.stamp.every((f) => fileId(f.file) === f.id)) return prepared;
    prepared = null;
    const listing = await spawnGit(binary, cwd, [...fixed, 'config', '--list', '--show-scope', '--show-origin', '-z'], gitEnv({}));
    if (listing.code !== 0) {
      if (/unknown option|usage:/.test(listing.stderr)) return refused('Sync needs git 2.26 or newer; update git and try again.');
      return listing;
    }
    const entries = parseConfigList(listing.stdout);
    const isolation = isolate(entries, process.env, binary);
    const top = await repositoryHolder(cwd);
    return { entries, isolation, env: gitEnv(isolation.env), stamp: stampOf(entries, top) };
  }

  return async (args, options = {}) => {
    const hooks = emptyHooksDir();
    const fixed = configArgs([['core.quotepath', 'false'], ['core.autocrlf', 'false'], ...fixedSettings(hooks)]);
    const ready = await prepare(fixed);
    if ('code' in ready) return ready;
    const { entries, isolation, env } = ready;
    const run = (more: readonly string[], opts?: GitOptions) => spawnGit(binary, cwd, [...fixed, ...configArgs(isolation.settings), ...more], env, opts);
    const bounds = await repoBoundsProblem(cwd, entries, async () => {
      const top = await run(['rev-parse', '--show-toplevel']);
      return top.code === 0 ? top.stdout.trim() : null;
    });
    if (bounds !== null) return refused(bounds);
    const at = subcommandAt(args);
    const subcommand = at >= 0 ? (args[at] as string) : '';
    if (WRITES_CONFIG.has(subcommand)) prepared = null;
    else prepared = ready;
    const pack = PACK_PROGRAM[subcommand];
    if (!pack) return run(args, options);
    if (isolation.networkRefusal !== null) return refused(isolation.networkRefusal);
    // The remote: the first argument after the subcommand that is not an option (a name or a URL).
    const remote = args.slice(at + 1).find((a) => !a.startsWith('-'));
    let urls = remote === undefined ? [] : [remote];
    if (remote !== undefined) {
      const named = await run(['remote', 'get-url', '--all', ...(pack.push ? ['--push'] : []), remote]);
      if (named.code === 0) urls = named.stdout.split('\n').filter(Boolean);
    }
    const local = urls.some(isLocalRemote);
    if (local && urls.some((u) => !isLocalRemote(u))) return refused(`the remote "${remote ?? ''}" mixes folders and network addresses; give it one kind of address.`);
    const flag = `--${pack.kind}=${packProgram(pack.kind, local, binary, hooks)}`;
    return run([...args.slice(0, at + 1), flag, ...args.slice(at + 1)], options);
  };
}

/** `git --version` as "2.39.5", or null when git cannot be run. */
export async function gitVersion(binary = 'git'): Promise<string | null> {
  try {
    // `--version` reads no repository: run as it is, from a folder that is not one.
    const run = await spawnGit(binary, tmpdir(), ['--version'], gitEnv({}));
    return run.code === 0 ? (/(\d+\.\d+(?:\.\d+)?)/.exec(run.stdout)?.[1] ?? run.stdout.trim()) : null;
  } catch (err) {
    if (err instanceof GitMissingError) return null;
    throw err;
  }
}

/** The first meaningful line of git's complaint, for a user-facing sentence. */
export function gitComplaint(run: GitRun): string {
  const lines = `${run.stderr}\n${run.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('hint:'));
  const fatal = lines.find((l) => /^(fatal|error):/.test(l));
  return (fatal ?? lines[0] ?? `git exited with code ${run.code}`).replace(/^(fatal|error):\s*/, '');
}
