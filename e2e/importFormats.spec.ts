import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docItem, docItems, readAnnotationFile, spanItems, waitForProject } from './articlePage';
import { expect, repoRoot, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';

const ANNOTATOR = 'e2e-importer';
const SAMPLE_DOCS = 5;
const NEWS = join(repoRoot, 'test-fixtures/external/brat/nlplab-brat/tutorials/news');
const DOCCANO_V1 = join(repoRoot, 'test-fixtures/external/doccano/doccano-transformer/tests/data/labeling/labeling.user2.jsonl');

const article = `<!doctype html><html><head><title>Rebels enter Aleppo</title>
<meta property="article:published_time" content="2024-11-30T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Rebels enter Aleppo</h1>
<p>${'Opposition fighters entered Aleppo on Friday, the first time since 2016 that the city has been contested, officials said. '.repeat(3)}</p>
<p>${'The Syrian army said dozens of soldiers were killed as the offensive advanced into the western districts. '.repeat(3)}</p>
</article><footer>Subscribe to our newsletter.</footer></body></html>`;

test('imports a brat pair (mapping its labels) and an HTML article through the UI', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);

  const file = (name: string) => ({ name, mimeType: 'text/plain', buffer: readFileSync(join(NEWS, name)) });
  await page.getByTestId('import-input').setInputFiles([
    file('000-introduction.txt'),
    file('000-introduction.ann'),
    { name: 'aleppo.html', mimeType: 'text/html', buffer: Buffer.from(article) },
  ]);

  // The dialog lists what each file holds and asks about the labels the project lacks.
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-files')).toContainText('000-introduction.txt + 000-introduction.ann');
  await expect(dialog.getByTestId('import-files')).toContainText('HTML article');
  const mapping = dialog.getByTestId('label-mapping');
  await expect(mapping).toContainText('Organization');
  await expect(mapping).toContainText('Person');
  await dialog.getByTestId('map-Person').selectOption('map:actor');
  await dialog.getByTestId('map-Organization').selectOption('map:actor');
  // The others (Money, GPE, Transfer-money) are added to the project.
  await readmeScreenshot(page, 'import-label-mapping.png');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog).toBeHidden();

  await expect(docItems(page)).toHaveCount(SAMPLE_DOCS + 2);
  await expect(docItem(page, 'aleppo')).toContainText('Rebels enter Aleppo');
  await expect(docItem(page, '000-introduction')).toBeVisible();

  const stored = readAnnotationFile(app.projectDir, ANNOTATOR, '000-introduction').json;
  const citibank = stored.spans.find((s) => s.quote === 'Citibank') as unknown as { label: string; origin: Record<string, string> };
  expect(citibank.label).toBe('actor');
  expect(citibank.origin).toEqual({ format: 'brat', file: '000-introduction.ann', id: 'T1', label: 'Organization' });
  const project = JSON.parse(readFileSync(join(app.projectDir, 'project.json'), 'utf8')) as { labels: { name: string }[] };
  expect(project.labels.map((l) => l.name)).toEqual(expect.arrayContaining(['Money', 'GPE']));
  expect(project.labels.map((l) => l.name)).not.toContain('Organization');

  // The imported spans show in the span panel of the opened brat document.
  await docItem(page, '000-introduction').click();
  await expect(spanItems(page)).toHaveCount(stored.spans.length);

  const text = readFileSync(join(app.projectDir, 'documents', 'aleppo.txt'), 'utf8');
  expect(text).toContain('Opposition fighters entered Aleppo');
  expect(text).not.toContain('Subscribe');
});

test('doccano 1.x: the dialog offers the label ids to map, and names them when doccano\'s labels file comes along', async ({ page, serve }) => {
  const app = await serve({ annotator: ANNOTATOR });
  await page.goto(app.url);
  await waitForProject(page, SAMPLE_DOCS);
  const v1 = { name: 'labeling.jsonl', mimeType: 'application/json', buffer: readFileSync(DOCCANO_V1) };

  // Without the labels file: the records' numeric label ids are the labels to map, and the dialog says what they are.
  await page.getByTestId('import-input').setInputFiles([v1]);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-files')).toContainText('2 documents, 11 spans');
  await expect(dialog.getByTestId('import-files')).toContainText('the labels are doccano label ids (12, 13, 14)');
  await expect(dialog.getByTestId('label-id-hint')).toBeVisible();
  const mapping = dialog.getByTestId('label-mapping');
  await expect(mapping).toContainText('doccano label id 12');
  await page.screenshot({ path: test.info().outputPath('doccano-label-ids.png') });
  await dialog.getByTestId('import-confirm').focus();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // With doccano's labels file: the ids are named (LOC, PER, ORG); map PER and ORG, add LOC.
  const labels = [
    { id: 12, text: 'LOC', prefix_key: null, suffix_key: 'l', background_color: '#209cee', text_color: '#ffffff' },
    { id: 13, text: 'PER', prefix_key: null, suffix_key: 'p', background_color: '#ff3860', text_color: '#ffffff' },
    { id: 14, text: 'ORG', prefix_key: null, suffix_key: 'o', background_color: '#ffdd57', text_color: '#000000' },
  ];
  await page.getByTestId('import-input').setInputFiles([v1, { name: 'label_config.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(labels)) }]);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-files')).toContainText('labeling.jsonl + label_config.json');
  await expect(dialog.getByTestId('label-id-hint')).toHaveCount(0);
  await dialog.getByTestId('map-PER').selectOption('map:actor');
  await dialog.getByTestId('map-ORG').selectOption('map:actor');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(docItems(page)).toHaveCount(SAMPLE_DOCS + 2);

  const stored = readAnnotationFile(app.projectDir, ANNOTATOR, 'labeling-2580').json;
  const quotes = stored.spans.map((s) => [s.quote, s.label]);
  expect(quotes).toEqual(expect.arrayContaining([['Marcello Cuttitta', 'actor'], ['RUGBY UNION', 'actor'], ['ROME', 'loc']]));
});
