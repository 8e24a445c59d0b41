import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { docItem, openDocument, readAnnotationFile, readDocumentText, spanItems, tagQuote, waitSaved } from './articlePage';
import { expect, test } from './serveFixture';
import { expectToast, seenToasts } from './toastLog';

const ANNOTATOR = 'e2e-tester';
const FIRST_DOC = '000_341b31175584a5d7';
const SECOND_DOC = '001_565ccf9d3e3b851f';
/**
 * Starts of the app in the first test: the false error showed in 4 starts of 5 on the machine it
 * was found on. The first HELD_STARTS hold the app's first document read until the click was
 * made (the race, every time); the others click as early as the list allows.
 */
const STARTS = 12;
const HELD_STARTS = 3;

declare global {
  interface Window {
    __getDocumentPending?: number;
  }
}

/** Before the app's own script: count the getDocument requests whose answer the app has not handled yet. */
async function countDocumentLoads(page: Page) {
  await page.addInitScript(() => {
    window.__getDocumentPending = 0;
    const fetchBefore = window.fetch.bind(window);
    window.fetch = (input, init) => {
      if (!String(input).includes('/api/getDocument')) return fetchBefore(input, init);
      window.__getDocumentPending!++;
      // Handled = its JSON was read and the app's continuation (which shows any error) has run.
      const done = () => setTimeout(() => window.__getDocumentPending!--, 0);
      return fetchBefore(input, init).then(
        (response) => {
          const json = response.json.bind(response);
          response.json = () => json().finally(done);
          return response;
        },
        (error: unknown) => {
          done();
          throw error;
        },
      );
    };
  });
}

test('clicking the first document while the app is still opening it shows no error', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await countDocumentLoads(page);
  let held: { release(): void; wait: Promise<void> } | null = null;
  await page.route('**/api/getDocument', async (route) => {
    await held?.wait;
    await route.continue();
  });
  const falseErrors: string[] = [];
  for (let start = 0; start < STARTS; start++) {
    if (start < HELD_STARTS) {
      let release = () => undefined as void;
      held = { release: () => release(), wait: new Promise<void>((r) => (release = r)) };
    }
    // As early as possible: the click waits only for the list item to be there.
    await page.goto(app.url, { waitUntil: 'commit' });
    await docItem(page, FIRST_DOC).click();
    if (held) {
      // The click's own work (save, then load) is done within the page's current task queue.
      await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
      held.release();
      held = null;
    }
    await expect(docItem(page, FIRST_DOC)).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('[data-testid=article] [data-block-start]').first()).toBeVisible();
    // Every load asked for (the app's own and the click's) has been answered and handled.
    await expect.poll(() => page.evaluate(() => window.__getDocumentPending)).toBe(0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const errors = (await seenToasts(page)).filter((t) => t.error).map((t) => t.text);
    if (errors.length > 0) falseErrors.push(`start ${start + 1}${start < HELD_STARTS ? ' (held)' : ''}: ${errors.join(' | ')}`);
  }
  const natural = falseErrors.filter((e) => !e.includes('(held)')).length;
  const summary = `${falseErrors.length} of ${STARTS} starts showed an error toast (${falseErrors.length - natural} of ${HELD_STARTS} with the first read held, ${natural} of ${STARTS - HELD_STARTS} clicking as early as possible)`;
  test.info().annotations.push({ type: 'false errors', description: summary });
  console.log(`clicking the first document while it opens: ${summary}`);
  expect(falseErrors).toEqual([]);
});

/** The document is open and shown (keys act on it only then), not just chosen in the list. */
async function expectShown(page: Page, projectDir: string, docId: string) {
  await expect(docItem(page, docId)).toHaveAttribute('aria-current', 'true');
  const firstLine = readDocumentText(projectDir, docId).split('\n')[0]!.trim();
  await expect(page.getByTestId('article')).toContainText(firstLine);
}

test('undo history survives leaving a document and coming back; a change on disk meanwhile clears it, and says so', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await openDocument(page, SECOND_DOC);
  const text = readDocumentText(app.projectDir, SECOND_DOC);
  await tagQuote(page, text, 'Aleppo', '2');
  await tagQuote(page, text, 'Saturday', '3');
  await expect(spanItems(page)).toHaveCount(2);
  await waitSaved(page);

  // [ then ]: away and back, the spans are there and Ctrl+Z takes back the last one.
  await page.keyboard.press('[');
  await expectShown(page, app.projectDir, FIRST_DOC);
  await expect(spanItems(page)).toHaveCount(0);
  await page.keyboard.press(']');
  await expectShown(page, app.projectDir, SECOND_DOC);
  await expect(spanItems(page)).toHaveCount(2);
  await page.locator('body').press('Control+z');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);
  expect(readAnnotationFile(app.projectDir, ANNOTATOR, SECOND_DOC).json.spans.map((s) => s.quote)).toEqual(['Aleppo']);
  // Redo works too, and the next undo goes further back.
  await page.locator('body').press('Control+Shift+z');
  await expect(spanItems(page)).toHaveCount(2);
  await page.locator('body').press('Control+z');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);

  // Away again; meanwhile another program (a sync) rewrites this document's annotations.
  await page.keyboard.press('[');
  await expectShown(page, app.projectDir, FIRST_DOC);
  const file = join(app.projectDir, 'annotations', ANNOTATOR, `${SECOND_DOC}.json`);
  const theirs = readAnnotationFile(app.projectDir, ANNOTATOR, SECOND_DOC).json;
  const at = text.indexOf('Hayat Tahrir al-Sham');
  const span = { id: 'theirs1', start: at, end: at + 'Hayat Tahrir al-Sham'.length, label: 'actor', quote: 'Hayat Tahrir al-Sham', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  writeFileSync(file, `${JSON.stringify({ ...theirs, spans: [span], updatedAt: '2026-01-01T00:00:00.000Z' }, null, 2)}\n`);
  await page.keyboard.press(']');
  await expectShown(page, app.projectDir, SECOND_DOC);
  await expectToast(page, 'its undo history was cleared');
  await expect(spanItems(page)).toHaveCount(1);
  await expect(spanItems(page).first()).toContainText('Hayat Tahrir al-Sham');
  // Undo has nothing to put back over their version.
  await page.locator('body').press('Control+z');
  await expect(spanItems(page)).toHaveCount(1);
  expect(readAnnotationFile(app.projectDir, ANNOTATOR, SECOND_DOC).json.spans.map((s) => s.quote)).toEqual(['Hayat Tahrir al-Sham']);
});

test('two servers on one data folder: choosing a name in one does not switch the other', async ({ page, context, serve }) => {
  const first = await serve({ annotator: 'alice' });
  const second = await serve({ sharedProjectDir: first.projectDir, dataDir: first.dataDir });
  await page.goto(first.url);
  await openDocument(page, FIRST_DOC);
  await expect(page.locator('.annotator-button')).toContainText('alice');

  // In the second server's page (same saved settings: alice, read-only here), switch to bob.
  const other = await context.newPage();
  await other.goto(second.url);
  await expect(other.locator('.annotator-button')).toContainText('alice');
  await other.locator('.annotator-button').click();
  const prompt = other.getByTestId('annotator-prompt');
  await prompt.locator('input[name=annotator]').fill('bob');
  await other.getByTestId('annotator-save').click();
  await expect(other.locator('.annotator-button')).toContainText('bob');

  // The first server still works as alice, even after a reload of its page: its saves stay hers.
  await page.reload();
  await expect(page.locator('.annotator-button')).toContainText('alice');
  await openDocument(page, FIRST_DOC);
  const text = readDocumentText(first.projectDir, FIRST_DOC);
  await tagQuote(page, text, 'Russia', '2');
  await waitSaved(page);
  expect(readAnnotationFile(first.projectDir, 'alice', FIRST_DOC).json.spans.map((s) => s.quote)).toEqual(['Russia']);
  expect(existsSync(join(first.projectDir, 'annotations', 'bob', `${FIRST_DOC}.json`))).toBe(false);
});
