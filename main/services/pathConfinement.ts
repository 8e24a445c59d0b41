import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isErrno } from './errno';

/** True when `child` is `root` itself or lies inside it (both absolute and normalised). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * Where a path really leads: symbolic links in its existing part (the path itself included, since
 * writes follow a link at the target) are resolved, the part that does not exist yet is appended.
 */
export async function realTarget(path: string): Promise<string> {
  const missing: string[] = [];
  let current = resolve(path);
  for (let hops = 0; ; ) {
    try {
      const real = await realpath(current);
      return missing.length ? join(real, ...missing.reverse()) : real;
    } catch (err) {
      if (!isErrno(err, 'ENOENT') && !isErrno(err, 'ENOTDIR') && !isErrno(err, 'ELOOP')) throw err;
      // A dangling link: a write would create its target, so the target is what counts.
      const link = await lstat(current).then((st) => st.isSymbolicLink(), () => false);
      if (link && hops++ < 40) {
        current = resolve(dirname(current), await readlink(current));
        continue;
      }
      const parent = dirname(current);
      if (parent === current) return resolve(path);
      missing.push(basename(current));
      current = parent;
    }
  }
}

/**
 * A path sent by the UI (renderer or browser) may only lead inside one of `roots` (the open
 * project, and folders the user picked in the native chooser). `..`, absolute paths and symbolic
 * links that point out are all judged by where they really lead.
 */
export async function isConfined(path: string, base: string, roots: readonly string[]): Promise<boolean> {
  const target = await realTarget(isAbsolute(path) ? path : resolve(base, path));
  for (const root of roots) {
    if (isInside(await realTarget(root), target)) return true;
  }
  return false;
}
