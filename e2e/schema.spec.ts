import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseAnnotator, openDocument, readAnnotationFile, readDocumentText, spanItems, tagQuote, waitSaved } from './articlePage';
import { expect, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';

const DOC = '000_341b31175584a5d7';

interface StoredWithAttributes {
  id: string;
  label: string;
  quote: string;
  attributes?: Record<string, unknown>;
}
const spansOnDisk = (projectDir: string) => readAnnotationFile(projectDir, 'e2e-tester', DOC).json.spans as unknown as StoredWithAttributes[];

test('a Number is pre-filled from its text, edited by keyboard, and the label schema is changed in the app', async ({ page, app }) => {
  await page.goto(app.url);
  await chooseAnnotator(page, 'e2e-tester');
  await openDocument(page, DOC);
  const text = readDocumentText(app.projectDir, DOC);

  // Tag "72 hours" as a Number: value and unit are read from the text.
  await tagQuote(page, text, '72 hours', '3');
  const panel = page.getByTestId('attribute-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('attr-value')).toHaveValue('72');
  await expect(panel.getByTestId('attr-unit')).toHaveValue('hours');
  await expect(panel.getByTestId('attr-approx').locator('[aria-checked=true]')).toContainText('exact');

  // Approximation by keyboard: focus the choice field, 4 = "about" (not the Number hotkey).
  await panel.getByTestId('attr-approx').focus();
  await page.keyboard.press('4');
  await expect(panel.getByTestId('attr-approx').locator('[aria-checked=true]')).toContainText('about');
  await expect(spanItems(page)).toHaveCount(1);
  await waitSaved(page);
  expect(spansOnDisk(app.projectDir)[0]).toMatchObject({ label: 'number', quote: '72 hours', attributes: { approx: 'about', quantity: 'duration', unit: 'hours', value: 72 } });

  // Undo takes the change back, redo brings it again.
  await page.locator('[data-testid=article]').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(panel.getByTestId('attr-approx').locator('[aria-checked=true]')).toContainText('exact');
  await page.keyboard.press('Control+Shift+z');
  await expect(panel.getByTestId('attr-approx').locator('[aria-checked=true]')).toContainText('about');
  await waitSaved(page);

  // After a reload the values come back from disk.
  await page.reload();
  await openDocument(page, DOC);
  await spanItems(page).first().click();
  await expect(panel.getByTestId('attr-value')).toHaveValue('72');
  await expect(panel.getByTestId('attr-approx').locator('[aria-checked=true]')).toContainText('about');

  // A required value missing is marked on the span.
  await panel.getByTestId('attr-value').fill('');
  await panel.getByTestId('attr-value').press('Enter');
  await expect(spanItems(page).first()).toHaveAttribute('data-missing', 'true');
  await expect(page.getByTestId('attr-missing')).toContainText('Value');
  await panel.getByTestId('attr-value').fill('72');
  await panel.getByTestId('attr-value').press('Enter');
  await expect(spanItems(page).first()).not.toHaveAttribute('data-missing', 'true');
  await waitSaved(page);

  // The Schema screen: rename Number's id to "figure", add a choice attribute, refuse a hotkey clash.
  await page.getByTestId('open-schema').click();
  const editor = page.getByTestId('schema-editor');
  await expect(editor).toBeVisible();
  await editor.locator('[data-testid=schema-label][data-label-id=number] .label-pick').click();
  await editor.getByTestId('schema-hotkeys').fill('3 c');
  await editor.getByTestId('schema-hotkeys').press('Enter');
  await expect(editor.getByTestId('schema-hotkey-error')).toContainText('hotkey "c" is used by both claim and number');
  await expect(editor.getByTestId('schema-apply')).toBeDisabled();
  await editor.getByTestId('schema-hotkeys').fill('3 n');
  await editor.getByTestId('schema-hotkeys').press('Enter');
  await expect(editor.getByTestId('schema-problems')).toBeHidden();

  await editor.getByTestId('schema-label-id').fill('figure');
  await editor.getByTestId('schema-label-id').press('Enter');
  await editor.getByTestId('schema-label-name').fill('Figure');
  await editor.getByTestId('schema-label-name').press('Enter');
  await editor.getByTestId('schema-add-attribute').click();
  const attr = editor.getByTestId('schema-attribute').last();
  await attr.getByLabel('Attribute id').fill('confidence');
  await attr.getByLabel('Attribute id').press('Enter');
  await attr.getByLabel('Attribute name').fill('Confidence');
  await attr.getByLabel('Attribute name').press('Enter');
  await attr.getByLabel('Type of Confidence').selectOption('choice');
  await attr.getByLabel('Options of Confidence').fill('low, medium, high');
  await attr.getByLabel('Options of Confidence').press('Enter');
  await expect(editor.getByTestId('schema-preview')).toContainText('Applying rewrites 2 files');
  await readmeScreenshot(page, 'schema.png');
  await editor.getByTestId('schema-apply').click();
  await expect(editor).toBeHidden();

  const project = JSON.parse(readFileSync(join(app.projectDir, 'project.json'), 'utf8')) as {
    labels: { id: string; name: string; attributes: { id: string; type: string; options?: string[] }[] }[];
  };
  const figure = project.labels.find((l) => l.id === 'figure');
  expect(figure?.name).toBe('Figure');
  expect(figure?.attributes.find((a) => a.id === 'confidence')).toEqual({ id: 'confidence', name: 'Confidence', type: 'choice', required: false, options: ['low', 'medium', 'high'] });
  expect(project.labels.some((l) => l.id === 'number')).toBe(false);
  expect(spansOnDisk(app.projectDir)[0]).toMatchObject({ label: 'figure', attributes: { approx: 'about', unit: 'hours', value: 72 } });

  // The open document follows: the span is a Figure with the new attribute.
  await spanItems(page).first().click();
  await expect(spanItems(page).first()).toHaveAttribute('data-label', 'figure');
  await expect(panel.getByTestId('attr-confidence')).toBeVisible();
  await panel.getByTestId('attr-confidence').focus();
  await page.keyboard.press('3');
  await waitSaved(page);
  expect(spansOnDisk(app.projectDir)[0]?.attributes).toMatchObject({ confidence: 'high' });
  await readmeScreenshot(page, 'attributes.png');
});
