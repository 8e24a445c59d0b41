import { createStore } from '../stores/createStore';

/**
 * How the workspace is laid out, kept per browser profile (localStorage): which side panes are
 * collapsed, and the share of the span pane's height the span list gets above the attribute panel.
 */
export interface PaneLayout {
  documentsCollapsed: boolean;
  spansCollapsed: boolean;
  spanListCollapsed: boolean;
  /** Fraction (0..1) of the span pane's height given to the span list. */
  spanListShare: number;
}

const KEY = 'factmark:pane-layout';
export const MIN_SHARE = 0.15;
export const MAX_SHARE = 0.85;

const DEFAULTS: PaneLayout = { documentsCollapsed: false, spansCollapsed: false, spanListCollapsed: false, spanListShare: 0.45 };

export const clampShare = (share: number) => Math.min(MAX_SHARE, Math.max(MIN_SHARE, share));

function readSaved(): PaneLayout {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    // A first start in a narrow window (under 900 px, e.g. 150 % zoom) gives the article the room.
    const narrow = typeof window !== 'undefined' && window.innerWidth < 900;
    const saved = raw ? (JSON.parse(raw) as Partial<PaneLayout>) : narrow ? { documentsCollapsed: true } : {};
    const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
    return {
      documentsCollapsed: bool(saved.documentsCollapsed, DEFAULTS.documentsCollapsed),
      spansCollapsed: bool(saved.spansCollapsed, DEFAULTS.spansCollapsed),
      spanListCollapsed: bool(saved.spanListCollapsed, DEFAULTS.spanListCollapsed),
      spanListShare: typeof saved.spanListShare === 'number' && Number.isFinite(saved.spanListShare) ? clampShare(saved.spanListShare) : DEFAULTS.spanListShare,
    };
  } catch {
    // A profile whose storage is unavailable or holds something else starts from the defaults.
    return { ...DEFAULTS };
  }
}

export const paneLayout = createStore<PaneLayout>(readSaved());

export function setPaneLayout(patch: Partial<PaneLayout>): void {
  paneLayout.set(patch);
  try {
    localStorage.setItem(KEY, JSON.stringify(paneLayout.get()));
  } catch {
    // Not kept across restarts where storage is unavailable; the layout still changes now.
  }
}
