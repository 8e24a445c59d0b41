import { test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * README screenshots (docs/screenshots/*.png). A test run must leave the work tree clean, so they
 * are rewritten only when asked: `UPDATE_SCREENSHOTS=1 npm run test:e2e` (or one spec). Otherwise
 * the same screenshot is taken into the test's own output folder (test-results/, ignored by git),
 * so every run still exercises the step and a failed run keeps what the page looked like.
 */
const DOCS_SCREENSHOTS = resolve(__dirname, '..', 'docs', 'screenshots');

export const updatingScreenshots = (): boolean => process.env.UPDATE_SCREENSHOTS === '1';

/** Where the screenshot `name` (e.g. "annotating.png") goes in this run. */
export function screenshotPath(name: string): string {
  if (updatingScreenshots()) {
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    return join(DOCS_SCREENSHOTS, name);
  }
  return test.info().outputPath(name);
}

/** Take a README screenshot of the page (see above for where it goes). */
export async function readmeScreenshot(page: Page, name: string): Promise<string> {
  const path = screenshotPath(name);
  await page.screenshot({ path });
  return path;
}
