import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseAnnotator, openDocument, readDocumentText, spanItems, tagQuote, waitSaved } from './articlePage';
import { expect, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';
import { expectToast } from './toastLog';

const DOC = '000_341b31175584a5d7';
const OTHER = '001_565ccf9d3e3b851f';
const WHO = 'e2e-tester';
const CLAIM = 'Russia has promised to send additional military aid to Syria within the next 72 hours';

interface StoredFile {
  spans: { id: string; label: string; quote: string; attributes?: Record<string, unknown> }[];
  relations?: { id: string; type: string; from: string; to: string }[];
}
const readFile = (projectDir: string, docId: string) =>
  JSON.parse(readFileSync(join(projectDir, 'annotations', WHO, `${docId}.json`), 'utf8')) as StoredFile;

test('tag a claim, an actor inside it and a number, set the value, link claim -> actor, reload, export', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);
  const claimAt = text.indexOf(CLAIM);

  await tagQuote(page, text, CLAIM, 'c');
  await tagQuote(page, text.slice(0, claimAt + 10), 'Russia', 'a', text.slice(0, claimAt).split('Russia').length - 1);
  const hoursAt = text.indexOf('72 hours', claimAt);
  await tagQuote(page, text.slice(0, hoursAt + 8), '72 hours', 'n', text.slice(0, hoursAt).split('72 hours').length - 1);
  await expect(spanItems(page)).toHaveCount(3);

  // The number is selected: its value and unit in the attribute panel.
  const panel = page.getByTestId('attribute-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('attr-value').fill('72');
  await panel.getByTestId('attr-value').press('Enter');
  await panel.getByTestId('attr-unit').fill('hours');
  await panel.getByTestId('attr-unit').press('Enter');

  // Link the claim to its actor: select the claim, R, Tab to the candidate, Enter.
  await page.locator('[data-testid=span-item][data-label=claim]').click();
  await page.locator('body').press('r');
  await expect(page.getByTestId('link-banner')).toContainText('Pick the target span');
  // Only the actor can be the target of "attributed to" from a claim.
  await expect(page.locator('[data-testid=article] mark[data-link-candidate=true]')).toHaveCount(1);
  await page.keyboard.press('Tab');
  await expect(page.locator('[data-testid=article] mark[data-link-focus=true]')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('link-banner')).toBeHidden();
  const items = page.getByTestId('relation-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('attributed to → Actor “Russia”');
  await expect(page.getByTestId('relation-arc')).toHaveCount(1);
  await readmeScreenshot(page, 'relations.png');

  // Undo and redo cover the relation.
  await page.locator('body').press('Control+z');
  await expect(items).toHaveCount(0);
  await page.locator('body').press('Control+Shift+z');
  await expect(items).toHaveCount(1);

  // A relation the types do not allow is never offered: from the actor, nothing is a target.
  await page.locator('[data-testid=span-item][data-label=actor]').click();
  await page.locator('body').press('r');
  await expect(page.getByTestId('link-banner')).toBeHidden();
  await expectToast(page, 'No relation type starts at a span labelled Actor');

  // Reload: everything is still there, and on disk.
  await waitSaved(page);
  await page.reload();
  await openDocument(page, DOC);
  await page.locator('[data-testid=span-item][data-label=claim]').click();
  await expect(page.getByTestId('relation-item')).toHaveCount(1);
  const stored = readFile(app.projectDir, DOC);
  const byLabel = (l: string) => stored.spans.find((s) => s.label === l)!;
  expect(byLabel('number')).toMatchObject({ quote: '72 hours', attributes: { value: 72, unit: 'hours' } });
  expect(stored.relations).toEqual([
    expect.objectContaining({ type: 'attributed_to', from: byLabel('claim').id, to: byLabel('actor').id }),
  ]);

  // Mark done, export JSONL: the check finds nothing to report, and the record carries it all.
  await page.locator('body').press('Control+Enter');
  await expect(page.locator(`[data-testid=doc-item][data-doc-id="${DOC}"]`)).toHaveAttribute('data-status', 'done');
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-run').click();
  const result = dialog.getByTestId('export-result');
  await expect(result).toContainText('.jsonl');
  await expect(dialog.getByTestId('export-problems')).toHaveCount(0);
  const written = /(\/\S+\.jsonl)/.exec((await result.textContent()) ?? '')?.[1];
  expect(written && existsSync(written)).toBeTruthy();
  const record = JSON.parse(readFileSync(written!, 'utf8').trim()) as {
    spans: { label: string; text: string; attributes?: Record<string, unknown> }[];
    relations: { head: number; child: number; label: string }[];
  };
  expect(record.spans.map((s) => [s.label, s.text])).toEqual([
    ['claim', CLAIM],
    ['actor', 'Russia'],
    ['number', '72 hours'],
  ]);
  expect(record.spans[2]!.attributes).toMatchObject({ value: 72, unit: 'hours' });
  expect(record.relations).toEqual([expect.objectContaining({ head: 0, child: 1, label: 'attributed_to' })]);
});

test('the check before export lists problems and jumps to them', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);
  await tagQuote(page, text, CLAIM, 'c');
  await page.locator('body').press('Control+Enter');
  await expect(page.locator(`[data-testid=doc-item][data-doc-id="${DOC}"]`)).toHaveAttribute('data-status', 'done');
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-run').click();
  const problem = dialog.getByTestId('export-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-kind', 'claim-without-claimant');
  await readmeScreenshot(page, 'export-check.png');
  await problem.getByTestId('export-problem-jump').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('article')).toHaveAttribute('data-doc-id', DOC);
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveAttribute('data-label', 'claim');
  // Export anyway writes the file.
  await page.getByTestId('open-export').click();
  await dialog.getByTestId('export-run').click();
  await dialog.getByTestId('export-anyway').click();
  await expect(dialog.getByTestId('export-result')).toContainText('.jsonl');
});

test('link actors to entities: create, pick by a fuzzy name, filter the document list', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, WHO);
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);
  await tagQuote(page, text, 'Russia', 'a');
  const picker = page.getByTestId('entity-picker');
  await expect(picker.getByTestId('entity-input')).toHaveValue('Russia');
  await expect(picker.getByTestId('entity-create')).toContainText('Create “Russia”');
  await picker.getByTestId('entity-input').press('Enter');
  await expect(picker.getByTestId('entity-linked')).toHaveText('Russia');
  await waitSaved(page);
  expect(JSON.parse(readFileSync(join(app.projectDir, 'entities.json'), 'utf8'))).toEqual({
    schemaVersion: 1,
    entities: [{ id: 'russia', name: 'Russia', aliases: [] }],
  });
  expect(readFile(app.projectDir, DOC).spans[0]!.attributes).toMatchObject({ entity: 'russia' });

  // Another document: "Moscow" is linked to Russia by picking it from a fuzzy search (a typo too).
  await openDocument(page, OTHER);
  const other = readDocumentText(app.projectDir, OTHER);
  const quote = ['Moscow', 'Russian', 'Kremlin', 'Putin'].find((q) => other.includes(q))!;
  await tagQuote(page, other, quote, 'a');
  await picker.getByTestId('entity-input').fill('rusia');
  await expect(picker.getByTestId('entity-option').first()).toHaveAttribute('data-entity-id', 'russia');
  await picker.getByTestId('entity-input').press('Enter');
  await expect(picker.getByTestId('entity-linked')).toHaveText('Russia');
  await readmeScreenshot(page, 'entity-picker.png');
  await waitSaved(page);
  // The span's text became an alias, so the next search finds it at once.
  await expect.poll(() => JSON.parse(readFileSync(join(app.projectDir, 'entities.json'), 'utf8')).entities[0].aliases).toEqual([quote]);

  // The document list filters by entity.
  const docItems = page.getByTestId('doc-item');
  const total = await docItems.count();
  await page.getByTestId('entity-filter').selectOption('russia');
  await expect(docItems).toHaveCount(2);
  await expect(page.locator(`[data-testid=doc-item][data-doc-id="${DOC}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid=doc-item][data-doc-id="${OTHER}"]`)).toBeVisible();
  await page.getByTestId('entity-filter').selectOption('');
  await expect(docItems).toHaveCount(total);
});
