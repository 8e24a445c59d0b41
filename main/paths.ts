import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Where Factmark keeps its own files (settings, the sample working copy). Per-user, never the
 * app folder, so an installed (read-only) app still works. FACTMARK_DATA_DIR wins so tests and
 * portable setups can point it anywhere.
 */
export function defaultDataDir(): string {
  const fromEnv = process.env.FACTMARK_DATA_DIR;
  if (fromEnv && fromEnv.trim()) return resolve(fromEnv);
  const home = homedir();
  if (process.platform === 'win32') {
    return join(process.env.APPDATA || join(home, 'AppData', 'Roaming'), 'Factmark');
  }
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Factmark');
  const xdg = process.env.XDG_DATA_HOME;
  return join(xdg && xdg.trim() ? xdg : join(home, '.local', 'share'), 'factmark');
}

/**
 * The repository / unpacked app root: the nearest folder above this code that holds the sample
 * corpus. Searching upward works the same for the source (main/) and the bundle (dist/main/).
 */
export function appRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'corpus', 'project.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Not found: fall back to the layout of the bundle (dist/main -> root).
  return resolve(__dirname, '..', '..');
}

/** The read-only sample corpus shipped with the app (packaged Electron keeps it in resources/). */
export function corpusDir(): string {
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    const packaged = join(resourcesPath, 'corpus');
    if (existsSync(join(packaged, 'project.json'))) return packaged;
  }
  return join(appRoot(), 'corpus');
}

/** A path typed by the user: `~` is their home folder, a relative path is taken from the working folder. */
export function resolveUserPath(path: string): string {
  const trimmed = path.trim();
  if (trimmed === '~') return homedir();
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return join(homedir(), trimmed.slice(2));
  return resolve(trimmed);
}
