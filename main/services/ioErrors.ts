import { fail, type AppError } from '../../shared/api/result';
import { ProjectFileError } from './projectFiles';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  ENOENT: 'not found',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of the path is not a folder',
  EMFILE: 'too many files are open',
  EBUSY: 'the file is in use',
  ENAMETOOLONG: 'the path is too long',
  EIO: 'the disk reported an input/output error',
  EFBIG: 'the file is too large for this disk',
  EMLINK: 'the folder holds too many entries',
};

/**
 * A file-system error as a user-facing failure that names the file, or null when `err` is not
 * one (then it is a bug, reported as 'internal' by the caller).
 */
export function ioFailure(err: unknown): { ok: false; error: AppError } | null {
  if (err instanceof ProjectFileError) return fail('io', err.message, err.file);
  if (typeof err !== 'object' || err === null) return null;
  const e = err as NodeJS.ErrnoException & { dest?: string };
  if (typeof e.code !== 'string' || typeof e.syscall !== 'string') return null;
  const file = e.path ?? e.dest;
  const reason = REASONS[e.code] ?? e.message;
  return file ? fail('io', `${file}: ${reason}.`, file) : fail('io', `A file operation failed: ${reason}.`);
}

/**
 * Attach the file (or folder) an I/O error is about when the error itself does not say: a failed
 * write() (ENOSPC, EDQUOT, EIO) carries no path, and a temp file's name means nothing to a user.
 * Answers the same error object.
 */
export function withPath<E>(err: E, file: string): E {
  const e = err as unknown as (NodeJS.ErrnoException & { dest?: string }) | null;
  if (typeof e === 'object' && e !== null && typeof e.code === 'string') {
    const named = e.path ?? e.dest;
    if (named === undefined || /\.tmp$/.test(named)) {
      e.path = file;
      delete e.dest;
      if (typeof e.syscall !== 'string') e.syscall = 'write';
    }
  }
  return err;
}

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
