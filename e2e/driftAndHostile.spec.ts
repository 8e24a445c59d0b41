import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docItem, dragSelect, openDocument, readAnnotationFile, readDocumentText, spanItems, tagQuote, waitForProject, waitSaved } from './articlePage';
import { spanContext } from '../shared/annotation/reanchor';
import { expect, repoRoot, test } from './serveFixture';

const ANNOTATOR = 'e2e-tester';
const FIRST_DOC = '000_341b31175584a5d7';
const SAMPLE_DOCS = 5;
const T0 = '2026-01-02T03:04:05.000Z';

test('a text edited on disk is repaired: exact spans move, an orphan is placed by hand, the file is rewritten against the new text', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);
  await openDocument(page, FIRST_DOC);
  const text = readDocumentText(app.projectDir, FIRST_DOC);
  await tagQuote(page, text, 'Reuters', '2');
  await tagQuote(page, text, 'swift offensive launched by insurgent forces', '1');
  await expect(spanItems(page)).toHaveCount(2);
  await waitSaved(page);

  // The desk edits the text: a line before every span, and words inside the claim.
  const edited = `UPDATED by the desk.\n\n${text.replace('swift offensive', 'swift and unexpected offensive')}`;
  writeFileSync(join(app.projectDir, 'documents', `${FIRST_DOC}.txt`), edited);
  await page.reload();
  await waitForProject(page, SAMPLE_DOCS);
  await expect(docItem(page, FIRST_DOC)).toContainText('text changed');
  await openDocument(page, FIRST_DOC);
  await expect(page.getByTestId('text-changed-banner')).toBeVisible();
  await page.getByTestId('repair-button').click();
  await expect(page.getByTestId('repair-moved')).toHaveCount(1);
  await expect(page.getByTestId('repair-orphan')).toHaveCount(1);
  await expect(page.getByTestId('repair-orphan')).toContainText('swift offensive launched');
  await page.screenshot({ path: '/tmp/h5b-repair-panel.png' });

  // Place the orphan on the new wording by selecting it in the article.
  const claim = 'swift and unexpected offensive launched by insurgent forces';
  const at = edited.indexOf(claim);
  await dragSelect(page, at, at + claim.length);
  await page.getByTestId('repair-place').click();
  await expect(page.getByTestId('repair-orphan')).toContainText('will be placed');
  await page.getByTestId('repair-apply').click();
  await expect(page.getByTestId('text-changed-banner')).toHaveCount(0);
  await expect(page.getByTestId('doc-status')).toBeEnabled();

  const stored = JSON.parse(readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).raw);
  expect(stored.textSha256).toBe(createHash('sha256').update(edited).digest('hex'));
  expect(stored.spans.map((s: { quote: string }) => s.quote).sort()).toEqual(['Reuters', claim]);
  for (const s of stored.spans) expect(edited.slice(s.start, s.end)).toBe(s.quote);
  expect(stored.orphans).toBeUndefined();

  // Editable again: a new tag is saved.
  await tagQuote(page, edited, 'Syria', '2');
  await expect(spanItems(page)).toHaveCount(3);
  await waitSaved(page);
  expect(JSON.parse(readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).raw).spans).toHaveLength(3);
});

test('orphans left by a repair stay listed, survive saves, and are placed from their suggestion or dropped', async ({ page, serve }) => {
  // The annotations and the edited text are on disk before the app starts (as after a git pull).
  let edited = '';
  const app = await serve({
    annotator: ANNOTATOR,
    prepare: ({ projectDir }) => {
      const text = readDocumentText(projectDir, FIRST_DOC);
      const spanAt = (id: string, quote: string, label: string) => {
        const start = text.indexOf(quote);
        return { id, start, end: start + quote.length, label, quote, ...spanContext(text, start, start + quote.length), createdAt: T0, updatedAt: T0 };
      };
      const annotation = {
        schemaVersion: 1,
        docId: FIRST_DOC,
        textSha256: createHash('sha256').update(text).digest('hex'),
        annotator: ANNOTATOR,
        status: 'in_progress',
        spans: [spanAt('a', 'swift offensive launched by insurgent forces', 'claim'), spanAt('b', 'two military sources', 'claim')],
        updatedAt: T0,
      };
      mkdirSync(join(projectDir, 'annotations', ANNOTATOR), { recursive: true });
      writeFileSync(join(projectDir, 'annotations', ANNOTATOR, `${FIRST_DOC}.json`), `${JSON.stringify(annotation, null, 2)}\n`);
      // One quote edited a little (a suggestion is offered), one deleted.
      edited = text.replace('swift offensive', 'swift new offensive').replace('according to two military sources cited by Reuters', 'according to Reuters');
      writeFileSync(join(projectDir, 'documents', `${FIRST_DOC}.txt`), edited);
    },
  });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);
  await openDocument(page, FIRST_DOC);
  await page.getByTestId('repair-button').click();
  await expect(page.getByTestId('repair-orphan')).toHaveCount(2);
  // Apply without deciding: both stay orphans, the document is editable.
  await page.getByTestId('repair-apply').click();
  const orphans = page.getByTestId('orphans-banner');
  await expect(orphans).toBeVisible();
  await expect(orphans.getByTestId('repair-orphan')).toHaveCount(2);
  expect(JSON.parse(readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).raw).orphans).toHaveLength(2);
  await page.screenshot({ path: '/tmp/h5b-orphans.png' });
  await tagQuote(page, edited, 'Syria', '2');
  await waitSaved(page);
  expect(JSON.parse(readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).raw).orphans).toHaveLength(2);

  await orphans.locator('[data-testid=repair-orphan]', { hasText: 'swift offensive' }).getByTestId('repair-use-suggestion').click();
  await expect(orphans.getByTestId('repair-orphan')).toHaveCount(1);
  await orphans.getByTestId('repair-drop').click();
  await expect(page.getByTestId('orphans-banner')).toHaveCount(0);
  const stored = JSON.parse(readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).raw);
  expect(stored.orphans).toBeUndefined();
  expect(stored.spans.map((s: { quote: string }) => s.quote).sort()).toEqual(['Syria', 'swift new offensive launched by insurgent forces']);
});

test('a hostile article renders as text: no element is created from it and no dialog fires', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(app.url.replace(/\/\?.*$/, '/'))) requests.push(r.url());
  });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);
  const source = readFileSync(join(repoRoot, 'test-fixtures', 'hostile-article.txt'));
  await page.getByTestId('import-input').setInputFiles({ name: 'hostile-article.txt', mimeType: 'text/plain', buffer: source });
  await waitForProject(page, SAMPLE_DOCS + 1);
  const docId = 'hostile-article';
  await openDocument(page, docId);
  const article = page.getByTestId('article');
  await expect(article).toContainText("<script>window.__pwned = 'script'; alert('script ran')</script>");
  await expect(article).toContainText('&lt;script&gt; &amp; &quot;quoted&quot;');
  await expect(article).toContainText('invoice\u202efdp.exe');
  // Tag a span in it: marks are the only elements that may appear inside the text.
  const text = readDocumentText(app.projectDir, docId);
  await tagQuote(page, text, '<img src=x onerror=', '1');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);

  const found = await article.evaluate((root) => {
    const tags = new Set<string>();
    root.querySelectorAll('*').forEach((el) => tags.add(el.tagName.toLowerCase()));
    const attrs = new Set<string>();
    root.querySelectorAll('*').forEach((el) => Array.from(el.attributes).forEach((a) => attrs.add(a.name)));
    return { tags: [...tags].sort(), attrs: [...attrs].sort(), pwned: (window as unknown as { __pwned?: string }).__pwned ?? null };
  });
  for (const tag of ['script', 'img', 'a', 'iframe', 'svg', 'style', 'b', 'object', 'embed']) expect(found.tags).not.toContain(tag);
  expect(found.tags.every((t) => ['div', 'p', 'span', 'mark', 'br', 'button', 'nav'].includes(t))).toBe(true);
  expect(found.attrs.filter((a) => a.startsWith('on') || a === 'href' || a === 'src')).toEqual([]);
  expect(found.pwned).toBeNull();
  expect(dialogs).toEqual([]);
  expect(requests).toEqual([]);
  // The span list shows the quote as text too.
  await expect(spanItems(page).first()).toContainText('<img src=x onerror=');
});
