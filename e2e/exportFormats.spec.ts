import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseAnnotator, readDocumentText } from './articlePage';
import { expect, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';

const DOC = '000_341b31175584a5d7';
const ANNOTATOR = 'e2e-tester';

/** The annotator's file for one document, marked done, with a claim holding an actor (nested). */
function annotate(projectDir: string) {
  const text = readDocumentText(projectDir, DOC);
  const sha = createHash('sha256').update(readFileSync(join(projectDir, 'documents', `${DOC}.txt`))).digest('hex');
  const claimAt = text.indexOf('Russia has promised');
  const span = (id: string, quote: string, label: string) => {
    // Both spans from the claim on: the title also says "Russia".
    const start = text.indexOf(quote, claimAt);
    if (start < 0) throw new Error(`"${quote}" is not in ${DOC}`);
    return { id, start, end: start + quote.length, label, quote, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  };
  const spans = [span('c', 'Russia has promised to send additional military aid to Syria', 'claim'), span('a', 'Russia', 'actor')];
  const dir = join(projectDir, 'annotations', ANNOTATOR);
  mkdirSync(dir, { recursive: true });
  const file = { schemaVersion: 1, docId: DOC, textSha256: sha, annotator: ANNOTATOR, status: 'done', spans, updatedAt: '2026-01-01T00:00:00.000Z' };
  writeFileSync(join(dir, `${DOC}.json`), `${JSON.stringify(file, null, 2)}\n`);
}

test('exports CoNLL and brat from the dialog, with a preview, and the files are on disk', async ({ page, app }) => {
  annotate(app.projectDir);
  await page.goto(app.url);
  await chooseAnnotator(page, ANNOTATOR);
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();

  // CoNLL, one column per label, BIOES.
  await dialog.locator('select[name=format]').selectOption('conll');
  await dialog.locator('select[name=conllScheme]').selectOption('bioes');
  await dialog.locator('select[name=overlapPolicy]').selectOption('per-label-columns');
  await expect(dialog.locator('select[name=unit]')).toBeDisabled();
  await expect(dialog.getByTestId('export-preview')).toContainText('Russia B-claim S-actor O');
  const conll = join(app.projectDir, 'gold.conll');
  await dialog.locator('input[name=outPath]').fill(conll);
  await dialog.getByTestId('export-run').click();
  // The claim has no claimant: the check lists it once for these documents; export anyway.
  await expect(dialog.getByTestId('export-problem')).toHaveCount(1);
  await dialog.getByTestId('export-anyway').click();
  const result = dialog.getByTestId('export-result');
  await expect(result).toContainText('gold.conll');
  await expect(dialog.getByTestId('export-dropped-per-label-columns')).toContainText('Dropped with one tag column per label: 0 spans');
  await expect(dialog.getByTestId('export-dropped-longest-wins')).toContainText('Would drop with one tag column (longest span wins): 1 span (Actor 1)');
  await readmeScreenshot(page, 'export-dialog.png');
  const lines = readFileSync(conll, 'utf8').split('\n');
  expect(lines[0]).toBe('-DOCSTART- O O O');
  expect(lines).toContain('Russia B-claim S-actor O');
  expect(lines).toContain('Syria E-claim O O');
  expect(readFileSync(join(app.projectDir, 'gold.conll.README.md'), 'utf8')).toContain('BIOES');

  // doccano: the dialog says what doccano's importer would drop without “Allow overlapping entity”.
  await dialog.locator('select[name=format]').selectOption('doccano');
  const doccano = join(app.projectDir, 'gold-doccano.jsonl');
  await dialog.locator('input[name=outPath]').fill(doccano);
  await dialog.getByTestId('export-run').click();
  await expect(result).toContainText('gold-doccano.jsonl');
  await expect(dialog.locator('[data-testid=export-notice][data-kind=overlap-needs-setting]')).toContainText('Allow overlapping entity');
  expect(readFileSync(`${doccano}.README.md`, 'utf8')).toContain('doccano\'s importer keeps them only in a project with “Allow overlapping entity” on');

  // An export never writes over the project's own files: the dialog says why, nothing changes.
  const projectJson = readFileSync(join(app.projectDir, 'project.json'), 'utf8');
  await dialog.locator('input[name=outPath]').fill(join(app.projectDir, 'project.json'));
  await dialog.getByTestId('export-run').click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'inside the project\'s own files' })).toBeVisible();
  expect(readFileSync(join(app.projectDir, 'project.json'), 'utf8')).toBe(projectJson);

  // brat, to the default folder under exports/.
  await dialog.locator('select[name=format]').selectOption('brat');
  await dialog.locator('input[name=outPath]').fill('');
  await expect(dialog.getByTestId('export-preview')).toContainText(`${DOC}.ann`);
  await dialog.getByTestId('export-run').click();
  await expect(result).toContainText('-brat');
  const folders = readdirSync(join(app.projectDir, 'exports')).filter((n) => n.endsWith('-brat'));
  expect(folders).toHaveLength(1);
  const folder = join(app.projectDir, 'exports', folders[0]!);
  expect(readdirSync(folder).sort()).toEqual([`${DOC}.ann`, `${DOC}.txt`, 'README.md', 'annotation.conf', 'visual.conf']);
  expect(readFileSync(join(folder, `${DOC}.ann`), 'utf8')).toMatch(/^T1\tclaim \d+ \d+\tRussia has promised to send additional military aid to Syria\nT2\tactor \d+ \d+\tRussia\n$/);
  expect(readFileSync(join(folder, `${DOC}.txt`), 'utf8')).toBe(readDocumentText(app.projectDir, DOC));
  expect(existsSync(join(folder, 'README.md'))).toBe(true);
});
