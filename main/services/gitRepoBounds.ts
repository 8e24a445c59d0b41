import { lstat, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { ConfigEntry } from './gitIsolation';
import { isInside } from './pathConfinement';
import { readProjectBytes } from './projectFiles';

/**
 * Git writes files into its working tree (a merge checks the other side's files out). The
 * working tree must be the folder that holds the repository (`.git`): a project's
 * `core.worktree` set to another folder, or a `.git` file pointing into an unrelated repository,
 * would make a sync write the remote's files, or commit and push, somewhere else on the computer.
 * Linked worktrees (`git worktree add`) and submodules are recognised by their pointers back.
 */

/** The folder holding the nearest `.git` at or above `start` (as git discovers it), with that entry. */
async function findDotGit(start: string): Promise<{ holder: string; dotGit: string } | null> {
  let dir = await realpath(start).catch(() => resolve(start));
  for (;;) {
    const dotGit = join(dir, '.git');
    try {
      await lstat(dotGit);
      return { holder: dir, dotGit };
    } catch {
      // Not here: up one.
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The folder holding the repository git finds from `cwd` (its working tree's top), or null. */
export async function repositoryHolder(cwd: string): Promise<string | null> {
  return (await findDotGit(cwd))?.holder ?? null;
}

/** A small pointer file's text; '' when missing or not a regular file (never waits on a pipe). */
const smallFile = async (file: string) => {
  const read = await readProjectBytes(file, 'json').catch(() => null);
  return read?.ok ? read.bytes.toString('utf8') : '';
};

const realOrSelf = (p: string) => realpath(p).catch(() => resolve(p));

/**
 * Why git may not be run in `cwd` (a sentence for the user), or null. `toplevel` asks git for its
 * working tree (`git rev-parse --show-toplevel`); it is only called when core.worktree is set.
 */
export async function repoBoundsProblem(cwd: string, entries: readonly ConfigEntry[], toplevel: () => Promise<string | null>): Promise<string | null> {
  const found = await findDotGit(cwd);
  if (!found) return null;
  const { holder, dotGit } = found;
  const worktreeSetting = entries.find((e) => e.key === 'core.worktree' && e.scope !== 'command');
  const st = await lstat(dotGit);
  if (st.isSymbolicLink()) {
    if (isInside(holder, await realOrSelf(dotGit))) return null;
    return `${dotGit} is a link to a repository elsewhere (${await realOrSelf(dotGit)}); Factmark syncs only a repository inside the project's folder.`;
  }
  if (st.isFile()) {
    const m = /^gitdir: (.+?)\s*$/m.exec(await smallFile(dotGit));
    // Not a gitfile git understands: git skips it, so does this check.
    if (!m?.[1]) return null;
    const gitDir = await realOrSelf(resolve(holder, m[1]));
    const linkedBack = async () => {
      // A linked worktree's git dir names the .git file that points to it.
      const back = (await smallFile(join(gitDir, 'gitdir'))).trim();
      return back !== '' && (await realOrSelf(resolve(gitDir, back))) === (await realOrSelf(dotGit));
    };
    if (!isInside(holder, gitDir) && !(await linkedBack()) && !worktreeSetting) {
      return `${dotGit} points to a repository elsewhere (${gitDir}) that does not point back to this folder; Factmark syncs only the project's own repository.`;
    }
  }
  if (worktreeSetting) {
    // A submodule's git dir names its working tree in core.worktree: it must be this folder.
    const top = await toplevel();
    if (top === null || (await realOrSelf(top)) !== holder) {
      return `this repository's settings put its working folder at ${top ?? worktreeSetting.value ?? '?'} (core.worktree), not at ${holder} where the repository is; Factmark does not sync it. Remove the setting (git config --unset core.worktree) to sync.`;
    }
  }
  return null;
}
