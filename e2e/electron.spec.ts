import { _electron as electron, test } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCoreJourney } from './coreJourney';
import { repoRoot } from './serveFixture';

/** Where the electron package says its binary is, or why there is none. */
function electronBinary(): { path: string } | { missing: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('electron') as unknown as string;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `the electron package points at ${String(path)}, which does not exist (its binary was never downloaded)` };
  } catch (e) {
    return { missing: `the electron package cannot be loaded: ${(e as Error).message}` };
  }
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
    await runCoreJourney(page, projectDir);
  } finally {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  }
});
