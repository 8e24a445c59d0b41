import { useEffect, useState, type RefObject } from 'react';
import { observeArticleLayout } from '../observeArticleLayout';
import { focusRect } from './caretBrowsing';

interface CaretBox {
  left: number;
  top: number;
  height: number;
}

/**
 * The caret of caret browsing (caretBrowsing.ts), drawn over the article while it has the focus
 * and the selection is collapsed in it: Chromium draws none in read-only text. Positioned in the
 * scroll container's coordinates, so it scrolls with the text.
 */
export function ArticleCaret({ containerRef }: { containerRef: RefObject<HTMLElement | null> }) {
  const [box, setBox] = useState<CaretBox | null>(null);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const measure = () => {
      const article = container.querySelector<HTMLElement>('[data-testid=article]');
      const sel = document.getSelection();
      if (!article || document.activeElement !== article || !sel || !sel.isCollapsed || !sel.focusNode || !article.contains(sel.focusNode)) {
        setBox(null);
        return;
      }
      const rect = focusRect(sel);
      if (!rect) {
        setBox(null);
        return;
      }
      const frame = container.getBoundingClientRect();
      setBox({ left: rect.left - frame.left + container.scrollLeft, top: rect.top - frame.top + container.scrollTop, height: rect.height });
    };
    const stop = observeArticleLayout(container, measure);
    document.addEventListener('selectionchange', measure);
    container.addEventListener('focusin', measure);
    container.addEventListener('focusout', measure);
    return () => {
      stop();
      document.removeEventListener('selectionchange', measure);
      container.removeEventListener('focusin', measure);
      container.removeEventListener('focusout', measure);
    };
  }, [containerRef]);
  if (!box) return null;
  return <div className="fm-caret" data-testid="article-caret" aria-hidden="true" style={{ left: box.left, top: box.top, height: box.height }} />;
}
