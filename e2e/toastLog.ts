import { expect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Every toast a page showed, recorded as it appears. Toasts go away by themselves (5 s, errors
 * 12 s): on a loaded machine a test may look after one is gone, so tests check what the app
 * said from this log rather than from what is on screen at that moment.
 */
export interface SeenToast {
  error: boolean;
  text: string;
}

declare global {
  interface Window {
    __factmarkToasts?: SeenToast[];
  }
}

/** Runs in the page: keeps window.__factmarkToasts (once per document). */
function toastRecorder() {
  if (window.__factmarkToasts) return;
  const seen: SeenToast[] = [];
  const recorded = new WeakSet<Element>();
  window.__factmarkToasts = seen;
  const scan = () => {
    for (const toast of document.querySelectorAll('[data-testid=toast]')) {
      if (recorded.has(toast)) continue;
      recorded.add(toast);
      seen.push({ error: toast.classList.contains('toast-error'), text: toast.textContent ?? '' });
    }
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
  scan();
}

/** Record toasts in every page of the context (before the app's own script runs). */
export async function recordToasts(context: BrowserContext): Promise<void> {
  await context.addInitScript(toastRecorder);
}

/** Record toasts in a page already open (the Electron window exists before a test can add scripts). */
export async function recordToastsNow(page: Page): Promise<void> {
  await page.evaluate(toastRecorder);
}

/** The toasts this page showed since it was loaded. */
export function seenToasts(page: Page): Promise<SeenToast[]> {
  return page.evaluate(() => window.__factmarkToasts ?? []);
}

/** Wait until the page has shown a toast containing `has` (and matching `matches`, when given). */
export async function expectToast(page: Page, has: string | RegExp, matches?: RegExp): Promise<void> {
  const fits = (text: string) => (typeof has === 'string' ? text.includes(has) : has.test(text)) && (!matches || matches.test(text));
  await expect
    .poll(async () => (await seenToasts(page)).map((t) => t.text).filter(fits), { message: `a toast with ${String(has)}${matches ? ` matching ${String(matches)}` : ''}` })
    .not.toEqual([]);
}
