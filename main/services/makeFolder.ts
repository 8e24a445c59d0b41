import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, one folder at a time. Node's `mkdir(path, { recursive: true })` never returns
 * where the system answers "not found" for a parent that exists (Linux's /proc, /sys): it spins
 * a core forever (issue 13: createProject on /proc/x). Here each missing folder is made on its
 * own, and such an answer becomes an error naming the folder.
 */
export async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(path); ; ) {
    try {
      if (!(await stat(current)).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: current });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const parent = dirname(current);
      missing.push(current);
      if (parent === current) break;
      current = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // Its parent exists (made or found just now): "not found" means no folder can be made there.
      if (code === 'ENOENT') throw Object.assign(new Error(`EPERM: operation not permitted, mkdir '${folder}'`), { code: 'EPERM', syscall: 'mkdir', path: folder });
      throw err;
    }
  }
}
