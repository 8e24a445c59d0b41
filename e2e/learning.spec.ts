import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { chooseAnnotator, openDocument, readDocumentText, spanItems, tagQuote, waitSaved } from './articlePage';
import { expect, test } from './serveFixture';
import { tabTo } from './suggestionKeys';

const FIRST = '000_341b31175584a5d7';
const NEXT = '001_565ccf9d3e3b851f';
const WHO = 'e2e-learner';

const box = (page: Page, id: string) => page.locator(`[data-testid=suggestion][data-suggestion-id="${id}"]`);
/** Two animation frames: what a key press changed (the slider's threshold) is drawn before it is counted. */
const painted = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

test('suggestions learn: a tag, an accept and a rejection in one article change the next article’s suggestions', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  const first = readDocumentText(app.projectDir, FIRST);
  const next = readDocumentText(app.projectDir, NEXT);
  const nextAleppo = next.indexOf('Aleppo nearly');
  const nextIran = next.indexOf('Iran, expelled');
  const nextMoscow = next.indexOf('Moscow');
  expect(Math.min(nextAleppo, nextIran, nextMoscow)).toBeGreaterThan(0);
  const aleppoNextId = `actor:${nextAleppo}-${nextAleppo + 6}`;
  const iranNextId = `actor:${nextIran}-${nextIran + 4}`;
  const moscowNextId = `actor:${nextMoscow}-${nextMoscow + 6}`;

  // The untouched project, next article: "Aleppo" (a place) is proposed as an actor, "Iran" and "Moscow" are not.
  await openDocument(page, NEXT);
  await expect(box(page, aleppoNextId)).toBeVisible();
  await expect(box(page, iranNextId)).toHaveCount(0);
  await expect(box(page, moscowNextId)).toHaveCount(0);

  // First article: accept "Moscow" (Tab to it, Enter), reject "Aleppo" (Tab to it, x), tag "Iran" (select, a).
  await openDocument(page, FIRST);
  const moscowAt = first.indexOf('Moscow');
  const moscowId = `actor:${moscowAt}-${moscowAt + 'Moscow'.length}`;
  const aleppoAt = first.indexOf('Aleppo nearly');
  const aleppoId = `actor:${aleppoAt}-${aleppoAt + 'Aleppo'.length}`;
  await expect(box(page, moscowId)).toBeVisible();
  await expect(box(page, aleppoId)).toBeVisible();
  await tabTo(page, moscowId);
  // The bar names the focused suggestion with the score the threshold slider compares with.
  await expect(page.getByTestId('suggestion-focus')).toContainText(/score \d\.\d\d/);
  await page.keyboard.press('Enter');
  await expect(box(page, moscowId)).toHaveCount(0);
  await expect(spanItems(page)).toHaveCount(1);
  await tabTo(page, aleppoId);
  await page.keyboard.press('x');
  await expect(box(page, aleppoId)).toHaveCount(0);
  await tagQuote(page, first, 'Iran', 'a');
  await expect(spanItems(page)).toHaveCount(2);
  await waitSaved(page);

  // All three are examples in the learning file (per annotator, under .factmark/).
  const learningFile = join(app.projectDir, '.factmark', 'learning', WHO, `${FIRST}.json`);
  await expect.poll(() => existsSync(learningFile) && (JSON.parse(readFileSync(learningFile, 'utf8')) as { examples: { kind: string; quote: string }[] }).examples.map((e) => `${e.kind}:${e.quote}`)).toEqual(
    expect.arrayContaining(['reject:Aleppo', 'accept:Moscow', 'tag:Iran']),
  );

  // The next article again: "Iran" and "Moscow" are proposed now, "Aleppo" in the same context is not.
  await openDocument(page, NEXT);
  await expect(box(page, iranNextId)).toBeVisible();
  await expect(box(page, moscowNextId)).toBeVisible();
  await expect(box(page, aleppoNextId)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('learning-next-article.png') });
});

test('the threshold slider hides low scores; Accept all takes only what is shown and asks before more than 20', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, NEXT);
  const actors = page.locator('[data-testid=suggestion][data-label=actor]');
  await expect(actors.first()).toBeVisible();
  const slider = page.locator('[data-testid=suggestions-threshold][data-label=actor]');
  await expect(slider).toBeVisible();

  // Lowest threshold: every actor suggestion is drawn (> 20 on this article).
  await slider.focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => new Set(await actors.evaluateAll((els) => els.map((e) => e.getAttribute('data-suggestion-id')))).size).toBeGreaterThan(20);
  const all = new Set(await actors.evaluateAll((els) => els.map((e) => e.getAttribute('data-suggestion-id'))));

  // Accept all asks first; Cancel accepts nothing.
  await page.locator('[data-testid=suggestions-accept-all][data-label=actor]').click();
  const dialog = page.getByTestId('accept-all-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Accept ${all.size}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(spanItems(page)).toHaveCount(0);

  // A higher threshold shows fewer; Accept all of those (20 or fewer) acts at once, on exactly them.
  await slider.focus();
  await page.keyboard.press('End');
  await painted(page);
  for (let i = 0; i < 20; i++) {
    const n = new Set(await actors.evaluateAll((els) => els.map((e) => e.getAttribute('data-suggestion-id')))).size;
    if (n > 0 && n <= 20) break;
    await page.keyboard.press('ArrowLeft');
    await painted(page);
  }
  const shown = new Set(await actors.evaluateAll((els) => els.map((e) => e.getAttribute('data-suggestion-id'))));
  expect(shown.size).toBeGreaterThan(0);
  expect(shown.size).toBeLessThanOrEqual(20);
  expect(shown.size).toBeLessThan(all.size);
  await page.locator('[data-testid=suggestions-accept-all][data-label=actor]').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-testid=span-list] [data-testid=span-item][data-label=actor]')).toHaveCount(shown.size);

  // Over 20 again: Enter on the dialog's first button accepts.
  await page.locator('body').press('Control+z');
  await expect(spanItems(page)).toHaveCount(0);
  await slider.focus();
  await page.keyboard.press('Home');
  await page.locator('[data-testid=suggestions-accept-all][data-label=actor]').click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('accept-all-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-testid=span-list] [data-testid=span-item][data-label=actor]')).toHaveCount(all.size);
  await waitSaved(page);
});

test('the About box credits GUM and its licences', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await page.keyboard.press('?');
  await page.getByTestId('about-button').click();
  const about = page.getByTestId('about-dialog');
  await expect(about).toBeVisible();
  await expect(page.getByTestId('about-model')).toContainText('GUM');
  await expect(page.getByTestId('about-credits')).toContainText('CC BY 4.0');
  await expect(page.getByTestId('about-credits')).toContainText('CC BY-SA 3.0');
});
