import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { readProjectFileOrThrow } from './projectFiles';

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Text hashes keyed by file path, valid while mtime and size are unchanged: listing a project
 * compares every annotated document's hash, and re-reading megabytes of text on each listing
 * would make the document list slow on big projects.
 */
const cache = new Map<string, { mtimeMs: number; size: number; sha256: string }>();

/** A document text's bytes (projectFiles.ts: inside the project, a regular file, size-capped); a missing one is ENOENT. */
async function readTextBytes(file: string): Promise<Buffer> {
  const bytes = await readProjectFileOrThrow(file, 'text');
  if (bytes === null) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT', syscall: 'open', path: file });
  return bytes;
}

export async function hashTextFile(file: string): Promise<string> {
  const st = await stat(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.sha256;
  const bytes = await readTextBytes(file);
  const sha256 = sha256Hex(bytes);
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, sha256 });
  return sha256;
}

/** Read a document text (UTF-8 by the project format) with its hash, refreshing the cache. */
export async function readTextFile(file: string): Promise<{ text: string; sha256: string }> {
  const st = await stat(file);
  const bytes = await readTextBytes(file);
  const hit = cache.get(file);
  const sha256 =
    hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size && bytes.length === st.size
      ? hit.sha256
      : sha256Hex(bytes);
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, sha256 });
  return { text: bytes.toString('utf8'), sha256 };
}
