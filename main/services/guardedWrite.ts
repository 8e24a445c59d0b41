import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isErrno, replaceFile, writeTempFor } from './atomicJson';
import { withFileLock } from './fileLock';
import { withPath } from './ioErrors';

/**
 * Compare-and-write of one project file: replace it only if it still holds the bytes the caller
 * read, atomically with respect to other writers.
 *
 * 1. Take the file's lock (fileLock.ts): no other Factmark process or window writes it meanwhile.
 * 2. Read it: not what the caller expects → refused (nothing written, nothing displaced).
 * 3. `beforeReplace` (keep the version about to be replaced), then write the new bytes to a temp
 *    file and flush them.
 * 4. Open the file and compare once more, right before the rename: a program that does not take
 *    our lock (an editor, a sync client, git) and wrote in between is caught here.
 * 5. Rename the temp over the file. The bytes at (4) are read through an open handle: if a
 *    program rewrote the file in place between (4) and (5), the handle now shows what the rename
 *    displaced; that version is put back and ours kept in History, and the write answers as refused.
 *
 * What remains: a program that replaces the file by its own rename in the microseconds between
 * (4) and (5) is still replaced; no portable system call swaps two files atomically.
 */
export interface GuardedWrite {
  dir: string;
  file: string;
  /** The bytes the caller read and based its new content on; null: there was no file. */
  expected: string | null;
  content: string;
  /** Under the lock, once the file is known to hold `expected` (not called when there is none). */
  beforeReplace?: (current: string) => Promise<void>;
  /** Keep a version that only History will hold (ours, when a race put theirs back). */
  keep: (raw: string) => Promise<void>;
  /** Tests only: runs after the temp file is written, before the last check (the window a racing writer hits). */
  beforeFinalCheck?: () => Promise<void>;
  /** Tests only: runs after the last check, right before the rename. */
  beforeRename?: () => Promise<void>;
}

export type GuardedWriteResult = { ok: true } | { ok: false; current: string | null; displaced: boolean };

async function readHandle(handle: FileHandle): Promise<string> {
  const { size } = await handle.stat();
  const buffer = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const { bytesRead } = await handle.read(buffer, read, size - read, read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return buffer.subarray(0, read).toString('utf8');
}

async function openIfExists(file: string): Promise<FileHandle | null> {
  try {
    return await open(file, 'r');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

export function guardedWrite(input: GuardedWrite): Promise<GuardedWriteResult> {
  const { dir, file, expected, content } = input;
  return withFileLock(dir, file, async () => {
    let handle = await openIfExists(file);
    let mode: number | undefined;
    try {
      const current = handle ? await readHandle(handle) : null;
      if (handle) mode = (await handle.stat()).mode & 0o7777;
      if (current !== expected) return { ok: false, current, displaced: false };
      if (current !== null) await input.beforeReplace?.(current);
    } finally {
      await handle?.close();
      handle = null;
    }
    await mkdir(dirname(file), { recursive: true }).catch((err: unknown) => {
      throw withPath(err, dirname(file));
    });
    // The file keeps its permissions.
    const tmp = await writeTempFor(file, content, mode !== undefined ? { mode } : {});
    try {
      await input.beforeFinalCheck?.();
      handle = await openIfExists(file);
      const now = handle ? await readHandle(handle) : null;
      if (now !== expected) {
        await rm(tmp, { force: true });
        return { ok: false, current: now, displaced: false };
      }
      await input.beforeRename?.();
      await rename(tmp, file).catch((err: unknown) => {
        throw withPath(err, file);
      });
      // What the rename displaced, seen through the handle: an in-place rewrite that landed after the check.
      const displaced = handle ? await readHandle(handle) : null;
      if (handle && displaced !== null && displaced !== expected) {
        await input.keep(content);
        await replaceFile(file, displaced);
        return { ok: false, current: displaced, displaced: true };
      }
      return { ok: true };
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    } finally {
      await handle?.close();
    }
  });
}
