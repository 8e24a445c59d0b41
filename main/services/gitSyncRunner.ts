import { execFile } from 'node:child_process';

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

/** The environment every git call runs in: no prompts (the app has no terminal), stable messages. */
function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: 'C', GIT_LITERAL_PATHSPECS: '1' };
  // An SSH remote must fail with a message rather than wait for a password nobody can type.
  if (!env.GIT_SSH_COMMAND && !env.GIT_SSH) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  delete env.GIT_DIR;
  delete env.GIT_WORK_TREE;
  delete env.GIT_INDEX_FILE;
  return env;
}

/** A git bound to one working folder; answers the exit code (never throws, except when git is missing). */
export function createGit(cwd: string, binary = 'git'): Git {
  return (args, options = {}) =>
    new Promise((resolve, reject) => {
      const child = execFile(
        binary,
        // ext:: remotes run commands: never, whatever the user's configuration says.
        ['-c', 'core.quotepath=false', '-c', 'core.autocrlf=false', '-c', 'protocol.ext.allow=never', ...args],
        { cwd, env: gitEnv(), maxBuffer: 512 * 1024 * 1024, timeout: options.timeoutMs ?? LOCAL_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' },
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

/** `git --version` as "2.39.5", or null when git cannot be run. */
export async function gitVersion(binary = 'git'): Promise<string | null> {
  try {
    const run = await createGit(process.cwd(), binary)(['--version']);
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
