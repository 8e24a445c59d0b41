import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Content types of the files a Vite build produces (anything else is served as bytes). */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `child` is `root` itself or lies inside it (both absolute, normalised). */
function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
}

/**
 * Maps a URL path to a regular file inside `root`, or null (-> 404). Refuses anything that could
 * leave the folder: undecodable or NUL-containing paths, `..` segments, backslashes, and symbolic
 * links whose target lies outside `root`. Directories are never listed; `/` means index.html.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;

  const rootReal = await realpath(resolve(root)).catch(() => null);
  if (!rootReal) return null;
  const candidate = resolve(rootReal, '.' + wanted);
  if (!isInside(rootReal, candidate)) return null;
  // realpath follows symbolic links: the target, not the link, must be inside the folder.
  const real = await realpath(candidate).catch(() => null);
  if (!real || !isInside(rootReal, real)) return null;
  const info = await stat(real).catch(() => null);
  if (!info || !info.isFile()) return null;
  return { path: real, size: info.size, contentType: contentTypeFor(real) };
}

export function openStaticFile(file: StaticFile) {
  return createReadStream(file.path);
}
