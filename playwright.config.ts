import { findChromium } from './scripts/lib/findChromium.cjs';
import { defineConfig } from '@playwright/test';
import { TEST_MS, WAIT_MS } from './e2e/waits';

// End-to-end tests drive a Chromium already on the machine (CHROMIUM_PATH, Playwright's own, or
// the system's: scripts/lib/findChromium.cjs; never a download) against `factmark serve`;
// e2e/electron.spec.ts runs the same journey in Electron where its binary exists.
const chromium = findChromium();
if ('error' in chromium) {
  console.error(chromium.error);
  process.exit(1);
}
export const CHROMIUM_PATH = chromium.path;

export default defineConfig({
  testDir: 'e2e',
  // Ceilings only (e2e/waits.ts): tests wait for conditions, so a loaded machine is slower, not failing.
  timeout: TEST_MS,
  expect: { timeout: WAIT_MS },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
