import { expect, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chooseAnnotator,
  dragSelect,
  openDocument,
  readAnnotationFile,
  readDocumentText,
  spanItems,
  tagQuote,
  waitSaved,
} from './articlePage';
import { expectToast } from './toastLog';

export const FIRST_DOC = '000_341b31175584a5d7';
export const SECOND_DOC = '001_565ccf9d3e3b851f';
export const ANNOTATOR = 'e2e-tester';
const CLAIM = 'Russia has promised to send additional military aid to Syria within the next 72 hours';

/**
 * The annotator's core loop, as one person does it: name, open, tag a claim with a nested actor
 * and number by keyboard, relabel, delete, undo, redo, reload, mark done, export. Shared by the
 * browser (serve) and Electron specs; asserts what lands on disk, not only what the UI shows.
 */
export async function runCoreJourney(page: Page, projectDir: string, opts: { screenshot?: string } = {}) {
  await chooseAnnotator(page, ANNOTATOR);
  await openDocument(page, FIRST_DOC);
  const text = readDocumentText(projectDir, FIRST_DOC);
  const claimAt = text.indexOf(CLAIM);

  // A claim, and inside it an actor and a number: nested spans, one key each.
  await tagQuote(page, text, CLAIM, '1');
  await expect(spanItems(page)).toHaveCount(1);
  await dragSelect(page, claimAt, claimAt + 'Russia'.length);
  await page.keyboard.press('2');
  const hoursAt = text.indexOf('72 hours', claimAt);
  await dragSelect(page, hoursAt, hoursAt + '72 hours'.length);
  await page.keyboard.press('3');
  await expect(spanItems(page)).toHaveCount(3);

  // Snapping: a drag over part of a word tags the whole word ('ssa' of 'Assad').
  const assadAt = text.indexOf('Assad regime');
  await dragSelect(page, assadAt + 1, assadAt + 4);
  await page.keyboard.press('a');
  await expect(spanItems(page)).toHaveCount(4);
  await expect(page.locator('[data-testid=span-item][data-label=actor]')).toHaveCount(2);

  // The same span with the same label twice is refused with a message.
  await dragSelect(page, claimAt, claimAt + 'Russia'.length);
  await page.keyboard.press('2');
  await expectToast(page, /already/i);
  await expect(spanItems(page)).toHaveCount(4);
  await page.keyboard.press('Escape');

  // Tag by mistake as a number, relabel with a label key, delete, undo, redo.
  const syriaAt = text.indexOf('Syria within');
  await dragSelect(page, syriaAt, syriaAt + 'Syria'.length);
  await page.keyboard.press('n');
  await expect(spanItems(page)).toHaveCount(5);
  const syriaItem = page.locator('[data-testid=span-item][aria-selected=true]');
  await expect(syriaItem).toHaveAttribute('data-label', 'number');
  await page.keyboard.press('a');
  await expect(syriaItem).toHaveAttribute('data-label', 'actor');
  await page.keyboard.press('Delete');
  await expect(spanItems(page)).toHaveCount(4);
  await page.keyboard.press('Control+z');
  await expect(spanItems(page)).toHaveCount(5);
  await page.keyboard.press('Control+Shift+z');
  await expect(spanItems(page)).toHaveCount(4);

  // Nested spans are drawn as one mark per segment carrying every id that covers it.
  const nested = page.locator('[data-testid=article] mark[data-span-ids*=" "]');
  expect(await nested.count()).toBeGreaterThan(0);

  // Autosave, then a reload: everything is still there, and on disk exactly.
  await waitSaved(page);
  if (opts.screenshot) await page.screenshot({ path: opts.screenshot });
  await page.reload();
  await openDocument(page, FIRST_DOC);
  await expect(spanItems(page)).toHaveCount(4);

  const onDisk = readAnnotationFile(projectDir, ANNOTATOR, FIRST_DOC);
  const got = onDisk.json.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, quote: s.quote }));
  expect(got).toEqual([
    { start: claimAt, end: claimAt + CLAIM.length, label: 'claim', quote: CLAIM },
    { start: claimAt, end: claimAt + 6, label: 'actor', quote: 'Russia' },
    { start: hoursAt, end: hoursAt + 8, label: 'number', quote: '72 hours' },
    { start: assadAt, end: assadAt + 5, label: 'actor', quote: 'Assad' },
  ]);
  for (const s of onDisk.json.spans) expect(text.slice(s.start, s.end)).toBe(s.quote);
  expect(onDisk.json.status).toBe('in_progress');
  expect(onDisk.raw.endsWith('\n')).toBe(true);

  // Ctrl+Enter: done, and the next undone document opens.
  await page.keyboard.press('Control+Enter');
  await expect(page.locator(`[data-testid=doc-item][data-doc-id="${FIRST_DOC}"]`)).toHaveAttribute('data-status', 'done');
  const secondText = readDocumentText(projectDir, SECOND_DOC);
  await expect(page.getByTestId('article')).toContainText(secondText.slice(0, 40));
  await expect.poll(() => readAnnotationFile(projectDir, ANNOTATOR, FIRST_DOC).json.status).toBe('done');

  // Export the done documents as JSONL (code points by default) and read what was written.
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-run').click();
  // The check before export lists what the record lacks (the claim has no claimant); export anyway.
  await expect(dialog.getByTestId('export-problems')).toContainText('no claimant');
  await dialog.getByTestId('export-anyway').click();
  const result = dialog.getByTestId('export-result');
  await expect(result).toContainText('.jsonl');
  const written = /(\/\S+\.jsonl)/.exec((await result.textContent()) ?? '')?.[1];
  expect(written && existsSync(written)).toBeTruthy();
  const lines = readFileSync(written!, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  const record = JSON.parse(lines[0]!) as { id: string; text: string; spans: { start: number; end: number; label: string; text: string }[] };
  expect(record.id).toBe(FIRST_DOC);
  expect(record.spans.map((s) => [s.label, s.text])).toEqual([
    ['claim', CLAIM],
    ['actor', 'Russia'],
    ['number', '72 hours'],
    ['actor', 'Assad'],
  ]);
  const cps = Array.from(record.text);
  for (const s of record.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
  const sidecar = JSON.parse(readFileSync(`${written}.meta.json`, 'utf8')) as { offsetUnit: string };
  expect(sidecar.offsetUnit).toBe('codepoint');
  expect(join(projectDir, 'exports')).toBe(written!.slice(0, written!.lastIndexOf('/')));
}
