import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dragSelect, openDocument, readAnnotationFile, readDocumentText, spanItems, tagQuote, waitSaved } from './articlePage';
import { expect, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';
import { expectToast } from './toastLog';

const DOC = '000_341b31175584a5d7';
const WHO = 'alice';
const annotationFile = (projectDir: string) => join(projectDir, 'annotations', WHO, `${DOC}.json`);

/** Another program rewrites the annotation file: keeps the spans `keep` selects, adds none. */
function writeTheirs(projectDir: string, edit: (json: { spans: { start: number; label: string }[]; status: string }) => void) {
  const json = JSON.parse(readFileSync(annotationFile(projectDir), 'utf8'));
  edit(json);
  writeFileSync(annotationFile(projectDir), `${JSON.stringify(json, null, 2)}\n`);
}

test('history: restore an earlier version of a document from the History dialog', async ({ page, serve }) => {
  const app = await serve({ annotator: WHO });
  await page.goto(app.url);
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);
  await tagQuote(page, text, 'Russia', '2');
  await waitSaved(page);
  await tagQuote(page, text, '72 hours', '3');
  await waitSaved(page);
  expect(readAnnotationFile(app.projectDir, WHO, DOC).json.spans).toHaveLength(2);

  await page.getByTestId('history-button').click();
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog).toBeVisible();
  const versions = dialog.getByTestId('history-version');
  await expect(versions).toHaveCount(1);
  await expect(versions.first()).toContainText('1');
  await readmeScreenshot(page, 'history.png');
  await versions.first().getByRole('button', { name: 'Restore' }).click();
  await expect(dialog).toBeHidden();
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);
  const onDisk = readAnnotationFile(app.projectDir, WHO, DOC).json;
  expect(onDisk.spans.map((s) => s.quote)).toEqual(['Russia']);
  // The state before the restore is itself in the history: the restore can be undone.
  await page.getByTestId('history-button').click();
  await expect(page.getByTestId('history-version').first()).toBeVisible();
  await expect(page.getByTestId('history-version')).toHaveCount(2);
});

test('a file changed on disk reloads when there are no unsaved edits', async ({ page, serve }) => {
  const app = await serve({ annotator: WHO });
  await page.goto(app.url);
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);
  await tagQuote(page, text, 'Russia', '2');
  await tagQuote(page, text, '72 hours', '3');
  await waitSaved(page);
  await expect(spanItems(page)).toHaveCount(2);
  writeTheirs(app.projectDir, (json) => {
    json.spans = json.spans.filter((s) => s.label === 'number');
  });
  await expectToast(page, 'Reloaded');
  await expect(spanItems(page)).toHaveCount(1);
  // Nothing was written back over their file.
  expect(readAnnotationFile(app.projectDir, WHO, DOC).json.spans.map((s) => s.label)).toEqual(['number']);
});

for (const choice of ['both', 'theirs'] as const) {
  test(`a file changed on disk while there are unsaved edits asks first: ${choice}`, async ({ page, serve }) => {
    const app = await serve({ annotator: WHO });
    await page.goto(app.url);
    await openDocument(page, DOC);
    const text = readDocumentText(app.projectDir, DOC);
    await tagQuote(page, text, 'Russia', '2');
    await waitSaved(page);
    // I tag a number here and, while it is not saved yet, they add a claim on disk. (My save is
    // held until theirs has landed: on a slow machine the poll would otherwise see their change
    // before my edit and just reload, which is the test above.)
    let releaseSave = () => undefined as void;
    const saveHeld = new Promise<void>((r) => (releaseSave = r));
    await page.route('**/api/saveAnnotations', async (route) => {
      await saveHeld;
      await route.continue();
    });
    const at = text.indexOf('72 hours');
    await dragSelect(page, at, at + 8);
    await page.keyboard.press('3');
    await expect(spanItems(page)).toHaveCount(2);
    await expect(page.getByTestId('save-state')).not.toHaveAttribute('data-state', 'saved');
    writeTheirs(app.projectDir, (json) => {
      json.spans.push({ ...(json.spans[0] as object), id: 'theirs-1', start: 0, end: 6, label: 'claim', quote: text.slice(0, 6) } as never);
      json.spans.sort((a, b) => a.start - b.start);
    });
    releaseSave();
    const dialog = page.getByTestId('conflict-dialog');
    await expect(dialog).toBeVisible();
    if (choice === 'both') await readmeScreenshot(page, 'conflict.png');
    await dialog.getByTestId(`conflict-${choice}`).click();
    await expect(dialog).toBeHidden();
    await waitSaved(page);
    const spans = readAnnotationFile(app.projectDir, WHO, DOC).json.spans.map((s) => `${s.label}:${s.quote}`).sort();
    if (choice === 'both') {
      expect(spans).toEqual(['actor:Russia', 'claim:' + text.slice(0, 6), 'number:72 hours'].sort());
      await expect(spanItems(page)).toHaveCount(3);
    } else {
      expect(spans).toEqual(['actor:Russia', 'claim:' + text.slice(0, 6)].sort());
      await expect(spanItems(page)).toHaveCount(2);
      // Mine (with the number) is kept in the history, and listed there.
      const historyDir = join(app.projectDir, '.factmark', 'history', WHO, DOC);
      const kept = readdirSync(historyDir).map((n) => JSON.parse(readFileSync(join(historyDir, n), 'utf8')) as { spans: { quote: string }[] });
      expect(kept.some((v) => v.spans.some((s) => s.quote === '72 hours'))).toBe(true);
      await page.getByTestId('history-button').click();
      await expect(page.getByTestId('history-version')).toHaveCount(kept.length);
    }
  });
}

test('a second server on the same project and annotator is read-only until the first stops', async ({ page, browser, serve }) => {
  const owner = await serve({ annotator: WHO });
  // Another server on the very same folder (not a copy), opened first: it holds alice's lock.
  const writer = await serve({ annotator: WHO, sharedProjectDir: owner.projectDir });
  const writerPage = await browser.newPage();
  await writerPage.goto(writer.url);
  await openDocument(writerPage, DOC);
  await expect(writerPage.getByTestId('lock-banner')).toHaveCount(0);

  await page.goto(owner.url);
  await openDocument(page, DOC);
  const banner = page.getByTestId('lock-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('read-only');
  await expect(page.getByTestId('label-palette').getByRole('button').first()).toBeDisabled();
  await readmeScreenshot(page, 'read-only.png');
  const text = readDocumentText(owner.projectDir, DOC);
  await tagQuote(page, text, 'Russia', '2');
  await expect(spanItems(page)).toHaveCount(0);
  await expectToast(page, 'read-only');

  // The writer stops: this one may write from its next poll on.
  await writerPage.close();
  await writer.stop();
  await expect(banner).toBeHidden();
  await page.keyboard.press('Escape'); // drop the refused selection first
  await tagQuote(page, text, 'Russia', '2');
  await waitSaved(page);
  expect(readAnnotationFile(owner.projectDir, WHO, DOC).json.spans).toHaveLength(1);
});
