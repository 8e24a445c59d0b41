import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { readAnnotationFile, readDocumentText, spanItems, waitSaved } from './articlePage';
import { articleSelection, countPointerEvents, describeFocus, keyboardSelect, pointerEvents, selectedSpanId, tabTo } from './keyboardPage';
import { expect, test } from './serveFixture';

const FIRST = '000_341b31175584a5d7';
const DOC = '001_565ccf9d3e3b851f';
const WHO = 'keyboard-only';
const CLAIM = 'Russia has pledged additional military support to Damascus to counter the rebels, with supplies expected to arrive within the next 72 hours';

interface StoredFile {
  status: string;
  spans: { id: string; start: number; end: number; label: string; quote: string; attributes?: Record<string, unknown>; origin?: { format: string } }[];
  relations?: { type: string; from: string; to: string }[];
}
const stored = (projectDir: string) => readAnnotationFile(projectDir, WHO, DOC).json as unknown as StoredFile;

test('keyboard only: pick a document, tag a claim with a nested actor and number, set attributes, link, accept and reject suggestions, mark done, export', async ({ page, serve }) => {
  test.setTimeout(240_000);
  const app = await serve({ annotator: WHO });
  await countPointerEvents(page);
  await page.goto(app.url);
  await expect(page.getByTestId('article')).toHaveAttribute('data-doc-id', FIRST);

  // Pick a document: Tab to it in the list, Enter.
  await tabTo(page, `[data-testid=doc-item][data-doc-id="${DOC}"]`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('article')).toHaveAttribute('data-doc-id', DOC);
  await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();
  const text = readDocumentText(app.projectDir, DOC);
  const claimAt = text.indexOf(CLAIM);
  const russiaAt = claimAt;
  const hoursAt = text.indexOf('72 hours', claimAt);

  // Into the article: a caret; arrows and Shift+arrows select; a label key tags.
  await tabTo(page, '[data-testid=article]');
  await expect(page.getByTestId('article-caret')).toBeVisible();
  await keyboardSelect(page, claimAt, claimAt + CLAIM.length);
  await page.keyboard.press('c');
  await expect(spanItems(page)).toHaveCount(1);
  // The caret stays where the selection ended.
  expect(await articleSelection(page)).toEqual({ anchor: claimAt + CLAIM.length, focus: claimAt + CLAIM.length });
  await keyboardSelect(page, russiaAt, russiaAt + 'Russia'.length);
  await page.keyboard.press('a');
  await keyboardSelect(page, hoursAt, hoursAt + '72 hours'.length);
  await page.keyboard.press('n');
  await expect(spanItems(page)).toHaveCount(3);

  // The new number is selected: Enter goes to its attributes (not past every suggestion).
  const panel = page.getByTestId('attribute-panel');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attr-value')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('72');
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid=attr-approx]');
  await page.keyboard.press('1');
  await tabTo(page, '[data-testid=attr-unit]');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('hours');
  await page.keyboard.press('Enter');
  await waitSaved(page);
  const number = stored(app.projectDir).spans.find((s) => s.label === 'number');
  expect(number).toMatchObject({ quote: '72 hours', attributes: { value: 72, approx: 'exact', unit: 'hours' } });

  // Esc: back to the article; K walks back to the claim; R, Tab, Enter link it to the actor.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('article')).toBeFocused();
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  const claimId = stored(app.projectDir).spans.find((s) => s.label === 'claim')?.id;
  await expect.poll(() => selectedSpanId(page)).toBe(claimId);
  await page.keyboard.press('r');
  await expect(page.getByTestId('link-banner')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('relation-item')).toHaveCount(1);

  // Suggestions: Tab to one, Enter accepts it; Tab to the next, x rejects it.
  await expect(page.getByTestId('article')).toBeFocused();
  const focused = page.locator('[data-testid=suggestion][data-focused=true]');
  await page.keyboard.press('Tab');
  await expect(focused.first()).toBeVisible();
  await page.keyboard.press('Enter');
  // One span, or two when a claim is accepted with the claimant it names.
  await expect.poll(() => spanItems(page).count()).toBeGreaterThan(3);
  const afterAccept = await spanItems(page).count();
  expect(afterAccept).toBeLessThanOrEqual(5);
  await expect(focused.first()).toBeVisible();
  const rejected = await focused.first().getAttribute('data-suggestion-id');
  await page.keyboard.press('x');
  await expect(page.locator(`[data-testid=suggestion][data-suggestion-id="${rejected}"]`)).toHaveCount(0);
  await expect(spanItems(page)).toHaveCount(afterAccept);

  // Done: Ctrl+Enter marks it and moves on.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('article')).not.toHaveAttribute('data-doc-id', DOC);
  await expect.poll(() => stored(app.projectDir).status).toBe('done');
  const saved = stored(app.projectDir);
  expect(saved.spans).toHaveLength(afterAccept);
  expect(saved.spans.filter((s) => s.origin?.format === 'suggestion')).toHaveLength(afterAccept - 3);
  expect(saved.relations).toContainEqual(expect.objectContaining({ type: 'attributed_to', from: claimId, to: saved.spans.find((s) => s.label === 'actor' && s.start === russiaAt)?.id }));

  // Export: Ctrl+E, Tab to Export, Enter; the browser downloads what was written, under the previewed name.
  await page.keyboard.press('Control+e');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('export-preview')).toContainText('First record of 1');
  const previewName = /\(([^()]+\.jsonl)\)/.exec((await dialog.getByTestId('export-preview').textContent()) ?? '')?.[1];
  expect(previewName).toBeTruthy();
  await tabTo(page, '[data-testid=export-run]');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const anyway = dialog.getByTestId('export-anyway');
  await expect(anyway.or(dialog.getByTestId('export-result'))).toBeVisible();
  if (await anyway.isVisible()) {
    // The accepted suggestion may lack what an export checks for: go on anyway, by keyboard.
    await tabTo(page, '[data-testid=export-anyway]');
    await page.keyboard.press('Enter');
  }
  await expect(dialog.getByTestId('export-result')).toContainText(previewName!);
  const file = await download;
  expect(file.suggestedFilename()).toBe(previewName!.replace(/\.jsonl$/, '.zip'));
  await expect(dialog.getByTestId('export-download')).toContainText(file.suggestedFilename());
  const zipPath = join(mkdtempSync(join(tmpdir(), 'factmark-download-')), file.suggestedFilename());
  await file.saveAs(zipPath);
  const entries = unzipSync(readFileSync(zipPath));
  const written = readFileSync(join(app.projectDir, 'exports', previewName!), 'utf8');
  expect(strFromU8(entries[previewName!]!)).toBe(written);
  // The record's offsets (code points) pick out the quotes.
  const record = JSON.parse(written.trim().split('\n')[0]!) as { id: string; text: string; spans: { start: number; end: number; label: string; text: string }[] };
  expect(record.id).toBe(DOC);
  for (const s of record.spans) expect([...record.text].slice(s.start, s.end).join('')).toBe(s.text);
  expect(record.spans.map((s) => s.text)).toEqual(expect.arrayContaining([CLAIM, 'Russia', '72 hours']));

  expect(await pointerEvents(page)).toEqual([]);
});

test('no keyboard trap: Tab steps through suggestions only from the article, then on to every control', async ({ page, serve }) => {
  const app = await serve({ annotator: WHO });
  await page.goto(app.url);
  await expect(page.locator('[data-testid=suggestion]').first()).toBeVisible();
  const suggestions = await page.locator('[data-testid=suggestion]').evaluateAll((els) => new Set(els.map((e) => e.getAttribute('data-suggestion-id'))).size);
  const focused = page.locator('[data-testid=suggestion][data-focused=true]');

  // From the page (nothing focused), Tab goes to the controls, never to suggestions.
  await page.keyboard.press('Tab');
  await expect(focused).toHaveCount(0);
  expect(await describeFocus(page)).not.toBe('body');

  // From the article, Tab walks the suggestions and, after the last, leaves the article.
  await tabTo(page, '[data-testid=article]');
  for (let i = 0; i < suggestions; i++) {
    await page.keyboard.press('Tab');
    await expect(focused.first()).toBeVisible();
    await expect(page.getByTestId('article')).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(focused).toHaveCount(0);
  await expect(page.getByTestId('article')).not.toBeFocused();
  // And on around: the top bar's Export, the document list and the span list are all reachable.
  await tabTo(page, '[data-testid=open-export]');
  await tabTo(page, '[data-testid=doc-item]');
  await tabTo(page, '[data-testid=article]');
  // Shift+Tab from the article with no suggestion focused goes back, not into the suggestions.
  await page.keyboard.press('Shift+Tab');
  await expect(focused).toHaveCount(0);
  await expect(page.getByTestId('article')).not.toBeFocused();
  await expect(readDocumentText(app.projectDir, FIRST).length).toBeGreaterThan(0);
});

test('Ctrl+A then a label key asks before tagging the whole article; J/K and the span list move between spans', async ({ page, serve }) => {
  const app = await serve({ annotator: WHO });
  await page.goto(app.url);
  await expect(page.getByTestId('article')).toHaveAttribute('data-doc-id', FIRST);
  await tabTo(page, '[data-testid=article]');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('1');
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('Tag the whole article as one Claim?');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(spanItems(page)).toHaveCount(0);

  await page.keyboard.press('Control+a');
  await page.keyboard.press('1');
  await expect(confirm).toBeVisible();
  await expect(page.getByTestId('confirm-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);
  const text = readDocumentText(app.projectDir, FIRST);
  const [whole] = readAnnotationFile(app.projectDir, WHO, FIRST).json.spans;
  expect(whole?.label).toBe('claim');
  // The whole text, snapped: from its first word to its last (trailing punctuation trimmed).
  expect(whole!.start).toBe(text.search(/\S/));
  expect(text.slice(whole!.end).trim()).toMatch(/^[.…]*$/);
  await page.keyboard.press('Control+z');
  await expect(spanItems(page)).toHaveCount(0);

  // Two spans; J and K select them in text order from the caret; the span list's arrows too.
  const russia = text.indexOf('Russia has promised');
  await keyboardSelect(page, russia, russia + 6);
  await page.keyboard.press('a');
  const hours = text.indexOf('72 hours');
  await keyboardSelect(page, hours, hours + 8);
  await page.keyboard.press('n');
  await expect(spanItems(page)).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveCount(0);
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('j');
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveAttribute('data-label', 'actor');
  await page.keyboard.press('j');
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveAttribute('data-label', 'number');
  await page.keyboard.press('k');
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveAttribute('data-label', 'actor');
  await tabTo(page, '[data-testid=span-list]');
  await page.keyboard.press('End');
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveAttribute('data-label', 'number');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveAttribute('data-label', 'actor');
  await expect(page.getByTestId('span-list')).toHaveAttribute('aria-activedescendant', /^span-item-/);
  // A label key on the focused list relabels; Delete removes.
  await page.keyboard.press('Delete');
  await expect(spanItems(page)).toHaveCount(1);
});
