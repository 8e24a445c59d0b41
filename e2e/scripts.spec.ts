import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openDocument, readAnnotationFile, readDocumentText, spanItems, waitSaved } from './articlePage';
import { readmeScreenshot } from './screenshots';
import { expect, repoRoot, test } from './serveFixture';

/** Arabic (right to left, Arabic-Indic digits) and Chinese (no spaces, digits next to Han) articles. */
const FIXTURES = join(repoRoot, 'test-fixtures/scripts');
const WHO = 'scripts';

const AR = {
  id: 'aleppo-ar',
  claim: 'قالت وزارة الدفاع الروسية إن روسيا سترسل مساعدات عسكرية إضافية إلى سوريا خلال ٧٢ ساعة',
  actor: 'وزارة الدفاع الروسية',
  number: '٧٢ ساعة',
  suggested: ['٧٢', '٢٥٥', '٢٤', '14000'],
};
const ZH = {
  id: 'aleppo-zh',
  claim: '俄罗斯承诺在72小时内向叙利亚提供额外的军事援助',
  actor: '路透社',
  number: '72小时',
  suggested: ['72', '4', '12', '2016'],
};

/**
 * A mouse drag from the text offset `from` to `to` in text of any direction: each end is the
 * point inside its character where the browser places that very offset (in right-to-left runs the
 * start of a character is its right edge; digits and Latin words inside them run left to right).
 */
async function dragSelectBidi(page: Page, from: number, to: number) {
  const points = await page.evaluate(
    ([start, end]) => {
      const article = document.querySelector('[data-testid=article]')!;
      const blocks = [...article.querySelectorAll<HTMLElement>('[data-block-start]')];
      const locate = (offset: number) => {
        const block = blocks.find((b) => Number(b.dataset.blockStart) <= offset && offset < Number(b.dataset.blockEnd))!;
        let rest = offset - Number(block.dataset.blockStart);
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (rest < n.data.length) return { node: n, offset: rest, block };
          rest -= n.data.length;
        }
        throw new Error(`offset ${offset} is not drawn`);
      };
      const offsetAt = (x: number, y: number) => {
        const r = document.caretRangeFromPoint(x, y);
        if (!r) return -1;
        const block = (r.startContainer instanceof Element ? r.startContainer : r.startContainer.parentElement)?.closest<HTMLElement>('[data-block-start]');
        if (!block) return -1;
        const pre = document.createRange();
        pre.setStart(block, 0);
        pre.setEnd(r.startContainer, r.startOffset);
        return Number(block.dataset.blockStart) + pre.toString().length;
      };
      /** The point inside the character at `charAt` where a caret lands on `wanted`. */
      const pointFor = (charAt: number, wanted: number) => {
        const p = locate(charAt);
        const r = document.createRange();
        r.setStart(p.node, p.offset);
        r.setEnd(p.node, p.offset + 1);
        const rect = r.getClientRects()[0]!;
        const y = rect.top + rect.height / 2;
        // The edges first, then the line around it, nearest first: where a right-to-left run meets a
        // number the offset between them is drawn at the number's far end.
        const xs = [rect.left + 1, rect.right - 1];
        const line = p.block.getBoundingClientRect();
        const around: number[] = [];
        for (let x = line.left; x <= line.right; x += 0.5) around.push(x);
        around.sort((u, v) => Math.abs(u - (rect.left + rect.right) / 2) - Math.abs(v - (rect.left + rect.right) / 2));
        for (const x of [...xs, ...around]) if (offsetAt(x, y) === wanted) return { x, y };
        throw new Error(`no point of the character at ${charAt} gives offset ${wanted}`);
      };
      locate(start).node.parentElement!.scrollIntoView({ block: 'center', behavior: 'instant' });
      return { a: pointFor(start, start), b: pointFor(end - 1, end) };
    },
    [from, to] as const,
  );
  await page.mouse.move(points.a.x, points.a.y);
  await page.mouse.down();
  await page.mouse.move((points.a.x + points.b.x) / 2, (points.a.y + points.b.y) / 2, { steps: 4 });
  await page.mouse.move(points.b.x, points.b.y, { steps: 4 });
  await page.mouse.up();
}

async function tag(page: Page, text: string, quote: string, key: string) {
  const at = text.indexOf(quote);
  await dragSelectBidi(page, at, at + quote.length);
  await page.keyboard.press(key);
  return at;
}

/** Every drawn suggestion outline has its own text under it (no empty box where a span wraps). */
async function outlinesCoverTheirText(page: Page) {
  return page.evaluate(() => {
    const article = document.querySelector('[data-testid=article]')!;
    const blocks = [...article.querySelectorAll<HTMLElement>('[data-block-start]')];
    const textRects = (start: number, end: number) => {
      const out: DOMRect[] = [];
      for (const b of blocks) {
        let at = Number(b.dataset.blockStart);
        const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const from = Math.max(start, at);
          const to = Math.min(end, at + n.data.length);
          if (from < to) {
            const r = document.createRange();
            r.setStart(n, from - at);
            r.setEnd(n, to - at);
            out.push(...r.getClientRects());
          }
          at += n.data.length;
        }
      }
      return out;
    };
    const bad: string[] = [];
    for (const box of document.querySelectorAll<HTMLElement>('[data-testid=suggestion]')) {
      const [start, end] = (box.dataset.suggestionId ?? '').split(':')[1]!.split('-').map(Number) as [number, number];
      const b = box.getBoundingClientRect();
      const covered = textRects(start, end).reduce((sum, r) => {
        const w = Math.min(b.right, r.right) - Math.max(b.left, r.left);
        const h = Math.min(b.bottom, r.bottom) - Math.max(b.top, r.top);
        return sum + (w > 0 && h > 0 ? w * h : 0);
      }, 0);
      if (covered < 0.5 * b.width * b.height) bad.push(`${box.dataset.suggestionId} at ${Math.round(b.left)},${Math.round(b.top)}`);
    }
    return bad;
  });
}

/** Points of the relation arcs that fall on text (the glyph boxes of the article's lines). */
async function arcPointsOnText(page: Page) {
  return page.evaluate(() => {
    const article = document.querySelector('[data-testid=article]')!;
    const lines: DOMRect[] = [];
    for (const b of article.querySelectorAll('[data-block-start]')) {
      const r = document.createRange();
      r.selectNodeContents(b);
      lines.push(...[...r.getClientRects()].filter((x) => x.width > 0));
    }
    const hits: string[] = [];
    for (const path of document.querySelectorAll<SVGPathElement>('[data-testid=relation-arc] path')) {
      const m = path.getScreenCTM()!;
      const total = path.getTotalLength();
      for (let d = 0; d <= total; d += 2) {
        const p = path.getPointAtLength(d).matrixTransform(m);
        if (lines.some((l) => p.x > l.left + 1 && p.x < l.right - 1 && p.y > l.top + 2 && p.y < l.bottom - 2)) hits.push(`${Math.round(p.x)},${Math.round(p.y)}`);
      }
    }
    return hits;
  });
}

test('an Arabic and a Chinese article: imported, laid out in their direction, numbers suggested, tagged, linked, exported with the right offsets', async ({ page, serve }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  const app = await serve({ annotator: WHO });
  await page.goto(app.url);
  await page.getByTestId('import-input').setInputFiles([join(FIXTURES, 'aleppo-ar.txt'), join(FIXTURES, 'aleppo-zh.txt')]);
  await expect(page.locator('[data-testid=doc-item][data-doc-id=aleppo-zh]')).toBeVisible();

  for (const doc of [AR, ZH]) {
    await openDocument(page, doc.id);
    const text = readDocumentText(app.projectDir, doc.id);
    // Numbers in their own digits, and next to Han characters, are suggested.
    for (const quote of doc.suggested) {
      const at = text.indexOf(quote);
      await expect(page.locator(`[data-testid=suggestion][data-suggestion-id="number:${at}-${at + quote.length}"]`)).toBeVisible();
    }
    expect(await outlinesCoverTheirText(page)).toEqual([]);

    const claimAt = await tag(page, text, doc.claim, 'c');
    const actorAt = await tag(page, text, doc.actor, 'a');
    const numberAt = await tag(page, text, doc.number, 'n');
    await expect(spanItems(page)).toHaveCount(3);
    // The number's value is read from its digits; its unit stops at the script change / first word.
    await expect(page.getByTestId('attr-value')).toHaveValue('72');
    await expect(page.getByTestId('attr-unit')).toHaveValue('hours');

    // Claim -> actor: the arc runs above the lines and through the margin, never over text.
    await page.locator('[data-testid=span-item][data-label=claim]').click();
    await page.keyboard.press('r');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('relation-arc')).toHaveCount(1);
    await expect.poll(() => arcPointsOnText(page)).toEqual([]);
    await page.getByTestId('doc-status').selectOption('done');
    await waitSaved(page);

    const saved = readAnnotationFile(app.projectDir, WHO, doc.id).json.spans;
    expect(saved.map((s) => [s.label, s.start, s.quote]).sort()).toEqual(
      [
        ['claim', claimAt, doc.claim],
        ['actor', actorAt, doc.actor],
        ['number', numberAt, doc.number],
      ].sort(),
    );
    if (doc === AR) {
      // Paragraphs run right to left: the final full stop ends up on the left.
      const order = await page.evaluate(() => {
        const block = [...document.querySelectorAll<HTMLElement>('[data-testid=article] [data-block-start]')][1]!;
        const text = block.firstChild as Text;
        const first = document.createRange();
        first.setStart(text, 0);
        first.setEnd(text, 1);
        return { direction: getComputedStyle(block).direction, firstRight: first.getBoundingClientRect().right, blockRight: block.getBoundingClientRect().right };
      });
      expect(order.direction).toBe('rtl');
      expect(order.blockRight - order.firstRight).toBeLessThan(4);
      // The Entity field takes the direction of what is typed in it.
      await page.locator('[data-testid=span-item][data-label=actor]').click();
      await page.getByTestId('entity-input').fill('الدفاع');
      expect(await page.getByTestId('entity-input').evaluate((el) => el.matches(':dir(rtl)'))).toBe(true);
      await page.keyboard.press('Escape');
      await readmeScreenshot(page, 'arabic.png');
    } else {
      await readmeScreenshot(page, 'chinese.png');
    }
  }

  // Export both, JSONL with code point offsets: each span's offsets pick out its quote.
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-preview')).toContainText('First record of 2');
  await dialog.getByTestId('export-run').click();
  const result = dialog.getByTestId('export-result');
  await expect(result.or(dialog.getByTestId('export-anyway'))).toBeVisible();
  if (await dialog.getByTestId('export-anyway').isVisible()) await dialog.getByTestId('export-anyway').click();
  await expect(result).toContainText('Exported 2 documents with 6 spans (code point offsets)');
  const path = (await result.locator('code.path').first().textContent())!;
  const records = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; spans: { start: number; end: number; label: string; text: string }[] });
  expect(records.map((r) => r.id).sort()).toEqual(['aleppo-ar', 'aleppo-zh']);
  for (const r of records) {
    const doc = r.id === AR.id ? AR : ZH;
    expect(r.text).toBe(readDocumentText(app.projectDir, r.id));
    for (const s of r.spans) expect([...r.text].slice(s.start, s.end).join('')).toBe(s.text);
    expect(r.spans.map((s) => s.text).sort()).toEqual([doc.claim, doc.actor, doc.number].sort());
  }
});
