import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  docItem,
  docItems,
  dragSelect,
  openDocument,
  readAnnotationFile,
  readDocumentText,
  spanItems,
  tagQuote,
  waitForProject,
  waitSaved,
} from './articlePage';
import { expect, test } from './serveFixture';
import { HEAVY_WORK_MS, RESPONSIVE_MS, TEST_MS } from './waits';

const ANNOTATOR = 'e2e-tester';
const FIRST_DOC = '000_341b31175584a5d7';
const SAMPLE_DOCS = 5;

test('document list: title search, status filter after Ctrl+Enter, span counts per label', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);

  // Title search (case-insensitive), then cleared.
  const search = page.getByTestId('doc-search');
  await search.fill('aleppo');
  await expect(docItems(page)).toHaveCount(2);
  await expect(docItem(page, '001_565ccf9d3e3b851f')).toBeVisible();
  await expect(docItem(page, '002_ee4df2b2a6fab1ba')).toBeVisible();
  await search.fill('no title has this');
  await expect(docItems(page)).toHaveCount(0);
  await expect(page.getByTestId('doc-list')).toContainText('No document matches.');
  await search.fill('');
  await expect(docItems(page)).toHaveCount(SAMPLE_DOCS);

  // Two claims and an actor: the list shows the counts per label.
  await openDocument(page, FIRST_DOC);
  const text = readDocumentText(app.projectDir, FIRST_DOC);
  await tagQuote(page, text, 'Russia has promised to send additional military aid', '1');
  await tagQuote(page, text, 'The pledge comes amid a rapidly changing battlefield', 'c');
  await tagQuote(page, text, 'Reuters', 'a');
  await expect(spanItems(page)).toHaveCount(3);
  const item = docItem(page, FIRST_DOC);
  await expect(item.locator('.count[title="2 Claim"]')).toHaveText('2');
  await expect(item.locator('.count[title="1 Actor"]')).toHaveText('1');
  await expect(item.locator('.count[title$="Number"]')).toHaveCount(0);

  // Ctrl+Enter: done, saved, and the next document not done is opened.
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('[data-testid=doc-item][aria-current=true]')).toHaveAttribute('data-doc-id', '001_565ccf9d3e3b851f');
  await expect(item).toHaveAttribute('data-status', 'done');
  expect(readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).json.status).toBe('done');

  const filter = page.getByTestId('status-filter');
  await filter.selectOption('done');
  await expect(docItems(page)).toHaveCount(1);
  await expect(docItems(page).first()).toHaveAttribute('data-doc-id', FIRST_DOC);
  await filter.selectOption('todo');
  await expect(docItems(page)).toHaveCount(SAMPLE_DOCS - 1);
  await expect(item).toHaveCount(0);
  await filter.selectOption('all');
  await expect(docItems(page)).toHaveCount(SAMPLE_DOCS);

  // Counts and status come from disk after a reload.
  await page.reload();
  await waitForProject(page, SAMPLE_DOCS);
  await expect(item).toHaveAttribute('data-status', 'done');
  await expect(item.locator('.count[title="2 Claim"]')).toBeVisible();
});

/** ~10 MB of prose in short paragraphs, each with a unique word (w<n>x) to find it by. */
function largeArticle(targetBytes: number): string {
  const parts: string[] = ['A very long report\n'];
  let size = parts[0]!.length;
  for (let n = 0; size < targetBytes; n++) {
    const p = `Paragraph w${n}x says that the committee met again on day ${n % 365} and heard evidence from many witnesses about the matter.\n`;
    parts.push(p);
    size += p.length;
  }
  return parts.join('');
}

test('a 10 MB article opens page by page, stays responsive, and tags on page 2 at absolute offsets', async ({ page, serve }) => {
  test.setTimeout(TEST_MS + HEAVY_WORK_MS);
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);

  const text = largeArticle(10 * 1024 * 1024);
  await page.getByTestId('import-input').setInputFiles({ name: 'huge-report.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(docItem(page, 'huge-report')).toBeVisible({ timeout: HEAVY_WORK_MS });
  expect(readDocumentText(app.projectDir, 'huge-report')).toBe(text);

  await docItem(page, 'huge-report').click();
  const pager = page.getByTestId('article-pager').first();
  await expect(pager).toBeVisible({ timeout: HEAVY_WORK_MS });
  const status = pager.locator('.fm-article-pager-status');
  await expect(status).toHaveAttribute('data-page', '1');
  const pages = Number(await status.getAttribute('data-pages'));
  expect(pages).toBeGreaterThan(20);
  // Only one page is in the DOM, not 10 MB of text.
  const shown = await page.evaluate(() => document.querySelector('[data-testid=article]')!.textContent!.length);
  expect(shown).toBeLessThan(400_000);
  // A long page is built in two steps (its first 20,000 characters, then the rest once painted):
  // the whole page, not just the first chunk, ends up in the DOM.
  const article = page.getByTestId('article');
  await expect(article).toHaveAttribute('data-complete', 'true');
  const lastBlockStart = Number(await article.locator('[data-block-start]').last().getAttribute('data-block-start'));
  expect(lastBlockStart).toBeGreaterThan(100_000);

  // Responsive: a round trip into the page is quick, and the shortcuts overlay opens.
  const t0 = Date.now();
  await page.evaluate(() => 1);
  expect(Date.now() - t0).toBeLessThan(RESPONSIVE_MS);
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts-overlay')).toBeVisible({ timeout: RESPONSIVE_MS });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts-overlay')).toBeHidden();

  await pager.getByTestId('article-page-next').click();
  await expect(status).toHaveAttribute('data-page', '2');
  const pageStart = Number(
    await page.locator('[data-testid=article] [data-block-start]').first().getAttribute('data-block-start'),
  );
  expect(pageStart).toBeGreaterThan(100_000);
  // A paragraph a little into page 2.
  const firstN = Number(/w(\d+)x/.exec(text.slice(pageStart, pageStart + 300))![1]);
  const quote = `w${firstN + 5}x says`;
  const at = text.indexOf(quote);
  expect(at).toBeGreaterThan(pageStart);
  await dragSelect(page, at, at + quote.length);
  await page.keyboard.press('1');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);
  const saved = readAnnotationFile(app.projectDir, ANNOTATOR, 'huge-report').json;
  expect(saved.spans.map((s) => [s.start, s.end, s.label, s.quote])).toEqual([[at, at + quote.length, 'claim', quote]]);
  expect(text.slice(saved.spans[0]!.start, saved.spans[0]!.end)).toBe(quote);
});

test('projects: create a new one, go back through Recent, open by path; the recent list survives a reload', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  const sampleDir = realpathSync(app.projectDir);
  const newDir = join(dirname(sampleDir), 'fresh project');
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);

  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[name=name]').fill('Election claims 2025');
  await dialog.locator('input[name=path]').fill(newDir);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.project-name')).toHaveText('Election claims 2025');
  await expect(docItems(page)).toHaveCount(0);
  await expect(page.getByTestId('doc-list')).toContainText('No documents yet');
  const created = JSON.parse(readFileSync(join(newDir, 'project.json'), 'utf8'));
  expect(created.name).toBe('Election claims 2025');
  expect(created.labels.map((l: { id: string }) => l.id)).toEqual(['claim', 'actor', 'number']);

  // Creating over an existing project is refused in the dialog.
  await page.getByRole('button', { name: 'New project' }).click();
  await dialog.locator('input[name=name]').fill('Again');
  await dialog.locator('input[name=path]').fill(newDir);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already a Factmark project');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Back to the first project through the Recent menu.
  await page.getByRole('button', { name: /Recent/ }).click();
  await page.getByRole('menuitem', { name: sampleDir, exact: true }).click();
  await waitForProject(page, SAMPLE_DOCS);
  await expect(page.locator('.project-name')).toContainText('Aleppo');

  // Open project with a typed path (the browser has no folder dialog); a wrong path is explained.
  await page.getByRole('button', { name: 'Open project' }).click();
  await dialog.locator('input[name=path]').fill(join(dirname(sampleDir), 'nowhere'));
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('not found');
  await dialog.locator('input[name=path]').fill(newDir);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.project-name')).toHaveText('Election claims 2025');

  // A reload keeps the project and the recent list (most recent first).
  await page.reload();
  await expect(page.locator('.project-name')).toHaveText('Election claims 2025');
  await page.getByRole('button', { name: /Recent/ }).click();
  await expect(page.getByRole('menuitem')).toHaveText([realpathSync(newDir), sampleDir]);
  const settings = JSON.parse(readFileSync(join(app.dataDir, 'settings.json'), 'utf8'));
  expect(settings.recentProjects).toEqual([realpathSync(newDir), sampleDir]);
  expect(existsSync(join(newDir, 'documents'))).toBe(true);
});

test('span panel: clicking an item selects its span and scrolls its mark into view; Delete removes it', async ({ page, serve }) => {
  await page.setViewportSize({ width: 1400, height: 600 });
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);
  await openDocument(page, FIRST_DOC);
  const text = readDocumentText(app.projectDir, FIRST_DOC);

  // One span near the end, one near the start (which leaves the article scrolled to the top).
  const late = text.indexOf('Anduril Industries');
  expect(late).toBeGreaterThan(text.length * 0.9);
  await tagQuote(page, text, 'Anduril Industries', '2');
  await tagQuote(page, text, 'Russia', '2');
  await expect(spanItems(page)).toHaveCount(2);
  await page.keyboard.press('Escape');
  await waitSaved(page);
  const spans = readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).json.spans;
  const lateSpan = spans.find((s) => s.start === late)!;
  expect(lateSpan).toBeTruthy();

  const lateMark = page.locator(`[data-testid=article] mark[data-span-ids~="${lateSpan.id}"]`);
  await page.locator('.article-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect(lateMark).not.toBeInViewport();

  const lateItem = page.locator(`[data-testid=span-item][data-span-id="${lateSpan.id}"]`);
  await expect(spanItems(page).nth(1)).toHaveAttribute('data-span-id', lateSpan.id); // text order
  await lateItem.click();
  await expect(lateItem).toHaveAttribute('aria-selected', 'true');
  await expect(spanItems(page).first()).toHaveAttribute('aria-selected', 'false');
  await expect(lateMark).toBeInViewport();

  await page.keyboard.press('Delete');
  await expect(spanItems(page)).toHaveCount(1);
  await expect(lateMark).toHaveCount(0);
  await waitSaved(page);
  const after = readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).json.spans;
  expect(after.map((s) => s.id)).toEqual(spans.filter((s) => s.id !== lateSpan.id).map((s) => s.id));
});
