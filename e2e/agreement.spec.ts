import { writeAnnotation } from './annotationFiles';
import { readAnnotationFile } from './articlePage';
import { expect, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';

const DISAGREE = '000_341b31175584a5d7';
const AGREE = '001_565ccf9d3e3b851f';

test('agreement screen: pairs matrix, documents by disagreement, side by side; one adjudication pass by keyboard into gold', async ({ page, serve }) => {
  const app = await serve({
    annotator: 'judge',
    prepare: ({ projectDir }) => {
      const claim = 'Russia has promised to send additional military aid to Syria within the next 72 hours';
      writeAnnotation(projectDir, 'alice', DISAGREE, [
        { quote: 'Russia', label: 'actor', from: 10 },
        { quote: claim, label: 'claim' },
        { quote: '72 hours', label: 'number' },
      ]);
      writeAnnotation(projectDir, 'bob', DISAGREE, [
        { quote: 'Russia', label: 'actor', from: 10 },
        { quote: 'Russia has promised to send additional military aid to Syria', label: 'claim' },
      ]);
      writeAnnotation(projectDir, 'alice', AGREE, [{ quote: 'Russian and Syrian military aircraft', label: 'actor' }]);
      writeAnnotation(projectDir, 'bob', AGREE, [{ quote: 'Russian and Syrian military aircraft', label: 'actor' }]);
      writeAnnotation(projectDir, 'carol', AGREE, [{ quote: 'Russian and Syrian military aircraft', label: 'actor' }]);
    },
  });
  await page.goto(app.url);
  await page.getByTestId('open-agreement').click();
  const screen = page.getByTestId('agreement-screen');
  await expect(screen.getByTestId('agreement-summary')).toContainText('3 annotators (alice, bob, carol); 2 of 5 documents');
  // 2 of alice's 4 spans and bob's 3 match exactly: F1 exact 4/7; overlap adds the claim: 6/7.
  await expect(screen.getByTestId('pair-alice-bob')).toContainText('F1 0.857 · κ 0.');
  const rows = screen.getByTestId('agreement-document');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute('data-doc-id', DISAGREE);
  await expect(screen.getByTestId('agreement-label-row')).toHaveCount(4);
  // One pair's per-label figures (here the only pair: the same as all annotators).
  await screen.getByTestId('agreement-group').selectOption({ label: 'alice and bob' });
  await expect(screen.getByTestId('agreement-label-row').last()).toContainText('0.571');
  // Unitizing alpha on the characters, next to the token measures: the actors are the same spans, uα = 1.
  await expect(screen.getByRole('columnheader', { name: 'uα characters' })).toBeVisible();
  await expect(screen.getByTestId('agreement-label-row').filter({ hasText: 'Actor' }).locator('td').nth(6)).toHaveText('1.000');
  await readmeScreenshot(page, 'agreement.png');
  // A pair picked in the matrix: only the documents both annotated, then back to everyone.
  await screen.getByTestId('pair-alice-carol').getByRole('button').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-doc-id', AGREE);
  await screen.getByTestId('agreement-all-annotators').click();
  await expect(rows).toHaveCount(2);

  // Click through: both annotators' spans side by side, and the differences listed.
  await rows.first().click();
  await expect(screen.getByTestId('compare-column')).toHaveCount(2);
  await expect(screen.getByTestId('compare-text-alice').locator('mark[data-labels~=number]')).toHaveText('72 hours');
  await expect(screen.getByTestId('compare-text-bob').locator('mark[data-labels~=number]')).toHaveCount(0);
  await expect(screen.getByTestId('compare-difference')).toHaveCount(2);
  await readmeScreenshot(page, 'agreement-compare.png');

  // Adjudicate: the claim is stop 1 (bob's shorter version is key 2), the number stop 2 (x rejects it).
  await screen.getByTestId('start-curation').click();
  const stop = screen.getByTestId('curation-stop');
  await expect(stop).toContainText('Disagreement 1 of 2');
  await expect(stop).toContainText('Claim');
  await expect(screen.getByTestId('curation-progress')).toContainText('1 pre-accepted');
  await page.keyboard.press('2');
  await expect(stop).toContainText('Disagreement 2 of 2');
  await expect(stop).toContainText('Number');
  await page.keyboard.press('x');
  await expect(screen.getByTestId('curation-message')).toContainText('every disagreement decided (done)');
  await page.keyboard.press('p');
  await expect(stop).toContainText('Disagreement 1 of 2');
  await expect(screen.getByTestId('curation-decision')).toHaveText("bob's version");
  await page.keyboard.press('n');
  await expect(screen.getByTestId('curation-decision')).toHaveText('rejected: no gold span');
  // Edit in place: select "72" in the gold view and press e: the number becomes the adjudicator's own span.
  await screen.getByTestId('curation-gold-text').evaluate((box) => {
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf('72 hours');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 2);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      return;
    }
    throw new Error('"72 hours" is not in the gold view');
  });
  await page.keyboard.press('e');
  await expect(screen.getByTestId('curation-decision')).toHaveText('edited: “72”');
  await readmeScreenshot(page, 'adjudication.png');

  await expect.poll(() => readAnnotationFile(app.projectDir, 'gold', DISAGREE).json.spans.length).toBe(3);
  const gold = readAnnotationFile(app.projectDir, 'gold', DISAGREE).json as unknown as { status: string; spans: { label: string; quote: string; provenance: unknown }[] };
  expect(gold.status).toBe('done');
  expect(gold.spans.map((s) => [s.label, s.quote, s.provenance])).toEqual([
    ['claim', 'Russia has promised to send additional military aid to Syria', { proposedBy: ['bob'], decidedBy: 'judge', rule: 'adjudicator' }],
    ['actor', 'Russia', { proposedBy: ['alice', 'bob'], decidedBy: 'judge', rule: 'unanimity' }],
    ['number', '72', { proposedBy: ['alice'], decidedBy: 'judge', rule: 'edited' }],
  ]);

  // With gold files in the project, the export dialog takes the gold by default and says so.
  await page.reload();
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.locator('select[name=annotators]')).toHaveValue('gold');
  await expect(dialog.locator('select[name=annotators] option:checked')).toHaveText('Gold (adjudicated)');
  await expect(dialog.getByTestId('export-preview')).toContainText('"annotator": "gold"');
  await dialog.locator('select[name=annotators]').selectOption('me');
  await expect(dialog.getByTestId('export-preview')).not.toContainText('"annotator": "gold"');
});
