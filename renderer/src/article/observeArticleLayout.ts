/**
 * Calls `measure` now and whenever what an overlay is drawn over may have moved: the scroll
 * container or the article resized, or the article's DOM changed (Lexical redraws marks after
 * React's commit). Shared by the overlays drawn over marks (relations, suggestions). Returns the
 * function that stops observing.
 */
export function observeArticleLayout(container: HTMLElement, measure: () => void): () => void {
  measure();
  const resize = new ResizeObserver(measure);
  resize.observe(container);
  const articleEl = container.querySelector('[data-testid=article]');
  if (articleEl) resize.observe(articleEl);
  const mutations = new MutationObserver(measure);
  if (articleEl) mutations.observe(articleEl, { childList: true, subtree: true });
  return () => {
    resize.disconnect();
    mutations.disconnect();
  };
}
