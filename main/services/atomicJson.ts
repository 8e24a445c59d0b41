import { open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { describeZodError } from '../../shared/model/schemas';
import { checkProjectWrite, readProjectBytes, readProjectBytesSync, type ProjectRead } from './projectFiles';
import { makeFolder } from './makeFolder';
import { withPath } from './ioErrors';
import { isErrno } from './errno';
import { tempPathFor } from './tempFiles';

/**
 * Every file Factmark writes goes through here: temp file + fsync + rename, so a crash or a full
 * disk never leaves a half-written project file behind. Writes to one path are queued in call
 * order, so the last save requested is the one left on disk.
 */
const pendingWrites = new Map<string, Promise<void>>();

/**
 * What a file is written from: its whole content, or its pieces in order (a review set of 200,000
 * claims is hundreds of MB; written piece by piece it is never one string).
 */
export type FileData = string | Uint8Array | Iterable<string>;

/** Pieces are gathered to about this many characters per write() call. */
const WRITE_PIECE = 1 << 20;

async function writeData(handle: FileHandle, data: FileData): Promise<void> {
  if (typeof data === 'string' || data instanceof Uint8Array) {
    await handle.writeFile(data);
    return;
  }
  let pending: string[] = [];
  let size = 0;
  for (const piece of data) {
    pending.push(piece);
    size += piece.length;
    if (size >= WRITE_PIECE) {
      // writeFile, not write: it writes from the current position and loops until all is written.
      await handle.writeFile(pending.join(''));
      pending = [];
      size = 0;
    }
  }
  if (size > 0) await handle.writeFile(pending.join(''));
}

/**
 * Write `data` to a temp file beside `file` (named by its owner, tempFiles.ts), flush it to disk
 * and answer its path; the caller renames it into place (or removes it). An error names `file`,
 * also when the disk is full (a failed write() does not say which file it was).
 */
export async function writeTempFor(file: string, data: FileData, opts: { fsync?: boolean; mode?: number } = {}): Promise<string> {
  // Inside the project only (projectFiles.ts): never through a link out of it.
  await checkProjectWrite(file);
  const tmp = tempPathFor(file);
  try {
    const handle = await open(tmp, 'wx');
    try {
      if (opts.mode !== undefined) await handle.chmod(opts.mode);
      await writeData(handle, data);
      if (opts.fsync !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    return tmp;
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw withPath(err, file);
  }
}

/** The permission bits of an existing file (kept when it is replaced); undefined when there is none. */
async function existingMode(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Temp file, fsync, rename over `file` (no queue: see writeFileAtomic). */
export async function replaceFile(file: string, data: FileData): Promise<void> {
  // Inside the project only (projectFiles.ts): never through a link out of it.
  await checkProjectWrite(file);
  await makeFolder(dirname(file)).catch((err: unknown) => {
    throw withPath(err, dirname(file));
  });
  // A replaced file keeps its permissions.
  const mode = await existingMode(file);
  const tmp = await writeTempFor(file, data, mode !== undefined ? { mode } : {});
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw withPath(err, file);
  }
}

export function writeFileAtomic(file: string, data: FileData): Promise<void> {
  const previous = pendingWrites.get(file) ?? Promise.resolve();
  const write = previous.catch(() => undefined).then(() => replaceFile(file, data));
  pendingWrites.set(file, write);
  const forget = () => {
    if (pendingWrites.get(file) === write) pendingWrites.delete(file);
  };
  write.then(forget, forget);
  return write;
}

/**
 * The one JSON layout of the project format: 2-space indent and a final newline. Key order is
 * the insertion order, so callers build objects in the schema's order (stable diffs in git).
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, stableJson(value));
}

export type JsonReadResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'invalid'; message: string };

/**
 * Read and validate a JSON file. A missing file and an invalid one are answers (callers decide
 * what each means); any other I/O error (permissions, ...) is thrown for the caller's boundary,
 * and so is a folder that leads out of the project (projectFiles.ts).
 */
export async function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
): Promise<JsonReadResult<z.output<S>>> {
  return parseRead(await readProjectBytes(file, 'json'), schema);
}

/** A file that is not there is 'missing'; one that cannot be read as a project file (projectFiles.ts) is 'invalid'. */
function parseRead<S extends z.ZodType>(read: ProjectRead, schema: S): JsonReadResult<z.output<S>> {
  if (!read.ok) return read.reason === 'missing' ? { ok: false, reason: 'missing' } : { ok: false, reason: 'invalid', message: read.message };
  return parseJsonText(read.bytes.toString('utf8'), schema);
}

/**
 * readJsonFile with a synchronous read, for loops over thousands of small files (an export, a
 * listing) that yield to the event loop between batches: one readFileSync of a few KiB costs a
 * fraction of the open/fstat/read/close round trips of fs/promises.
 */
export function readJsonFileSync<S extends z.ZodType>(file: string, schema: S): JsonReadResult<z.output<S>> {
  return parseRead(readProjectBytesSync(file, 'json'), schema);
}

function parseJsonText<S extends z.ZodType>(raw: string, schema: S): JsonReadResult<z.output<S>> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (err) {
    return { ok: false, reason: 'invalid', message: `not valid JSON (${(err as Error).message})` };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { ok: false, reason: 'invalid', message: unsupportedVersion(parsed.error, data) ?? describeZodError(parsed.error) };
  return { ok: true, value: parsed.data };
}

/**
 * A file of another schemaVersion (most likely written by a newer Factmark) is named as such,
 * with both versions, rather than as a generic "Invalid input".
 */
function unsupportedVersion(error: z.ZodError, data: unknown): string | null {
  const issue = error.issues.find((i) => i.path.length === 1 && i.path[0] === 'schemaVersion' && i.code === 'invalid_value');
  if (!issue || issue.code !== 'invalid_value') return null;
  const found = (data as { schemaVersion?: unknown }).schemaVersion;
  if (found === undefined) return null;
  return `schemaVersion ${JSON.stringify(found)} is not supported: this version of Factmark reads schemaVersion ${issue.values.map((v) => String(v)).join(' or ')} (was the file written by a newer Factmark?).`;
}

/** A folder's entry names; a folder that does not exist (yet) has none. Other errors are thrown. */
export async function readdirOrEmpty(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
}

/** Whether a path exists (any other I/O error is thrown for the caller's boundary). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

// Re-exported for the many services that read it from here; it lives in errno.ts so that the
// modules atomicJson builds on can use it without importing atomicJson back.
export { isErrno };
