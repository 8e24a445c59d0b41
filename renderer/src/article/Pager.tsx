import type { ArticlePage } from './paging';

interface PagerProps {
  pages: readonly ArticlePage[];
  current: number;
  textLength: number;
  onGo(index: number): void;
}

const formatNumber = new Intl.NumberFormat();

/** Previous/next controls for documents too large to show at once (drawn above and below). */
export function Pager({ pages, current, textLength, onGo }: PagerProps) {
  const page = pages[current];
  if (pages.length < 2 || !page) return null;
  const percent = textLength > 0 ? Math.round((page.end / textLength) * 100) : 100;
  return (
    <nav className="fm-article-pager" data-testid="article-pager" aria-label="Article pages">
      <button type="button" data-testid="article-page-prev" disabled={current === 0} onClick={() => onGo(current - 1)}>
        ‹ Previous
      </button>
      <span className="fm-article-pager-status" data-page={current + 1} data-pages={pages.length}>
        Page {current + 1} of {pages.length} · characters {formatNumber.format(page.start + 1)}–{formatNumber.format(page.end)} ({percent}%)
      </span>
      <button type="button" data-testid="article-page-next" disabled={current === pages.length - 1} onClick={() => onGo(current + 1)}>
        Next ›
      </button>
    </nav>
  );
}
