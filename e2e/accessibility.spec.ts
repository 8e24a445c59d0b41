import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chooseAnnotator, openDocument, readDocumentText, tagQuote, waitSaved } from './articlePage';
import { formatAxe, runAxe, type AxeSummary } from './axe';
import { writeAnnotation } from './annotationFiles';
import { expect, repoRoot, test } from './serveFixture';

/**
 * axe-core on every screen of the app: 0 critical and 0 serious violations. Each screen's counts
 * are also written to test-results/axe/<test>.json (the report quotes them).
 */

const DOC = '000_341b31175584a5d7';
const OTHER = '001_565ccf9d3e3b851f';
const CLAIM = 'Russia has promised to send additional military aid to Syria within the next 72 hours';

async function check(page: Page, screen: string, found: AxeSummary[]) {
  const summary = await runAxe(page, screen);
  found.push(summary);
  expect.soft(summary.critical + summary.serious, formatAxe(summary)).toBe(0);
}

function record(name: string, found: AxeSummary[]) {
  const dir = join(repoRoot, 'test-results', 'axe');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(found, null, 2)}\n`);
  console.log(found.map(formatAxe).join('\n'));
}

test('axe: first start, main screen, dialogs, schema, export, history (0 critical, 0 serious)', async ({ page, app }) => {
  test.setTimeout(180_000);
  const found: AxeSummary[] = [];
  await page.goto(app.url);
  await expect(page.getByTestId('annotator-prompt')).toBeVisible();
  await check(page, 'first start', found);
  await chooseAnnotator(page, 'a11y');
  await openDocument(page, DOC);
  await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();
  await check(page, 'main (document open, suggestions)', found);

  const text = readDocumentText(app.projectDir, DOC);
  const claimAt = text.indexOf(CLAIM);
  await tagQuote(page, text, CLAIM, 'c');
  await tagQuote(page, text.slice(0, claimAt + 10), 'Russia', 'a', text.slice(0, claimAt).split('Russia').length - 1);
  const hoursAt = text.indexOf('72 hours', claimAt);
  await tagQuote(page, text.slice(0, hoursAt + 8), '72 hours', 'n', text.slice(0, hoursAt).split('72 hours').length - 1);
  await expect(page.getByTestId('attribute-panel')).toBeVisible();
  await waitSaved(page);
  await check(page, 'main (number selected, attribute panel)', found);

  // A relation in the list and its arc; then link mode's banner.
  await page.locator('[data-testid=span-item][data-label=claim]').click();
  await page.keyboard.press('r');
  await expect(page.getByTestId('link-banner')).toBeVisible();
  await check(page, 'main (link mode)', found);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('relation-item')).toHaveCount(1);
  await page.getByTestId('relation-item').first().click();
  await check(page, 'main (relation selected)', found);
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-overlay')).toBeVisible();
  await check(page, 'shortcuts', found);
  await page.keyboard.press('Escape');

  await page.getByTestId('doc-status').selectOption('done');
  await waitSaved(page);
  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-preview')).toContainText('"annotator"');
  await check(page, 'export dialog', found);
  await page.keyboard.press('Escape');

  await page.getByTestId('open-schema').click();
  await expect(page.getByTestId('schema-editor')).toBeVisible();
  await check(page, 'schema', found);
  await page.keyboard.press('Escape');

  await page.getByTestId('history-button').click();
  await expect(page.getByTestId('history-version').first()).toBeVisible();
  await check(page, 'history', found);
  await page.keyboard.press('Escape');

  await page.getByTestId('open-agreement').click();
  await expect(page.getByTestId('agreement-screen')).toBeVisible();
  await check(page, 'agreement (one annotator)', found);
  await page.keyboard.press('Escape');

  await page.getByTestId('open-review').click();
  await expect(page.getByTestId('review-screen')).toBeVisible();
  await check(page, 'review (sample)', found);
  await page.keyboard.press('Escape');

  for (const [name, open] of [
    ['new project', 'New project'],
    ['open project', 'Open project'],
  ] as const) {
    await page.getByRole('button', { name: open }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check(page, `${name} dialog`, found);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
  }
  await page.locator('.annotator-button').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check(page, 'annotator dialog', found);
  await page.keyboard.press('Escape');

  await page.getByTestId('sync-settings').click();
  await expect(page.getByTestId('sync-settings-dialog')).toBeVisible();
  await check(page, 'sync settings dialog', found);
  await page.keyboard.press('Escape');

  await page.getByTestId('import-input').setInputFiles([
    { name: 'note.html', mimeType: 'text/html', buffer: Buffer.from('<html><head><title>Note</title></head><body><article><h1>Note</h1><p>Officials said 40 people were evacuated from the city on Monday, according to local reports.</p></article></body></html>') },
  ]);
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await check(page, 'import dialog', found);
  await page.keyboard.press('Escape');

  record('main-and-dialogs', found);
});

test('axe: agreement with three annotators, compare, adjudication; review of a tagged project', async ({ page, serve }) => {
  const found: AxeSummary[] = [];
  const app = await serve({
    annotator: 'judge',
    prepare: ({ projectDir }) => {
      writeAnnotation(projectDir, 'alice', DOC, [
        { quote: 'Russia', label: 'actor', from: 10 },
        { quote: CLAIM, label: 'claim' },
        { quote: '72 hours', label: 'number' },
      ]);
      writeAnnotation(projectDir, 'bob', DOC, [
        { quote: 'Russia', label: 'actor', from: 10 },
        { quote: 'Russia has promised to send additional military aid to Syria', label: 'claim' },
      ]);
      writeAnnotation(projectDir, 'carol', OTHER, [{ quote: 'Russian and Syrian military aircraft', label: 'actor' }]);
      writeAnnotation(projectDir, 'alice', OTHER, [{ quote: 'Russian and Syrian military aircraft', label: 'actor' }]);
    },
  });
  await page.goto(app.url);
  await page.getByTestId('open-agreement').click();
  const screen = page.getByTestId('agreement-screen');
  await expect(screen.getByTestId('agreement-document')).toHaveCount(2);
  await check(page, 'agreement', found);
  await screen.getByTestId('agreement-document').first().click();
  await expect(screen.getByTestId('compare-column')).toHaveCount(2);
  await check(page, 'agreement compare', found);
  await screen.getByTestId('start-curation').click();
  await expect(screen.getByTestId('curation-stop')).toBeVisible();
  await check(page, 'adjudication', found);
  await page.keyboard.press('Escape');

  const reviewApp = await serve({ project: join(repoRoot, 'test-fixtures/review-sample'), annotator: 'reviewer' });
  await page.goto(reviewApp.url);
  await page.getByTestId('open-review').click();
  await expect(page.getByTestId('review-cluster').first()).toBeVisible();
  await check(page, 'review', found);
  record('agreement-and-review', found);
});

test('axe: an Arabic article, the Ctrl+A question, 150 % zoom with the More menu open', async ({ browser, serve }) => {
  const found: AxeSummary[] = [];
  const app = await serve({ annotator: 'a11y' });
  const context = await browser.newContext({ viewport: { width: 683, height: 467 }, deviceScaleFactor: 1.5 });
  const page = await context.newPage();
  try {
    await page.goto(app.url);
    await expect(page.locator('[data-testid=article] [data-block-start]').first()).toBeVisible();
    await check(page, 'main at 150 % zoom', found);
    await page.getByTestId('top-more').click();
    await expect(page.getByRole('menu')).toBeVisible();
    await check(page, 'More menu', found);
    await page.keyboard.press('Escape');

    await page.getByTestId('import-input').setInputFiles([join(repoRoot, 'test-fixtures/scripts/aleppo-ar.txt')]);
    await page.getByTestId('documents-pane-toggle').click();
    await openDocument(page, 'aleppo-ar');
    await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();
    await check(page, 'Arabic article', found);

    await page.getByTestId('article').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('1');
    await expect(page.getByTestId('confirm-dialog')).toBeVisible();
    await check(page, 'Ctrl+A question', found);
    await page.keyboard.press('Escape');
    record('zoom-rtl-confirm', found);
  } finally {
    await context.close();
  }
});

test('label colours: chips keep 4.5:1 whatever colour is picked, and the schema editor warns about faint or very dark ones', async ({ page, serve }) => {
  const app = await serve({ annotator: 'a11y' });
  await page.goto(app.url);
  await page.getByTestId('open-schema').click();
  const editor = page.getByTestId('schema-editor');
  await editor.locator('[data-testid=schema-label][data-label-id=number] .label-pick').click();
  // The sample's green: no warning; its chip gets dark text (white was 3.3:1).
  await expect(editor.getByTestId('schema-color-warning')).toHaveCount(0);
  const chipContrast = () =>
    editor.locator('.label-color-field .label-chip').evaluate((el) => {
      const rgb = (c: string) => (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => {
          const s = v / 255;
          return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const style = getComputedStyle(el);
      const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
  expect(await chipContrast()).toBeGreaterThanOrEqual(4.5);
  for (const colour of ['#fde68a', '#000000', '#ff4d4d']) {
    await editor.getByTestId('schema-label-color').fill(colour);
    expect(await chipContrast()).toBeGreaterThanOrEqual(4.5);
  }
  await editor.getByTestId('schema-label-color').fill('#fde68a');
  await expect(editor.getByTestId('schema-color-warning')).toContainText('This colour is light');
  await editor.getByTestId('schema-label-color').fill('#000000');
  await expect(editor.getByTestId('schema-color-warning')).toContainText('This colour is dark');
  await editor.getByTestId('schema-label-color').fill('#15803d');
  await expect(editor.getByTestId('schema-color-warning')).toHaveCount(0);
  expect(app.projectDir).toBeTruthy();
});
