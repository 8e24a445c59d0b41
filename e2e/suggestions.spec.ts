import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chooseAnnotator, openDocument, readAnnotationFile, readDocumentText, spanItems, waitSaved } from './articlePage';
import { expect, test } from './serveFixture';

const DOC = '000_341b31175584a5d7';
const WHO = 'e2e-tester';

test('number suggestions: Tab to one, Enter accepts it, x rejects another, the rejection survives a reload', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);
  const hoursAt = text.indexOf('72 hours');
  const hoursId = `number:${hoursAt}-${hoursAt + 8}`;

  // Drawn as a dashed box, not as a mark; the toolbar offers a toggle per label.
  const hours = page.locator(`[data-testid=suggestion][data-suggestion-id="${hoursId}"]`);
  await expect(hours).toBeVisible();
  await expect(page.locator('[data-testid=suggestions-toggle][data-label=number]')).toBeVisible();
  await expect(page.locator('[data-testid=article] mark')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/suggestions.png' });

  // Tab through the suggestions up to "72 hours", Enter accepts it.
  const focused = page.locator('[data-testid=suggestion][data-focused=true]');
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    await expect(focused.first()).toBeVisible();
    if ((await focused.first().getAttribute('data-suggestion-id')) === hoursId) break;
  }
  await expect(focused.first()).toHaveAttribute('data-suggestion-id', hoursId);
  await page.keyboard.press('Enter');
  await expect(spanItems(page)).toHaveCount(1);
  await expect(hours).toHaveCount(0);
  await waitSaved(page);
  const saved = readAnnotationFile(app.projectDir, WHO, DOC).json as unknown as { spans: { label: string; quote: string; origin?: unknown; attributes?: Record<string, unknown> }[] };
  expect(saved.spans).toHaveLength(1);
  expect(saved.spans[0]).toMatchObject({ label: 'number', quote: '72 hours', origin: { format: 'suggestion', file: 'numbers' }, attributes: { value: 72 } });

  // The focus moved on to the next suggestion: x rejects it.
  await expect(focused.first()).toBeVisible();
  const rejectedId = await focused.first().getAttribute('data-suggestion-id');
  expect(rejectedId).toBeTruthy();
  await page.keyboard.press('x');
  const rejected = page.locator(`[data-testid=suggestion][data-suggestion-id="${rejectedId}"]`);
  await expect(rejected).toHaveCount(0);
  await expect.poll(() => existsSync(join(app.projectDir, '.factmark', 'suggestions', WHO, `${DOC}.json`))).toBe(true);
  await expect(spanItems(page)).toHaveCount(1);

  // After a reload the accepted one is a span and the rejected one is not proposed again.
  await page.reload();
  await openDocument(page, DOC);
  await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();
  await expect(spanItems(page)).toHaveCount(1);
  await expect(rejected).toHaveCount(0);
  await expect(hours).toHaveCount(0);
});

test('accept all number suggestions is one undoable step; the toggle hides them', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, DOC);
  const numbers = page.locator('[data-testid=suggestion][data-label=number]');
  await expect(numbers.first()).toBeVisible();
  const toggle = page.locator('[data-testid=suggestions-toggle][data-label=number]');
  await toggle.click();
  await expect(numbers).toHaveCount(0);
  await toggle.click();
  await expect(numbers.first()).toBeVisible();
  const ids = new Set(await numbers.evaluateAll((els) => els.map((e) => e.getAttribute('data-suggestion-id'))));
  await page.locator('[data-testid=suggestions-accept-all][data-label=number]').click();
  await expect(numbers).toHaveCount(0);
  await expect(page.locator('[data-testid=span-list] [data-testid=span-item][data-label=number]')).toHaveCount(ids.size);
  await page.locator('body').press('Control+z');
  await expect(spanItems(page)).toHaveCount(0);
  await expect(numbers.first()).toBeVisible();
});
