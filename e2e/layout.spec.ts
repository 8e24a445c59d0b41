import type { Page, Route } from '@playwright/test';
import { openDocument, readDocumentText, spanItems, tagQuote, waitSaved } from './articlePage';
import { tabTo } from './keyboardPage';
import { readmeScreenshot } from './screenshots';
import { expect, test } from './serveFixture';

const DOC = '000_341b31175584a5d7';
const WHO = 'layout';

/** The element's box in the viewport (fails when it is not rendered). */
async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not rendered`);
  return b;
}

test('1024×700: one-row top bar, span list and attributes split (resizable, collapsible), Schema footer visible, link mode does not move the article', async ({ page, serve }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const app = await serve({ annotator: WHO });
  await page.goto(app.url);
  await openDocument(page, DOC);
  await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();

  // One row: every visible button of the bar sits on the same line.
  const bar = await box(page, '.top-bar');
  expect(bar.height).toBeLessThan(52);
  const tops = await page.locator('.top-bar button:visible').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(8);

  // Groups in the schema's order, whatever their counts.
  const order = await page.getByTestId('suggestions-toggle').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  expect(order).toEqual(['claim', 'actor', 'number'].filter((l) => order.includes(l)));
  // Internal suggester names never reach the screen.
  const titles = await page.locator('[data-testid=suggestion]').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  expect(titles.filter((t) => /\((numbers|actors|gazetteer|claims)\)/.test(t))).toEqual([]);

  // Tag two spans; with the number selected the list keeps its share and the attributes are all there.
  const text = readDocumentText(app.projectDir, DOC);
  await tagQuote(page, text, 'Russia has promised to send additional military aid to Syria within the next 72 hours', '1');
  await tagQuote(page, text, 'Russia', '2', 1);
  await tagQuote(page, text, '72 hours', '3');
  await waitSaved(page);
  const list = await box(page, '#span-list-region');
  const pane = await box(page, '[data-testid=span-pane]');
  expect(list.height).toBeGreaterThan(0.3 * pane.height);
  await page.getByTestId('attr-unit').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('attr-unit')).toBeInViewport();
  // The splitter moves with the keyboard; the list collapses to give the details the whole height.
  await page.getByTestId('span-splitter').focus();
  const before = Number(await page.getByTestId('span-splitter').getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('span-splitter')).toHaveAttribute('aria-valuenow', String(before + 10));
  expect((await box(page, '#span-list-region')).height).toBeGreaterThan(list.height);
  const details = (await box(page, '[data-testid=span-details]')).height;
  await page.getByTestId('span-list-toggle').click();
  await expect(page.getByTestId('span-list')).toBeHidden();
  await expect(page.getByTestId('span-list-toggle')).toHaveAttribute('aria-expanded', 'false');
  expect((await box(page, '[data-testid=span-details]')).height).toBeGreaterThan(details + 100);
  await page.getByTestId('span-list-toggle').click();
  await expect(spanItems(page)).toHaveCount(3);
  await readmeScreenshot(page, 'layout-1024x700.png');

  // Link mode's banner floats over the article: nothing under it moves.
  await page.locator('[data-testid=span-item][data-label=claim]').click();
  const firstBlock = page.locator('[data-testid=article] [data-block-start]').first();
  const y = (await firstBlock.boundingBox())!.y;
  await page.keyboard.press('r');
  await expect(page.getByTestId('link-banner')).toBeVisible();
  expect((await firstBlock.boundingBox())!.y).toBe(y);
  await page.keyboard.press('Escape');

  // The Schema dialog's Apply button is on screen at this size.
  await page.getByTestId('open-schema').click();
  await expect(page.getByTestId('schema-apply')).toBeInViewport({ ratio: 1 });
});

test('150 % zoom of 1024×700: one-row bar with a More menu (by keyboard), the article keeps most of the height, documents collapse to a rail', async ({ browser, serve }) => {
  const app = await serve({ annotator: WHO });
  // 150 %: a 1024×700 window shows 683×467 CSS pixels at 1.5 device pixels each.
  const context = await browser.newContext({ viewport: { width: 683, height: 467 }, deviceScaleFactor: 1.5 });
  const page = await context.newPage();
  try {
    await page.goto(app.url);
    await expect(page.getByTestId('article')).toBeVisible();
    await expect(page.locator('[data-testid=article] [data-block-start]').first()).toBeVisible();
    expect((await box(page, '.top-bar')).height).toBeLessThan(52);
    // A first start in a narrow window: the document list is a rail, the article has the room.
    await expect(page.getByTestId('documents-pane-toggle')).toHaveAttribute('aria-expanded', 'false');
    const scroller = await box(page, '.article-scroll');
    expect(scroller.height).toBeGreaterThan(0.5 * 467);
    expect(scroller.width).toBeGreaterThan(0.5 * 683);
    await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();
    await readmeScreenshot(page, 'layout-150-zoom.png');

    // Schema and the other project screens are in More, reachable by keyboard.
    await expect(page.getByTestId('open-schema')).toBeHidden();
    await tabTo(page, '[data-testid=top-more]');
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'More commands' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Label schema…' })).toBeVisible();
    for (let i = 0; i < 20 && !(await menu.getByRole('menuitem', { name: 'Label schema…' }).evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('schema-editor')).toBeVisible();
    await expect(page.getByTestId('schema-apply')).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('top-more')).toBeFocused();

    // The rail opens the list again.
    await page.getByTestId('documents-pane-toggle').click();
    await expect(page.getByTestId('doc-list')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the suggestion bar says "loading…" while suggestions are computed, keeps a group at 0 (disabled) in its place', async ({ page, serve }) => {
  const app = await serve({ annotator: WHO });
  // Hold the answer to the first suggestions request until the bar has been checked.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  let holding = true;
  await page.route('**/api/getSuggestions', async (route: Route) => {
    if (holding) {
      holding = false;
      await held;
    }
    await route.continue();
  });
  await page.goto(app.url);
  await expect(page.getByTestId('article')).toBeVisible();
  await expect(page.getByTestId('suggestion-bar')).toContainText('Suggestions: loading…');
  release();
  await expect(page.locator('[data-testid=suggestions-toggle][data-label=number]')).toBeVisible();
  await expect(page.getByTestId('suggestion-bar')).not.toContainText('loading');
  const order = await page.getByTestId('suggestions-toggle').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
  await page.locator('[data-testid=suggestions-accept-all][data-label=number]').click();
  const numberToggle = page.locator('[data-testid=suggestions-toggle][data-label=number]');
  await expect(numberToggle).toHaveText('Number (0)');
  await expect(numberToggle).toBeDisabled();
  await expect(page.locator('[data-testid=suggestions-accept-all][data-label=number]')).toBeDisabled();
  expect(await page.getByTestId('suggestions-toggle').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).toEqual(order);
});

test('the Agreement screen with one annotator says how to add another', async ({ page, serve }) => {
  const app = await serve({ annotator: WHO });
  await page.goto(app.url);
  await openDocument(page, DOC);
  await page.getByTestId('open-agreement').click();
  const empty = page.getByTestId('agreement-empty');
  await expect(empty).toContainText('Agreement needs two annotators on the same documents');
  await expect(empty).toContainText('annotations/<name>/');
  await empty.getByTestId('agreement-empty-annotator').click();
  await expect(page.getByRole('dialog', { name: 'Annotator name' })).toBeVisible();
  expect(app.projectDir).toBeTruthy();
});
