import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrno } from './atomicJson';
import { annotatorDir } from './projectStore';
import { historyRoot } from './localState';
import { checkProjectWrite } from './projectFiles';

/** write-file-atomic's temp files: `<target>.<32-bit number>`, left behind only by a crash mid-save. */
const TEMP_OF_JSON = /^[A-Za-z0-9][A-Za-z0-9_-]*\.json\.\d{1,10}$/;

async function sweepFolder(folder: string): Promise<number> {
  // Never outside the project, whatever links its folders are (projectFiles.ts).
  if (!(await checkProjectWrite(join(folder, '_')).then(() => true, () => false))) return 0;
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return 0;
    throw err;
  }
  const temps = names.filter((n) => TEMP_OF_JSON.test(n));
  await Promise.all(temps.map((n) => rm(join(folder, n), { force: true })));
  return temps.length;
}

/**
 * Remove the temp files of saves that a crash interrupted, in the annotator's own folders. Only
 * called right after taking the annotator's lock: no other Factmark writes there then, so every
 * such file is an orphan (the real file beside it is the old or the new version, whole).
 */
export async function sweepInterruptedWrites(dir: string, annotator: string): Promise<number> {
  let removed = await sweepFolder(annotatorDir(dir, annotator));
  let docs: string[] = [];
  try {
    docs = await readdir(join(historyRoot(dir), annotator));
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  for (const doc of docs) removed += await sweepFolder(join(historyRoot(dir), annotator, doc));
  return removed;
}
