import { useEffect, type RefObject } from 'react';

/**
 * A region that scrolls must be scrollable from the keyboard: while its content overflows, it
 * joins the tab order (tabindex 0, with the role of a named region) so arrow keys and PgUp/PgDn
 * scroll it; when everything fits it leaves the tab order again.
 */
export function useFocusableWhenScrolling(ref: RefObject<HTMLElement | null>, labelledBy: string): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const scrolls = el.scrollHeight > el.clientHeight + 1;
      if (scrolls) {
        el.tabIndex = 0;
        el.setAttribute('role', 'region');
        el.setAttribute('aria-labelledby', labelledBy);
      } else {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-labelledby');
      }
    };
    update();
    const resize = new ResizeObserver(update);
    resize.observe(el);
    const mutations = new MutationObserver(update);
    mutations.observe(el, { childList: true, subtree: true });
    return () => {
      resize.disconnect();
      mutations.disconnect();
    };
  }, [ref, labelledBy]);
}
