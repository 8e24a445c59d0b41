import { expect, type Page } from '@playwright/test';

/** The suggestion Tab moved to (its outline carries data-focused). */
export const focusedBox = (page: Page) => page.locator('[data-testid=suggestion][data-focused=true]').first();

/**
 * Tab (from the article, where Tab steps through suggestions) until the suggestion `id` has the
 * focus. After the last suggestion Tab leaves the article, as it does for a person; coming back
 * into the article starts again from the first.
 */
export async function tabTo(page: Page, id: string) {
  const article = page.getByTestId('article');
  await article.focus();
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    // Either a suggestion has the focus, or Tab left the article after the last one.
    await expect.poll(async () => (await focusedBox(page).count()) > 0 || !(await article.evaluate((el) => el === document.activeElement))).toBe(true);
    if ((await focusedBox(page).count()) === 0) {
      await article.focus();
      continue;
    }
    if ((await focusedBox(page).getAttribute('data-suggestion-id')) === id) return;
  }
  throw new Error(`Tab never reached ${id}`);
}
