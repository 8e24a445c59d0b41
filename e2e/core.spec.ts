import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { runCoreJourney } from './coreJourney';
import { expect, repoRoot, test } from './serveFixture';

test('annotator core loop in the browser (factmark serve)', async ({ page, app }) => {
  await page.goto(app.url);
  mkdirSync(join(repoRoot, 'docs/screenshots'), { recursive: true });
  await runCoreJourney(page, app.projectDir, { screenshot: join(repoRoot, 'docs/screenshots/annotating.png') });
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
  for (const t of ['Delete', 'Ctrl + Z', 'Ctrl + Shift + Z', 'Ctrl + Enter', 'Esc', 'Alt', '1', '2', '3']) await expect(overlay).toContainText(t);
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
});
