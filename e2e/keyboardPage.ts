import { expect, type Page } from '@playwright/test';

/**
 * Driving the app with the keyboard only. Reading the page's state (where the caret is, what has
 * the focus) is allowed; every action is a key press.
 */

/** Counts pointer and mouse events from here on (a keyboard-only test asserts it stays 0). */
export async function countPointerEvents(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __pointerEvents: string[] };
    w.__pointerEvents = [];
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'wheel', 'contextmenu']) {
      window.addEventListener(type, (e) => w.__pointerEvents.push(`${type} on ${(e.target as Element | null)?.tagName ?? '?'}`), true);
    }
  });
}

export const pointerEvents = (page: Page) => page.evaluate(() => (window as unknown as { __pointerEvents: string[] }).__pointerEvents);

/** What has the focus, as a short description (for failure messages). */
export const describeFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const id = el.getAttribute('data-testid');
    return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
  });

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, opts: { max?: number; back?: boolean } = {}) {
  const max = opts.max ?? 120;
  const seen: string[] = [];
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    if (i < 12 || i > max - 4) seen.push(await describeFocus(page));
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}; focus went through: ${seen.join(' → ')}`);
}

/** The selection in the article as text offsets: anchor and focus (the caret when both are equal). */
export async function articleSelection(page: Page): Promise<{ anchor: number; focus: number } | null> {
  return page.evaluate(() => {
    const sel = document.getSelection();
    const article = document.querySelector('[data-testid=article]');
    if (!sel || !sel.anchorNode || !sel.focusNode || !article) return null;
    const offset = (node: Node, at: number): number | null => {
      const el = node instanceof Element ? node : node.parentElement;
      const block = el?.closest<HTMLElement>('[data-block-start]');
      if (!block || !article.contains(block)) return null;
      const r = document.createRange();
      r.setStart(block, 0);
      r.setEnd(node, at);
      return Number(block.dataset.blockStart) + r.toString().length;
    };
    const anchor = offset(sel.anchorNode, sel.anchorOffset);
    const focus = offset(sel.focusNode, sel.focusOffset);
    return anchor === null || focus === null ? null : { anchor, focus };
  });
}

/**
 * Moves the caret (or, with `extend`, the selection's end) to `target` with the arrow keys: by
 * word (Ctrl+←/→) while far, then by character. Left-to-right text.
 */
export async function caretTo(page: Page, target: number, extend = false) {
  const shift = extend ? 'Shift+' : '';
  let byWord = true;
  for (let i = 0; i < 600; i++) {
    const sel = await articleSelection(page);
    if (!sel) throw new Error('the article has no caret');
    const diff = target - sel.focus;
    if (diff === 0) return;
    const key = diff > 0 ? 'ArrowRight' : 'ArrowLeft';
    if (!extend && diff < -1000) {
      await page.keyboard.press('Control+Home');
    } else if (Math.abs(diff) > 200) {
      // Far: a line at a time.
      await page.keyboard.press(`${shift}${diff > 0 ? 'ArrowDown' : 'ArrowUp'}`);
    } else if (byWord && Math.abs(diff) > 15) {
      await page.keyboard.press(`${shift}Control+${key}`);
      const after = await articleSelection(page);
      // Past the target: characters from here on.
      if (after && Math.sign(target - after.focus) !== Math.sign(diff)) byWord = false;
    } else {
      await page.keyboard.press(`${shift}${key}`);
    }
  }
  throw new Error(`the caret did not reach ${target}`);
}

/** Selects [start, end) of the article text with the keyboard: caret to start, Shift+arrows to end. */
export async function keyboardSelect(page: Page, start: number, end: number) {
  await caretTo(page, start);
  await caretTo(page, end, true);
  expect(await articleSelection(page)).toEqual({ anchor: start, focus: end });
}

export const selectedSpanId = (page: Page) => page.locator('[data-testid=span-item][aria-selected=true]').getAttribute('data-span-id');
