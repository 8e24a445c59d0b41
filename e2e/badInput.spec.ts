import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
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
import { expect, repoRoot, test } from './serveFixture';
import { expectToast } from './toastLog';

const ANNOTATOR = 'e2e-tester';
const FIRST_DOC = '000_341b31175584a5d7';
const SAMPLE_DOCS = 5;

/** What a bad or awkward file looks like when a user picks it. */
const files = {
  crlf: { name: 'windows-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Windows notes\r\nThe mayor said 12 people left.\r\nEnd.\r\n') },
  markdown: {
    name: 'briefing.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('Intro line before the heading\n\n# Ministers meet in Geneva\n\nThe talks start on Monday.\n'),
  },
  // "Café crème, très bien." saved as Windows-1252: é and è are single bytes, invalid in UTF-8.
  latin1: { name: 'latin1-cafe.txt', mimeType: 'text/plain', buffer: Buffer.from('Caf\xe9 cr\xe8me, tr\xe8s bien.\n', 'latin1') },
  binary: {
    name: 'image-renamed.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]),
  },
  empty: { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
};

const documentIds = (projectDir: string) =>
  readdirSync(join(projectDir, 'documents'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();

test('import by file picker: CRLF and markdown accepted, Latin-1, binary and empty refused with reasons', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);
  const before = documentIds(app.projectDir);

  // One pick with good and bad files mixed: the bad ones must not stop the good ones.
  await page.getByTestId('import-input').setInputFiles([files.latin1, files.crlf, files.binary, files.markdown, files.empty]);

  await expect(docItems(page)).toHaveCount(SAMPLE_DOCS + 2);
  await expect(docItem(page, 'windows-notes')).toBeVisible();
  await expect(docItem(page, 'briefing')).toContainText('Ministers meet in Geneva');

  // Every refusal says which file and why; the CRLF conversion is reported.
  await expectToast(page, 'latin1-cafe.txt', /UTF-8/);
  await expectToast(page, 'latin1-cafe.txt', /Windows-1252|Latin-1/);
  await expectToast(page, 'image-renamed.txt', /binary/i);
  await expectToast(page, 'empty.txt', /empty/i);
  await expectToast(page, 'windows-notes.txt', /CRLF/);
  await page.screenshot({ path: join(repoRoot, 'test-results', 'import-toasts.png') });

  // On disk: exactly the two good files, stored with LF only, the markdown titled by its heading.
  const added = documentIds(app.projectDir).filter((id) => !before.includes(id));
  expect(added).toEqual(['briefing', 'windows-notes']);
  const crlfText = readFileSync(join(app.projectDir, 'documents', 'windows-notes.txt'));
  expect(crlfText.includes(0x0d)).toBe(false);
  expect(crlfText.toString('utf8')).toBe('Windows notes\nThe mayor said 12 people left.\nEnd.\n');
  const crlfMeta = JSON.parse(readFileSync(join(app.projectDir, 'documents', 'windows-notes.json'), 'utf8'));
  expect(crlfMeta.importNotices.join(' ')).toMatch(/CRLF/);
  expect(crlfMeta.length).toBe(crlfText.toString('utf8').length);
  const mdMeta = JSON.parse(readFileSync(join(app.projectDir, 'documents', 'briefing.json'), 'utf8'));
  expect(mdMeta.title).toBe('Ministers meet in Geneva');
  for (const refused of ['latin1-cafe', 'image-renamed', 'empty']) {
    expect(existsSync(join(app.projectDir, 'documents', `${refused}.txt`))).toBe(false);
    await expect(docItem(page, refused)).toHaveCount(0);
  }

  // The imported document opens with its normalised text.
  await openDocument(page, 'windows-notes');
  await expect(page.getByTestId('article')).toContainText('The mayor said 12 people left.');
});

/** Drop files on the document list the way the OS does: dragenter, dragover, drop with a DataTransfer. */
async function dropFiles(page: Page, target: string, dropped: { name: string; text: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, dropped);
  await page.dispatchEvent(target, 'dragenter', { dataTransfer });
  await page.dispatchEvent(target, 'dragover', { dataTransfer });
  await expect(page.locator(target)).toHaveClass(/dragging/);
  await page.dispatchEvent(target, 'drop', { dataTransfer });
}

test('import by dropping files on the document list', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);

  await dropFiles(page, 'aside[aria-label=Documents]', [
    { name: 'dropped report.txt', text: 'Dropped report\n\nThe council approved 3 budgets.\n' },
    { name: 'blank.txt', text: '   \n  \n' },
  ]);
  await expect(docItems(page)).toHaveCount(SAMPLE_DOCS + 1);
  await expect(docItem(page, 'dropped-report')).toContainText('Dropped report');
  await expectToast(page, 'blank.txt', /no text/i);
  await expect(page.locator('aside[aria-label=Documents]')).not.toHaveClass(/dragging/);
  expect(readDocumentText(app.projectDir, 'dropped-report')).toBe('Dropped report\n\nThe council approved 3 budgets.\n');
  expect(existsSync(join(app.projectDir, 'documents', 'blank.json'))).toBe(false);
});

test('an invalid project.json gives an error screen naming it, is left untouched, and the sample opens', async ({ page, serve }) => {
  const garbage = '{ "schemaVersion": 1, "name": "Broken", labels: [ }\n';
  const app = await serve({
    annotator: ANNOTATOR,
    prepare: ({ projectDir }) => writeFileSync(join(projectDir, 'project.json'), garbage),
  });
  await page.goto(app.url);
  const screen = page.getByTestId('project-error');
  await expect(screen).toBeVisible();
  await expect(screen.locator('p').first()).toContainText(/^project\.json: not valid JSON/);
  await expect(screen.locator('code.path')).toHaveText(join(app.projectDir, 'project.json'));
  await expect(page.getByTestId('doc-list')).toHaveCount(0);
  // "Open another project" offers the path dialog (no native folder dialog in the browser).
  await screen.getByRole('button', { name: 'Open another project' }).click();
  await expect(page.getByRole('dialog', { name: 'Open a project' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.screenshot({ path: join(repoRoot, 'test-results', 'project-error.png') });
  expect(readFileSync(join(app.projectDir, 'project.json'), 'utf8')).toBe(garbage);

  await screen.getByRole('button', { name: 'Open sample project' }).click();
  await waitForProject(page, SAMPLE_DOCS);
  await expect(page.locator('.project-name')).toContainText('sample');
  // The sample is a copy in the data folder; the broken project is still as it was.
  expect(existsSync(join(app.dataDir, 'projects', 'sample', 'project.json'))).toBe(true);
  expect(readFileSync(join(app.projectDir, 'project.json'), 'utf8')).toBe(garbage);
});

test('a project.json of another schema version is refused with a message naming the version', async ({ page, serve }) => {
  let original = '';
  const app = await serve({
    annotator: ANNOTATOR,
    prepare: ({ projectDir }) => {
      const file = join(projectDir, 'project.json');
      original = readFileSync(file, 'utf8').replace('"schemaVersion": 1', '"schemaVersion": 7');
      writeFileSync(file, original);
    },
  });
  await page.goto(app.url);
  const screen = page.getByTestId('project-error');
  await expect(screen).toContainText('project.json');
  await expect(screen).toContainText(/schemaVersion 7 is not supported.*reads schemaVersion 1/);
  expect(readFileSync(join(app.projectDir, 'project.json'), 'utf8')).toBe(original);
});

test('an invalid annotation file is moved aside, listed, kept byte for byte, and never written over', async ({ page, serve }) => {
  const broken = '{"schemaVersion":1,';
  const app = await serve({
    annotator: ANNOTATOR,
    prepare: ({ projectDir }) => {
      mkdirSync(join(projectDir, 'annotations', ANNOTATOR), { recursive: true });
      writeFileSync(join(projectDir, 'annotations', ANNOTATOR, `${FIRST_DOC}.json`), broken);
    },
  });
  const folder = join(app.projectDir, 'annotations', ANNOTATOR);
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);

  const problems = page.getByTestId('problems');
  await expect(problems).toBeVisible();
  await expect(problems).toContainText(`${FIRST_DOC}.json`);
  await expect(problems).toContainText('.invalid-');
  const asideNames = readdirSync(folder).filter((f) => f.startsWith(`${FIRST_DOC}.json.invalid-`));
  expect(asideNames).toHaveLength(1);
  const aside = join(folder, asideNames[0] as string);
  expect(readFileSync(aside, 'utf8')).toBe(broken);
  await page.screenshot({ path: join(repoRoot, 'test-results', 'problems-banner.png') });

  // The document starts empty and can be tagged; the save writes a new valid file.
  await openDocument(page, FIRST_DOC);
  await expect(spanItems(page)).toHaveCount(0);
  const text = readDocumentText(app.projectDir, FIRST_DOC);
  const tagged = await tagQuote(page, text, 'Russia', '2');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);
  const saved = readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).json;
  expect(saved.spans.map((s) => [s.start, s.end, s.label, s.quote])).toEqual([[tagged.start, tagged.end, 'actor', 'Russia']]);
  expect(readFileSync(aside, 'utf8')).toBe(broken);
  expect(readdirSync(folder).filter((f) => f.includes('.invalid-'))).toEqual(asideNames);

  // After a reload the set-aside file is still listed (until the user removes it) and the span is back.
  await page.reload();
  await expect(page.getByTestId('problems')).toContainText(asideNames[0] as string);
  await openDocument(page, FIRST_DOC);
  await expect(spanItems(page)).toHaveCount(1);
});

test('a text changed under its annotations is flagged, opened read-only, and its annotation file kept', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);
  await openDocument(page, FIRST_DOC);
  const text = readDocumentText(app.projectDir, FIRST_DOC);
  await tagQuote(page, text, 'Russia', '2');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);
  const before = readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).raw;
  await expect(docItem(page, FIRST_DOC)).not.toContainText('text changed');

  // Someone edits the text on disk.
  const edited = `UPDATED by the desk. ${text.replace('military aid', 'military support')}`;
  writeFileSync(join(app.projectDir, 'documents', `${FIRST_DOC}.txt`), edited);
  await page.reload();
  await waitForProject(page, SAMPLE_DOCS);
  await expect(docItem(page, FIRST_DOC)).toContainText('text changed');
  await openDocument(page, FIRST_DOC);
  await expect(page.getByTestId('text-changed-banner')).toBeVisible();
  await expect(page.getByTestId('article')).toContainText('UPDATED by the desk.');
  await expect(spanItems(page)).toHaveCount(1);

  // A selection and a label key add nothing; the selected span cannot be deleted either.
  const at = edited.indexOf('Syria');
  await dragSelect(page, at, at + 'Syria'.length);
  await page.keyboard.press('1');
  await spanItems(page).first().click();
  await expect(spanItems(page).first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  await expect(spanItems(page)).toHaveCount(1);
  await expect(page.getByTestId('doc-status')).toBeDisabled();
  // Leaving a document first saves whatever it has pending: once the next one is shown, no save
  // of this one can still be on its way.
  await page.keyboard.press(']');
  await expect(docItem(page, FIRST_DOC)).not.toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[data-testid=doc-item][aria-current=true]')).toHaveCount(1);
  await expect(page.locator('[data-testid=article] [data-block-start]').first()).toBeVisible();
  expect(readAnnotationFile(app.projectDir, ANNOTATOR, FIRST_DOC).raw).toBe(before);
});
