import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import { isInside, realTarget } from './pathConfinement';

/**
 * Reading and writing a project's files (docs/security.md, "What a project folder can make
 * Factmark do"). A project arrives from others (git, a zip), so any of its files may be a
 * symbolic link out of it, a named pipe (opening it would wait forever), a device (/dev/zero
 * never ends) or simply huge. Every read of a project file goes through `readProjectBytes` (or
 * its synchronous twin): the file must really lie inside the project's real folder, be a regular
 * file, and be no larger than its kind's limit. Every write goes through `checkProjectWrite`
 * first (atomicJson.writeFileAtomic calls it): the folder written into, and the file if it is a
 * link, must really lie inside the project. Files outside any project (settings, exports, the
 * user's own import files) get the same regular-file and size checks, without the confinement.
 */

const MB = 1024 * 1024;

/**
 * The largest file of each kind Factmark reads. A document text is the UTF-8 of an imported file
 * of at most MAX_IMPORT_BYTES; a single-byte encoding can grow up to three times in UTF-8.
 * JSON files (annotations, entities, claims, caches, history) carry at most a few hundred bytes
 * per span of such a text.
 */
export const READ_LIMITS = {
  text: 3 * MAX_IMPORT_BYTES,
  json: 64 * MB,
} as const;
export type FileKind = keyof typeof READ_LIMITS;

/** A project file Factmark will not read or write, with the sentence that says why. */
export class ProjectFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export type ProjectRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'missing' }
  /** The file itself cannot be read as a project file (a link out, a pipe, a device, too large); `message` says why ("it is ..."). */
  | { ok: false; reason: 'unreadable'; message: string };

/** Project folders opened in this process, each with its real path. */
const roots = new Map<string, string>();

/**
 * From now on, every file under `dir` is read and written only inside its real folder. Called
 * with each project folder as it is read or written (projectStore.readProjectFile,
 * writeProjectFile).
 */
export function confineToProject(dir: string): void {
  const lexical = resolve(dir);
  if (roots.has(lexical)) return;
  roots.set(lexical, realpathSync.native(lexical));
}

/** The project folder `file` lies in (the innermost one), with its real path. */
function projectOf(file: string): { root: string; real: string } | null {
  const path = resolve(file);
  let best: { root: string; real: string } | null = null;
  for (const [root, real] of roots) {
    if ((path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)) && (!best || root.length > best.root.length)) best = { root, real };
  }
  return best;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
const isErrnoCode = (err: unknown, ...codes: string[]) => typeof err === 'object' && err !== null && codes.includes((err as NodeJS.ErrnoException).code ?? '');

function notRegular(st: Stats): string {
  const what = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'a special file';
  return `it is ${what}, not a regular file; Factmark reads only regular files in a project. Remove it or replace it with the real file.`;
}

/** `size`: as the file said; null: it grew past the limit while being read. */
const tooLarge = (size: number | null, kind: FileKind) =>
  `it is ${size === null ? `larger than ${mb(READ_LIMITS[kind])} (it grew while being read)` : mb(size)}; Factmark reads ${kind === 'text' ? 'document texts' : 'project JSON files'} of at most ${mb(READ_LIMITS[kind])}. Remove or shorten it.`;

const folderOutside = (file: string, realDir: string, root: string) =>
  new ProjectFileError(file, `${file}: its folder leads outside the project (to ${realDir}); Factmark reads and writes only inside ${root}. Replace the link with a real folder.`);

const linkOutside = (real: string) => `it is a link to ${real}, outside the project; Factmark reads only files inside the project. Replace the link with the real file.`;

/** O_NONBLOCK: opening a named pipe must not wait for a writer. O_NOFOLLOW: the path was resolved already. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** Where `file` really is, or the answer when it cannot be read there. Throws when its folder leads out. */
function judgeReal(file: string, real: string, realDirOf: () => string): ProjectRead | null {
  const project = projectOf(file);
  if (!project || isInside(project.real, real)) return null;
  const realDir = realDirOf();
  if (!isInside(project.real, realDir)) throw folderOutside(file, realDir, project.root);
  return { ok: false, reason: 'unreadable', message: linkOutside(real) };
}

/** Read a whole project file of `kind` (see the module comment). Other I/O errors are thrown. */
export async function readProjectBytes(file: string, kind: FileKind): Promise<ProjectRead> {
  let real: string;
  try {
    real = await realpath(file);
  } catch (err) {
    if (isErrnoCode(err, 'ENOENT', 'ENOTDIR')) {
      // Not there (or a dangling link): unless its folder leads out of the project.
      const project = projectOf(file);
      if (project) {
        const realDir = await realpath(dirname(file)).catch(() => null);
        if (realDir !== null && !isInside(project.real, realDir)) throw folderOutside(file, realDir, project.root);
      }
      return { ok: false, reason: 'missing' };
    }
    if (isErrnoCode(err, 'ELOOP')) return { ok: false, reason: 'unreadable', message: 'it is a link that leads in a circle; Factmark cannot read it.' };
    throw err;
  }
  const judged = judgeReal(file, real, () => realpathSync.native(dirname(file)));
  if (judged) return judged;
  let handle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (err) {
    if (isErrnoCode(err, 'ENOENT')) return { ok: false, reason: 'missing' };
    if (isErrnoCode(err, 'ELOOP', 'ENXIO')) return { ok: false, reason: 'unreadable', message: 'it changed while it was being read (it became a link or a pipe); Factmark did not read it.' };
    throw err;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: 'unreadable', message: notRegular(st) };
    const limit = READ_LIMITS[kind];
    if (st.size > limit) return { ok: false, reason: 'unreadable', message: tooLarge(st.size, kind) };
    // Read to the end, but never past the limit (the file may grow while it is read).
    let buffer: Buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(st.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > limit) return { ok: false, reason: 'unreadable', message: tooLarge(null, kind) };
        buffer = grow(buffer, length, limit);
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return { ok: true, bytes: buffer.subarray(0, length) };
      length += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

function grow(buffer: Buffer, length: number, limit: number): Buffer {
  const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
  buffer.copy(grown, 0, 0, length);
  return grown;
}

/** readProjectBytes, synchronously (for loops over thousands of small files that yield between batches). */
export function readProjectBytesSync(file: string, kind: FileKind): ProjectRead {
  let real: string;
  try {
    real = realpathSync.native(file);
  } catch (err) {
    if (isErrnoCode(err, 'ENOENT', 'ENOTDIR')) {
      const project = projectOf(file);
      if (project) {
        let realDir: string | null = null;
        try {
          realDir = realpathSync.native(dirname(file));
        } catch {
          // The folder is gone too: nothing there.
        }
        if (realDir !== null && !isInside(project.real, realDir)) throw folderOutside(file, realDir, project.root);
      }
      return { ok: false, reason: 'missing' };
    }
    if (isErrnoCode(err, 'ELOOP')) return { ok: false, reason: 'unreadable', message: 'it is a link that leads in a circle; Factmark cannot read it.' };
    throw err;
  }
  const judged = judgeReal(file, real, () => realpathSync.native(dirname(file)));
  if (judged) return judged;
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (err) {
    if (isErrnoCode(err, 'ENOENT')) return { ok: false, reason: 'missing' };
    if (isErrnoCode(err, 'ELOOP', 'ENXIO')) return { ok: false, reason: 'unreadable', message: 'it changed while it was being read (it became a link or a pipe); Factmark did not read it.' };
    throw err;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'unreadable', message: notRegular(st) };
    const limit = READ_LIMITS[kind];
    if (st.size > limit) return { ok: false, reason: 'unreadable', message: tooLarge(st.size, kind) };
    let buffer: Buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(st.size + 1, 64 * 1024)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > limit) return { ok: false, reason: 'unreadable', message: tooLarge(null, kind) };
        buffer = grow(buffer, length, limit);
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return { ok: true, bytes: buffer.subarray(0, length) };
      length += bytesRead;
    }
  } finally {
    closeSync(fd);
  }
}

/** A project file that must be readable: its bytes, null when missing; anything else is thrown as a ProjectFileError. */
export async function readProjectFileOrThrow(file: string, kind: FileKind): Promise<Buffer | null> {
  const read = await readProjectBytes(file, kind);
  if (read.ok) return read.bytes;
  if (read.reason === 'missing') return null;
  throw new ProjectFileError(file, `${file}: ${read.message}`);
}

/** readProjectFileOrThrow, synchronously. */
export function readProjectFileOrThrowSync(file: string, kind: FileKind): Buffer | null {
  const read = readProjectBytesSync(file, kind);
  if (read.ok) return read.bytes;
  if (read.reason === 'missing') return null;
  throw new ProjectFileError(file, `${file}: ${read.message}`);
}

/**
 * Before a project file is written (or created, with its folders): the folder must really lie
 * inside the project, and so must the file when it is a link (a write follows it). Throws a
 * ProjectFileError saying why not.
 */
export async function checkProjectWrite(file: string): Promise<void> {
  const project = projectOf(file);
  if (!project) return;
  const realDir = await realTarget(dirname(resolve(file)));
  if (!isInside(project.real, realDir)) throw folderOutside(file, realDir, project.root);
  const st = await lstat(file).catch(() => null);
  if (st?.isSymbolicLink()) {
    const real = await realTarget(file);
    if (!isInside(project.real, real)) throw new ProjectFileError(file, `${file} is a link to ${real}, outside the project; Factmark writes only inside the project, so nothing was written. Replace the link with a real file.`);
  }
}
