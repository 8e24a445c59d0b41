import { chooseAnnotator } from './articlePage';
import { expect, test } from './serveFixture';

/**
 * The address `factmark serve` prints carries its access token; the browser exchanges it for an
 * HttpOnly cookie and the token leaves the address bar (and with it the history). Scripts in the
 * page cannot read the cookie (docs/security.md).
 */
test('the printed token leaves the address; the page works on its HttpOnly cookie', async ({ page, app }) => {
  await page.goto(app.url);
  const origin = app.url.replace(/\?.*$/, '');
  expect(page.url()).toBe(origin);
  expect(await page.evaluate(() => document.cookie)).not.toContain('factmark-session');
  const cookies = await page.context().cookies(origin);
  expect(cookies).toEqual([expect.objectContaining({ name: expect.stringMatching(/^factmark-session-\d+$/), httpOnly: true, sameSite: 'Strict', path: '/' })]);
  // The API answers the page: the annotator can be chosen and the palette shows the labels.
  await chooseAnnotator(page, 'e2e-tester');
  await expect(page.getByTestId('label-palette')).toContainText('Claim');
  // Reloading the bare address keeps working.
  await page.reload();
  await expect(page.getByTestId('label-palette')).toContainText('Claim');
  // Without the cookie, the bare address cannot reach the API.
  await page.context().clearCookies();
  await page.reload();
  await expect(page.getByText(/open the exact address `factmark serve` printed/).first()).toBeVisible();
});
