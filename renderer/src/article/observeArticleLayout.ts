/**
 * Runs `measure` in the next animation frame, now and whenever what an overlay is drawn over may
 * have moved: the scroll container or the article resized, or the article's DOM changed (Lexical
 * redraws marks after React's commit). Several changes in one frame give one measure. Shared by
 * the overlays drawn over marks (relations, suggestions). Returns the function that stops it.
 */
export function observeArticleLayout(container: HTMLElement, measure: () => void): () => void {
  let frame = 0;
  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(measure);
  };
  schedule();
  const resize = new ResizeObserver(schedule);
  resize.observe(container);
  const articleEl = container.querySelector('[data-testid=article]');
  if (articleEl) resize.observe(articleEl);
  const mutations = new MutationObserver(schedule);
  if (articleEl) mutations.observe(articleEl, { childList: true, subtree: true });
  return () => {
    cancelAnimationFrame(frame);
    resize.disconnect();
    mutations.disconnect();
  };
}
