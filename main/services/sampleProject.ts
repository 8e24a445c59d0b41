import { chmod, cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno, pathExists } from './atomicJson';

export const sampleProjectDir = (dataDir: string) => join(dataDir, 'projects', 'sample');

/**
 * The sample project the user works in: a copy of the shipped corpus in the data folder, made
 * once. corpus/ itself is never written (it may be read-only inside an installed app), and an
 * existing copy is never replaced, since it holds the user's annotations.
 */
export async function ensureSampleProject(dataDir: string, corpusDir: string): Promise<string> {
  const target = sampleProjectDir(dataDir);
  if (await pathExists(target)) return target;
  const projectsDir = join(dataDir, 'projects');
  await mkdir(projectsDir, { recursive: true });
  // Copy to a temporary name, then rename: a crash mid-copy never leaves a half sample behind.
  const temp = join(projectsDir, `.sample-${process.pid}-${Date.now()}`);
  try {
    await cp(corpusDir, temp, { recursive: true, errorOnExist: true, force: false });
    await makeWritable(temp);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    // Another window made the copy at the same moment: use theirs.
    if ((isErrno(err, 'ENOTEMPTY') || isErrno(err, 'EEXIST')) && (await pathExists(target))) return target;
    throw err;
  }
  return target;
}

/** Packaged corpora can be read-only; the copy must accept new annotation folders. */
async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(path);
    else await chmod(path, 0o644);
  }
}
