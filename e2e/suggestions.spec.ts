import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseAnnotator, openDocument, readAnnotationFile, readDocumentText, spanItems, waitSaved } from './articlePage';
import { expect, repoRoot, test } from './serveFixture';
import { focusedBox, tabTo } from './suggestionKeys';

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
  // Tab steps through suggestions while the article has the focus (elsewhere it moves between controls).
  await page.getByTestId('article').focus();
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


interface SavedFile {
  spans: { id: string; label: string; quote: string; origin?: { format: string; file: string }; attributes?: Record<string, unknown> }[];
  relations?: { type: string; from: string; to: string }[];
}

test('a claim suggestion says who said it; Enter accepts it with its claimant as attributed_to, undo takes both back', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);
  const claimStart = text.indexOf('The pledge comes amid');
  await expect(page.locator('[data-testid=suggestion][data-label=claim]').first()).toBeVisible();
  const claimId = await page
    .locator('[data-testid=suggestion][data-label=claim]')
    .evaluateAll((els, start) => els.map((e) => e.getAttribute('data-suggestion-id')).find((id) => id?.startsWith(`claim:${start}-`)), claimStart);
  expect(claimId).toBeTruthy();
  // Tab steps through suggestions while the article has the focus (elsewhere it moves between controls).
  await page.getByTestId('article').focus();
  await tabTo(page, claimId!);
  // The tooltip and the bar name the claimant.
  await expect(page.locator(`[data-testid=suggestion][data-suggestion-id="${claimId}"]`).first()).toHaveAttribute('title', /said by “Reuters”/);
  await expect(page.getByTestId('suggestion-focus')).toHaveText(/^Claim, said by “Reuters”, score \d\.\d\d$/);
  const reutersAt = text.indexOf('Reuters');
  await expect(page.locator(`[data-testid=suggestion][data-suggestion-id="actor:${reutersAt}-${reutersAt + 7}"]`)).toHaveAttribute('data-claimant', 'true');
  await page.screenshot({ path: '/tmp/suggestions-claimant.png' });
  await page.keyboard.press('Enter');
  await expect(spanItems(page)).toHaveCount(2);
  await waitSaved(page);
  const saved = readAnnotationFile(app.projectDir, WHO, DOC).json as unknown as SavedFile;
  const claim = saved.spans.find((s) => s.label === 'claim');
  const reuters = saved.spans.find((s) => s.label === 'actor');
  expect(claim).toMatchObject({ quote: 'The pledge comes amid a rapidly changing battlefield, with rebels making significant gains in recent days', origin: { format: 'suggestion', file: 'claims' } });
  expect(reuters).toMatchObject({ quote: 'Reuters', origin: { format: 'suggestion', file: 'actors' } });
  expect(saved.relations).toMatchObject([{ type: 'attributed_to', from: claim!.id, to: reuters!.id }]);
  // One undoable step: the claim, its claimant and the relation go together.
  await page.locator('body').press('Control+z');
  await expect(spanItems(page)).toHaveCount(0);
});

test('Shift+Tab goes back, y accepts, Backspace rejects, a label key accepts as that label; exports hold only accepted spans', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, DOC);
  await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();
  // Tab steps through suggestions while the article has the focus (elsewhere it moves between controls).
  await page.getByTestId('article').focus();
  await page.keyboard.press('Tab');
  const first = await focusedBox(page).getAttribute('data-suggestion-id');
  await page.keyboard.press('Tab');
  const second = await focusedBox(page).getAttribute('data-suggestion-id');
  expect(second).not.toBe(first);
  await page.keyboard.press('Shift+Tab');
  await expect(focusedBox(page)).toHaveAttribute('data-suggestion-id', first!);

  // y accepts the focused suggestion, the focus moves on.
  await page.keyboard.press('y');
  await expect(spanItems(page)).toHaveCount(1);
  await expect(focusedBox(page)).toBeVisible();
  // Backspace rejects the next one.
  const rejectedId = await focusedBox(page).getAttribute('data-suggestion-id');
  await page.keyboard.press('Backspace');
  await expect(page.locator(`[data-testid=suggestion][data-suggestion-id="${rejectedId}"]`)).toHaveCount(0);
  await expect(spanItems(page)).toHaveCount(1);

  // "72 hours" (a number suggestion) accepted with the Claim key becomes a claim.
  const text = readDocumentText(app.projectDir, DOC);
  const hoursAt = text.indexOf('72 hours');
  await tabTo(page, `number:${hoursAt}-${hoursAt + 8}`);
  await page.keyboard.press('1');
  await expect(spanItems(page)).toHaveCount(2);
  await waitSaved(page);
  const saved = readAnnotationFile(app.projectDir, WHO, DOC).json as unknown as SavedFile;
  const hours = saved.spans.find((s) => s.quote === '72 hours');
  expect(hours).toMatchObject({ label: 'claim', origin: { format: 'suggestion', file: 'numbers' } });
  expect(hours?.attributes?.value).toBeUndefined();
  expect(saved.spans).toHaveLength(2);

  // An export holds the two accepted spans and no suggestion; its card counts them.
  const out = join(app.projectDir, '..', 'suggest-export.jsonl');
  const run = spawnSync(process.execPath, [join(repoRoot, 'bin', 'factmark.js'), 'export', '--format', 'jsonl', '--scope', 'all', '--annotator', WHO, '--out', out, app.projectDir], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; spans: unknown[] });
  expect(lines.flatMap((l) => l.spans)).toHaveLength(2);
  expect(lines.find((l) => l.id === DOC)?.spans).toHaveLength(2);
  const card = readFileSync(`${out}.README.md`, 'utf8');
  expect(card).toContain('2 spans of the exported documents were proposed by');
});
