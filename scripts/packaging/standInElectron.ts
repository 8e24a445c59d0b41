import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultFuseWire, type FUSE_NAMES } from './asarAudit';

/** The fuses as Electron ships them (before electron-builder flips the configured ones). */
export const ELECTRON_DEFAULT_FUSES: Record<(typeof FUSE_NAMES)[number], boolean> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

/**
 * A stand-in for Electron's Linux distribution (what electron-builder's `electronDist` takes when
 * Electron's binary cannot be downloaded): the files its `dir` target copies and renames, and an
 * `electron` executable that is a shell script carrying Electron's fuse wire after the sentinel,
 * so that @electron/fuses can flip it and the test can read the result. It runs nothing.
 */
export function makeStandInElectronDist(dir: string, electronVersion: string): string {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from("#!/bin/sh\n# Stand-in for Electron's binary (Factmark's packaging test). Fuse wire: "),
      defaultFuseWire(ELECTRON_DEFAULT_FUSES),
      Buffer.from('\necho "This is a stand-in for Electron, made by npm run test:package; it cannot run the app." >&2\nexit 1\n'),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for Electron\'s LICENSE (MIT).\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in for Chromium licences</title>\n');
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'stand-in');
  return dir;
}
