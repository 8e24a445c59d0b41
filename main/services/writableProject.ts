import { access, constants } from 'node:fs/promises';
import { isErrno } from './atomicJson';
import { localStateDir } from './localState';

/**
 * Whether Factmark may write to a project folder: a project on a read-only disk (a read-only
 * mount, a CD, a locked SD card) or in a folder without write permission opens read-only, with
 * this sentence as the reason, instead of failing on the first lock or temp file it would write.
 * Answers null when it may write.
 */
export async function unwritableReason(dir: string): Promise<string | null> {
  for (const folder of [dir, localStateDir(dir)]) {
    try {
      await access(folder, constants.W_OK);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) continue; // .factmark/ is made on the first write
      const why = isErrno(err, 'EROFS')
        ? 'it is on a read-only disk'
        : isErrno(err, 'EACCES') || isErrno(err, 'EPERM')
          ? 'you do not have permission to write to it'
          : `it cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
      return `This project is open read-only: ${folder} cannot be changed (${why}). You can read it and export it to a folder you can write to; to edit it, copy the project folder somewhere writable.`;
    }
  }
  return null;
}
