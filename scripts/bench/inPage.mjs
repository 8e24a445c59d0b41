// Functions run inside the page by Playwright (serialized, so each is self-contained). Times are
// performance.now() / event.timeStamp, one clock: the page's time origin.

/**
 * Installed before the app's scripts: records long tasks and the time of the latest click and
 * keydown (capture phase, so before the app's own handlers run).
 */
export function installProbes() {
  const bench = { longTasks: [], longTasksSupported: true, lastClick: 0, lastKey: 0, pending: null };
  window.__bench = bench;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasksSupported = false;
  }
  window.addEventListener('click', (e) => (bench.lastClick = e.timeStamp), true);
  window.addEventListener('keydown', (e) => (bench.lastKey = e.timeStamp), true);
}

/**
 * Arms a wait for `selector` to match, then for the next paint (two animation frames: the
 * second callback runs once the frame holding the change was produced). Armed before the
 * trigger so the observer cannot miss the change; the result is read by `finishWait`.
 */
export function armSelectorWait({ selector, timeoutMs }) {
  performance.clearMeasures('factmark:article-build');
  window.__bench.pending = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${selector}`));
    }, timeoutMs);
    function check() {
      if (!document.querySelector(selector)) return;
      const seenAt = performance.now();
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({ seenAt, paintAt: performance.now() })));
    }
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-doc-id', 'data-page'] });
  });
}

/**
 * Arms a wait for a mark carrying a span id not yet in the article (the span just tagged), then
 * for the next paint. Blocks are replaced whole on a change, so ids are compared, not nodes.
 */
export function armNewMarkWait({ timeoutMs }) {
  const article = document.querySelector('[data-testid=article]');
  const idsNow = () => {
    const ids = new Set();
    for (const m of article.querySelectorAll('mark[data-span-ids]')) for (const id of m.dataset.spanIds.split(' ')) ids.add(id);
    return ids;
  };
  const before = idsNow();
  performance.clearMeasures('factmark:article-build');
  window.__bench.pending = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      for (const id of idsNow()) {
        if (before.has(id)) continue;
        const seenAt = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => requestAnimationFrame(() => resolve({ seenAt, paintAt: performance.now() })));
        return;
      }
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for a new mark`));
    }, timeoutMs);
    observer.observe(article, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-span-ids'] });
  });
}

/**
 * Waits for the armed wait, and returns its times relative to the trigger (the latest click or
 * keydown), the app's article-build measures, and the longest task overlapping the interval.
 */
export async function finishWait({ trigger }) {
  const bench = window.__bench;
  const { seenAt, paintAt } = await bench.pending;
  const at = trigger === 'key' ? bench.lastKey : bench.lastClick;
  const builds = performance.getEntriesByName('factmark:article-build').map((e) => ({ duration: e.duration, detail: e.detail }));
  const overlapping = bench.longTasks.filter((t) => t.start + t.duration >= at && t.start <= paintAt);
  return {
    toDom: seenAt - at,
    toPaint: paintAt - at,
    builds,
    longestTask: bench.longTasksSupported ? Math.max(0, ...overlapping.map((t) => t.duration)) : null,
  };
}

/**
 * Selects [start, end) of the document text in the article, as a user's drag would leave it:
 * a DOM Range on the text nodes, found through the blocks' data-block-start/end. Scrolls it
 * into view first so the scroll is not part of the timing.
 */
export function selectTextRange({ start, end }) {
  const article = document.querySelector('[data-testid=article]');
  const blocks = Array.from(article.querySelectorAll('[data-block-start]'));
  function locate(offset, isEnd) {
    const block = blocks.find((b) => {
      const s = Number(b.dataset.blockStart);
      const e = Number(b.dataset.blockEnd);
      return isEnd ? s < offset && offset <= e : s <= offset && offset < e;
    });
    if (!block) throw new Error(`no block on this page holds offset ${offset}`);
    let rest = offset - Number(block.dataset.blockStart);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (isEnd ? rest <= n.data.length : rest < n.data.length) return { node: n, offset: rest };
      rest -= n.data.length;
    }
    throw new Error(`offset ${offset} is past its block`);
  }
  const from = locate(start, false);
  const to = locate(end, true);
  from.node.parentElement.scrollIntoView({ block: 'center' });
  const range = document.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  const selection = document.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

/** The text range shown on the current page: first block start, last block end, page index. */
export function shownRange() {
  const article = document.querySelector('[data-testid=article]');
  const blocks = article.querySelectorAll('[data-block-start]');
  return {
    start: Number(blocks[0].dataset.blockStart),
    end: Number(blocks[blocks.length - 1].dataset.blockEnd),
    page: Number(article.dataset.page),
    blocks: blocks.length,
  };
}
