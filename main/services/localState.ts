import { join } from 'node:path';
import { writeFileAtomic } from './atomicJson';
import { readProjectBytes } from './projectFiles';

/**
 * `<project>/.factmark/`: state that belongs to this machine and this user, not to the team's
 * shared project: per-document history and the annotators' locks. It ignores itself in git (a
 * `.gitignore` of `*` inside it), so `git add .` never commits it and the project's own files
 * are left untouched.
 */
export const localStateDir = (dir: string) => join(dir, '.factmark');
export const historyRoot = (dir: string) => join(localStateDir(dir), 'history');
export const documentHistoryDir = (dir: string, annotator: string, docId: string) =>
  join(historyRoot(dir), annotator, docId);
export const locksDir = (dir: string) => join(localStateDir(dir), 'locks');
export const lockPath = (dir: string, annotator: string) => join(locksDir(dir), `${annotator}.lock`);

const GITIGNORE = '# Factmark: this machine\'s history and locks; never shared.\n*\n';

/** Make sure `.factmark/.gitignore` exists (written once, atomically). */
export async function ensureLocalStateIgnored(dir: string): Promise<void> {
  const file = join(localStateDir(dir), '.gitignore');
  const read = await readProjectBytes(file, 'json');
  if (read.ok && read.bytes.toString('utf8') === GITIGNORE) return;
  await writeFileAtomic(file, GITIGNORE);
}
