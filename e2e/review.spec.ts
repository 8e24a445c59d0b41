import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolationsWithin } from './axeWithin';
import { expect, repoRoot, test } from './serveFixture';
import { readmeScreenshot } from './screenshots';
import { expectToast } from './toastLog';

/** The sample corpus tagged by hand for review (scripts/build-review-sample.mjs), annotator "reviewer". */
const FIXTURE = join(repoRoot, 'test-fixtures/review-sample');

const decisionsOf = (projectDir: string) => JSON.parse(readFileSync(join(projectDir, 'claims.json'), 'utf8')).decisions as { op: string; claim: string; target?: string }[];

test('review screen: conflicts first, the pledge across three outlets; j/k, Enter, merge, split, move by keyboard, saved; export', async ({ page, serve }) => {
  const app = await serve({ project: FIXTURE, annotator: 'reviewer' });
  await page.goto(app.url);
  await page.getByTestId('open-review').click();
  const screen = page.getByTestId('review-screen');
  await expect(screen.getByTestId('review-summary')).toContainText('claims by reviewer in');
  const clusters = screen.getByTestId('review-cluster');
  const list = screen.getByTestId('review-list');
  await expect(list).toBeFocused();

  // Conflicts first (the years since Aleppo was retaken: "nearly a decade" and "nearly ten years" vs "eight years"), then the casualty figures, with the reason.
  const first = clusters.first();
  await expect(first).toHaveAttribute('data-current', 'true');
  await expect(first.locator('[data-testid=review-flag][data-kind=number-conflict]').first()).toContainText('do not overlap');
  const casualties = clusters.filter({ hasText: 'four civilian fatalities and six injuries' });
  await expect(casualties.locator('[data-testid=review-flag][data-kind=number-conflict]').first()).toContainText('6 and 25 do not overlap');
  await expect(casualties.getByTestId('review-claim')).toHaveCount(2);

  // The pledge: one cluster, three outlets, each outlet's wording, claimant and 72 hours.
  const pledge = clusters.filter({ hasText: 'Russia has promised to send additional military aid' });
  await expect(pledge).toHaveCount(1);
  await expect(pledge.getByTestId('review-outlets')).toHaveText('3 outlets · 3 claims');
  await expect(pledge.getByTestId('review-number').filter({ hasText: '72 hours' })).toHaveText(['“72 hours” → 72 hours (duration)', '“72 hours” → 72 hours (duration)', '“72 hours” → 72 hours (duration)']);
  await expect(pledge.getByTestId('review-claim').nth(1)).toContainText('Syrian military sources');
  // All three outlets cite the same anonymous military sources; two also name Reuters, Defence Talks does not.
  await expect(pledge.getByTestId('review-flag')).toHaveCount(1);
  await expect(pledge.getByTestId('review-flag')).toHaveAttribute('data-kind', 'attribution-partial');
  await expect(pledge.getByTestId('review-flag')).toContainText('Reuters is named as a source in Defence Blog');
  await readmeScreenshot(page, 'review.png');

  // Walk to the pledge with j, split its second claim off (s), saved in claims.json.
  const pledgeIndex = Number((await pledge.getAttribute('id'))!.replace('review-cluster-', ''));
  for (let i = 0; i < pledgeIndex; i++) await page.keyboard.press('j');
  await expect(pledge).toHaveAttribute('data-current', 'true');
  await page.keyboard.press('l');
  await page.keyboard.press('s');
  await expect(clusters.filter({ hasText: 'Russia has promised to send additional military aid' }).getByTestId('review-outlets')).toHaveText('2 outlets · 2 claims');
  expect(decisionsOf(app.projectDir)).toEqual([expect.objectContaining({ op: 'split', claim: '001_565ccf9d3e3b851f/r001-017' })]);

  // The split claim is now current (a cluster of its own): take it (t), go back to the pledge with k/j, put it there (Enter).
  const alone = screen.locator('[data-testid=review-cluster][data-current=true]');
  await expect(alone).toHaveAttribute('data-cluster', '001_565ccf9d3e3b851f/r001-017');
  // Esc cancels a move and leaves the review open; t takes the claim again.
  await page.keyboard.press('t');
  await expect(screen.getByTestId('review-moving')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(screen.getByTestId('review-moving')).toBeHidden();
  await expect(screen).toBeVisible();
  await page.keyboard.press('t');
  await expect(screen.getByTestId('review-moving')).toBeVisible();
  const target = clusters.filter({ hasText: 'Russia has promised to send additional military aid' });
  const targetIndex = Number((await target.getAttribute('id'))!.replace('review-cluster-', ''));
  const here = Number((await alone.getAttribute('id'))!.replace('review-cluster-', ''));
  for (let i = here; i > targetIndex; i--) await page.keyboard.press('k');
  for (let i = here; i < targetIndex; i++) await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(clusters.filter({ hasText: 'Russia has promised to send additional military aid' }).getByTestId('review-outlets')).toHaveText('3 outlets · 3 claims');
  expect(decisionsOf(app.projectDir).map((d) => d.op)).toEqual(['split', 'move']);

  // m merges the current cluster with the next one; u undoes it.
  const before = await clusters.count();
  await page.keyboard.press('m');
  await expect(clusters).toHaveCount(before - 1);
  expect(decisionsOf(app.projectDir).map((d) => d.op)).toEqual(['split', 'move', 'merge']);
  await page.keyboard.press('u');
  await expect(clusters).toHaveCount(before);
  expect(decisionsOf(app.projectDir).map((d) => d.op)).toEqual(['split', 'move']);

  // Decisions survive a reload (recomputed suggestions, decisions applied over them).
  await page.reload();
  await expect(page.getByTestId('open-review')).toBeEnabled();
  await expect(page.getByTestId('doc-item')).toHaveCount(5);
  await page.keyboard.press('v');
  await expect(screen.getByTestId('review-summary')).toContainText('2 decisions of yours applied');
  await expect(clusters.filter({ hasText: 'Russia has promised to send additional military aid' }).getByTestId('review-outlets')).toHaveText('3 outlets · 3 claims');

  // e exports the review set into the project's exports folder.
  await page.keyboard.press('e');
  await expectToast(page, 'Review set written');
  const exportDir = readdirSync(join(app.projectDir, 'exports')).find((n) => n.startsWith('review-'))!;
  expect(readdirSync(join(app.projectDir, 'exports', exportDir)).sort()).toEqual(['review.csv', 'review.html', 'review.json']);
  expect(readFileSync(join(app.projectDir, 'exports', exportDir, 'review.html'), 'utf8')).toContain('numbers disagree');

  // Enter opens the current claim in its article, selected.
  await page.keyboard.press('Enter');
  await expect(screen).toBeHidden();
  await expect(page.locator('[data-testid=doc-item][aria-current=true]')).toHaveCount(1);
  await expect(page.locator('[data-testid=span-item][aria-selected=true]')).toHaveAttribute('data-label', 'claim');
});

/** The sample's spans as another tool would bring them: no attributes, no relations. */
function stripAttributesAndRelations(projectDir: string) {
  const folder = join(projectDir, 'annotations', 'reviewer');
  for (const name of readdirSync(folder)) {
    const file = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    for (const span of file.spans) delete span.attributes;
    delete file.relations;
    writeFileSync(join(folder, name), `${JSON.stringify(file, null, 2)}\n`);
  }
}

test('review of plain spans: derived values marked, c confirms a cluster into the annotations, u takes it back; keyboard only, axe clean', async ({ page, serve }) => {
  const app = await serve({ project: FIXTURE, annotator: 'reviewer', prepare: ({ projectDir }) => stripAttributesAndRelations(projectDir) });
  const talksFile = join(app.projectDir, 'annotations', 'reviewer', '001_565ccf9d3e3b851f.json');
  const before = readFileSync(talksFile, 'utf8');
  await page.goto(app.url);
  await expect(page.getByTestId('doc-item')).toHaveCount(5);
  await page.keyboard.press('v');
  const screen = page.getByTestId('review-screen');
  await expect(screen.getByTestId('review-summary')).toContainText('read from the text');
  const clusters = screen.getByTestId('review-cluster');
  const casualties = clusters.filter({ hasText: 'four civilian fatalities and six injuries' });
  await expect(casualties.locator('[data-testid=review-flag][data-kind=number-conflict]').first()).toContainText('6 and 25 do not overlap');
  await expect(casualties.locator('[data-testid=review-number][data-derived=true]')).toHaveCount(5);
  await expect(casualties.locator('[data-testid=review-claimant][data-derived=true]')).toHaveCount(2);

  expect(await axeViolationsWithin(page, '[data-testid=review-screen]')).toEqual([]);

  // Walk to the casualties cluster with j and confirm its derived values with c.
  const index = Number((await casualties.getAttribute('id'))!.replace('review-cluster-', ''));
  for (let i = 0; i < index; i++) await page.keyboard.press('j');
  await expect(casualties).toHaveAttribute('data-current', 'true');
  await page.keyboard.press('c');
  await expect(page.getByTestId('toast').filter({ hasText: 'Confirmed 5 numbers and 3 claimant links' })).toBeVisible();
  await expect(casualties.locator('[data-testid=review-number][data-derived=true]')).toHaveCount(0);
  const written = JSON.parse(readFileSync(talksFile, 'utf8'));
  expect(written.spans.find((s: { quote: string; label: string }) => s.label === 'number' && s.quote === 'six').attributes).toEqual({ value: 6, approx: 'exact', unit: 'civilians', quantity: 'casualties injured' });
  expect(written.relations).toHaveLength(1);
  await readmeScreenshot(page, 'review-derived.png');

  // u takes the confirmation back: the file is as it was.
  await page.keyboard.press('u');
  await expect(page.getByTestId('toast').filter({ hasText: 'taken out of your annotations again' })).toBeVisible();
  await expect(casualties.locator('[data-testid=review-number][data-derived=true]')).toHaveCount(5);
  expect(readFileSync(talksFile, 'utf8')).toBe(before);
});
