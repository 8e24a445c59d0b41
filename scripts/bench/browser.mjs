import { chromium } from 'playwright-core';
import { armNewMarkWait, armSelectorWait, finishWait, installProbes, selectTextRange, shownRange } from './inPage.mjs';

import { findChromium } from '../lib/findChromium.cjs';

// The same Chromium as the end-to-end tests (CHROMIUM_PATH, Playwright's own, or the system's).
const found = findChromium();
if ('error' in found) throw new Error(found.error);
export const CHROMIUM_PATH = found.path;
// Quiet, offline Chromium: nothing it does in the background should land in a measurement.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Generous bounds: a slow machine gets slow figures, never a hang. */
const OPEN_TIMEOUT_MS = 120_000;
const EDIT_TIMEOUT_MS = 30_000;
/** Lets the first document's load and its idle work finish before a timed action. */
const SETTLE_MS = 500;

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A fresh load: a new context (no cache, no storage), the probes installed before the app's
 * scripts, and the app started on its first document (it opens one by itself).
 */
export async function freshPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(installProbes);
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid=article] [data-block-start]').first().waitFor({ timeout: OPEN_TIMEOUT_MS });
  await page.waitForTimeout(SETTLE_MS);
  return { page, close: () => context.close() };
}

/** Click a document in the list; time from the click to its blocks in the DOM and painted. */
export async function openDocumentTimed(page, docId) {
  const selector = `[data-testid=article][data-doc-id="${docId}"] [data-block-start]`;
  await page.evaluate(armSelectorWait, { selector, timeoutMs: OPEN_TIMEOUT_MS });
  await page.locator(`[data-testid=doc-item][data-doc-id="${docId}"]`).click();
  return page.evaluate(finishWait, { trigger: 'click' });
}

/** Click the pager's Next button; time from the click to the next page's blocks painted. */
export async function nextPageTimed(page) {
  const { page: current } = await page.evaluate(shownRange);
  const selector = `[data-testid=article][data-page="${current + 1}"] [data-block-start]`;
  await page.evaluate(armSelectorWait, { selector, timeoutMs: OPEN_TIMEOUT_MS });
  await page.locator('[data-testid=article-pager]').first().getByTestId('article-page-next').click();
  return page.evaluate(finishWait, { trigger: 'click' });
}

/** Select [start, end) and press a label key; time from the keydown to the new mark painted. */
export async function tagRangeTimed(page, range, key) {
  await page.evaluate(selectTextRange, range);
  await page.evaluate(armNewMarkWait, { timeoutMs: EDIT_TIMEOUT_MS });
  await page.keyboard.press(key);
  return page.evaluate(finishWait, { trigger: 'key' });
}

export const currentRange = (page) => page.evaluate(shownRange);

export async function waitSaved(page) {
  await page.locator('[data-testid=save-state][data-state=saved]').waitFor({ timeout: EDIT_TIMEOUT_MS });
}
