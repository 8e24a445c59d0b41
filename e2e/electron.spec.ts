import { _electron as electron, expect, test } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCoreJourney } from './coreJourney';
import { repoRoot } from './serveFixture';
import { recordToastsNow } from './toastLog';

/**
 * Where the electron package's binary is, or why there is none. Read from its path.txt, never
 * through require('electron'), whose index.js would try to download a missing binary.
 */
function electronBinary(): { path: string } | { missing: string } {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json', { paths: [repoRoot] }));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: "Electron's binary was never downloaded here (node_modules/electron has no path.txt; ELECTRON_SKIP_BINARY_DOWNLOAD or no network)" };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

test('annotator core loop in the desktop app (Electron)', async () => {
  const bin = electronBinary();
  if ('missing' in bin) {
    console.log(`Skipping the Electron journey: ${bin.missing}. The same journey runs in Chromium against factmark serve (core.spec.ts).`);
    test.skip(true, bin.missing);
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'factmark-electron-'));
  const projectDir = join(root, 'project');
  cpSync(join(repoRoot, 'corpus'), projectDir, { recursive: true });
  const app = await electron.launch({
    executablePath: bin.path,
    args: [repoRoot, '--project', projectDir],
    env: { ...process.env, FACTMARK_DATA_DIR: join(root, 'data') },
  });
  try {
    const page = await app.firstWindow();
    // The app's own scheme (main/electron/appProtocol.ts), never file://.
    expect(page.url()).toBe('app://factmark/index.html');
    await recordToastsNow(page);
    await runCoreJourney(page, projectDir);
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
});
