import { defineConfig } from '@playwright/test';
import { TEST_MS, WAIT_MS } from './e2e/waits';

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against `factmark serve`;
// e2e/electron.spec.ts runs the same journey in Electron where its binary exists.
export const CHROMIUM_PATH = process.env.FACTMARK_CHROMIUM ?? '/usr/bin/chromium';

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
