import { chooseAnnotator, dragSelect, openDocument, readAnnotationFile, readDocumentText, waitSaved } from './articlePage';
import { runCoreJourney } from './coreJourney';
import { expect, test } from './serveFixture';
import { screenshotPath } from './screenshots';

test('annotator core loop in the browser (factmark serve)', async ({ page, app }) => {
  await page.goto(app.url);
  await runCoreJourney(page, app.projectDir, { screenshot: screenshotPath('annotating.png') });
});

test('every shortcut is listed in the ? overlay and the label palette', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('annotator-prompt').locator('input[name=annotator]').fill('e2e-tester');
  await page.getByTestId('annotator-save').click();
  const palette = page.getByTestId('label-palette');
  for (const t of ['Claim', 'Actor', 'Number']) await expect(palette).toContainText(t);
  await page.keyboard.press('?');
  const overlay = page.getByTestId('shortcuts-overlay');
  await expect(overlay).toBeVisible();
  for (const t of ['Delete', 'Ctrl + Z', 'Ctrl + Shift + Z', 'Ctrl + Enter', 'Esc', 'Alt', '1', '2', '3', 'Adjudicating into gold', 'Review claims across documents']) await expect(overlay).toContainText(t);
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
});

test('Alt keeps the exact characters selected instead of snapping to words', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, 'e2e-tester');
  await openDocument(page, '000_341b31175584a5d7');
  const text = readDocumentText(app.projectDir, '000_341b31175584a5d7');
  const at = text.indexOf('Assad regime');
  // Alt held while dragging: exact characters.
  await dragSelect(page, at + 1, at + 4, { alt: true });
  await page.keyboard.press('2');
  // Alt held with the label key: exact characters too.
  await dragSelect(page, at + 6, at + 9);
  await page.keyboard.press('Alt+3');
  await waitSaved(page);
  const spans = readAnnotationFile(app.projectDir, 'e2e-tester', '000_341b31175584a5d7').json.spans;
  expect(spans.map((s) => [s.label, s.quote, s.start])).toEqual([
    ['actor', 'ssa', at + 1],
    ['number', 'reg', at + 6],
  ]);
});

test('the article does not move while a save runs (a drag in progress keeps its text under the pointer)', async ({ page, app }) => {
  // At this window width the first title wraps beside the save state; a save-state text of
  // another width used to re-wrap it and shift the article by a line in the middle of a drag.
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(app.url);
  await chooseAnnotator(page, 'e2e-tester');
  await openDocument(page, '000_341b31175584a5d7');
  await page.evaluate(() => {
    const scroll = document.querySelector('.article-scroll')!;
    const tops: Record<string, number[]> = {};
    (window as unknown as { __tops: typeof tops }).__tops = tops;
    const record = () => {
      const state = document.querySelector('[data-testid=save-state]')?.getAttribute('data-state') ?? '?';
      (tops[state] ??= []).push(Math.round(scroll.getBoundingClientRect().top));
    };
    record();
    new MutationObserver(record).observe(document.querySelector('[data-testid=save-state]')!, { attributes: true, childList: true, subtree: true });
  });
  const text = readDocumentText(app.projectDir, '000_341b31175584a5d7');
  const at = text.indexOf('Russia');
  await dragSelect(page, at, at + 'Russia'.length);
  await page.keyboard.press('a');
  await waitSaved(page);
  const tops = await page.evaluate(() => (window as unknown as { __tops: Record<string, number[]> }).__tops);
  // The save went through unsaved -> saving -> saved, and the article stayed where it was.
  expect(Object.keys(tops).sort()).toEqual(['saved', 'saving', 'unsaved']);
  expect(new Set(Object.values(tops).flat()).size).toBe(1);
});
