import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a test reads from the annotation file on disk (the product's contract). */
export interface StoredSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  quote: string;
}

export function readAnnotationFile(projectDir: string, annotator: string, docId: string) {
  const raw = readFileSync(join(projectDir, 'annotations', annotator, `${docId}.json`), 'utf8');
  return { raw, json: JSON.parse(raw) as { status: string; spans: StoredSpan[]; textSha256: string; docId: string } };
}

export function readDocumentText(projectDir: string, docId: string): string {
  return readFileSync(join(projectDir, 'documents', `${docId}.txt`), 'utf8');
}

/** First start: the app asks for the annotator's name once. */
export async function chooseAnnotator(page: Page, name: string) {
  const prompt = page.getByTestId('annotator-prompt');
  await expect(prompt).toBeVisible();
  await prompt.locator('input[name=annotator]').fill(name);
  await page.getByTestId('annotator-save').click();
  await expect(prompt).toBeHidden();
}

export async function openDocument(page: Page, docId: string) {
  await page.locator(`[data-testid=doc-item][data-doc-id="${docId}"]`).click();
  await expect(page.getByTestId('article')).toBeVisible();
  await expect(page.locator('[data-testid=article] [data-block-start]').first()).toBeVisible();
}

/**
 * Select text in the article the way a person does: a mouse drag from inside the first
 * character to inside the last one. `from`/`to` are UTF-16 offsets into the document text; the
 * DOM positions are found through the blocks' data-block-start attributes.
 */
export async function dragSelect(page: Page, from: number, to: number, opts: { alt?: boolean } = {}) {
  const rects = await page.evaluate(
    ([start, end]) => {
      const article = document.querySelector('[data-testid=article]')!;
      const blocks = Array.from(article.querySelectorAll<HTMLElement>('[data-block-start]'));
      function locate(offset: number): { node: Text; offset: number } {
        const block = blocks.find((b) => Number(b.dataset.blockStart) <= offset && offset < Number(b.dataset.blockEnd));
        if (!block) throw new Error(`no block holds offset ${offset}`);
        let rest = offset - Number(block.dataset.blockStart);
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (rest < n.data.length) return { node: n, offset: rest };
          rest -= n.data.length;
        }
        throw new Error(`offset ${offset} past its block`);
      }
      function charRect(offset: number) {
        const p = locate(offset);
        const r = document.createRange();
        r.setStart(p.node, p.offset);
        r.setEnd(p.node, p.offset + 1);
        const rect = r.getClientRects()[0] ?? r.getBoundingClientRect();
        return { x: rect.left, y: rect.top, w: rect.width, h: rect.height };
      }
      // Scroll once, instantly, then measure both ends: a second scroll would move the first end.
      locate(start).node.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
      return { a: charRect(start), b: charRect(end - 1) };
    },
    [from, to] as const,
  );
  if (opts.alt) await page.keyboard.down('Alt');
  await page.mouse.move(rects.a.x + 1, rects.a.y + rects.a.h / 2);
  await page.mouse.down();
  await page.mouse.move((rects.a.x + rects.b.x) / 2, (rects.a.y + rects.b.y) / 2 + 1, { steps: 4 });
  await page.mouse.move(rects.b.x + rects.b.w - 1, rects.b.y + rects.b.h / 2, { steps: 4 });
  await page.mouse.up();
  if (opts.alt) await page.keyboard.up('Alt');
}

/** Select the n-th occurrence of `quote` in `text` and press `key`. Returns the quote's offsets. */
export async function tagQuote(page: Page, text: string, quote: string, key: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`quote not in text: ${quote}`);
  await dragSelect(page, at, at + quote.length);
  await page.keyboard.press(key);
  return { start: at, end: at + quote.length };
}

export async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
}

export const spanItems = (page: Page) => page.locator('[data-testid=span-list] [data-testid=span-item]');

export const docItem = (page: Page, docId: string) => page.locator(`[data-testid=doc-item][data-doc-id="${docId}"]`);
export const docItems = (page: Page) => page.locator('[data-testid=doc-list] [data-testid=doc-item]');
export const toasts = (page: Page) => page.getByTestId('toast');

/** The app after start with a known annotator: the project's documents are listed. */
export async function waitForProject(page: Page, documents: number) {
  await expect(page.getByTestId('doc-list')).toBeVisible();
  await expect(docItems(page)).toHaveCount(documents);
}
