/**
 * Caret browsing in the read-only article: which key moves the caret (or extends the selection)
 * how far. The moves are carried out by the browser's Selection.modify, which knows lines, words
 * in every script (ICU, dictionary-based for Chinese and Japanese) and right-to-left order.
 */

export type CaretGranularity = 'character' | 'word' | 'line' | 'lineboundary';
/** Left/right are visual (right-to-left text moves the way the arrow points); up/down are lines. */
export type CaretDirection = 'left' | 'right' | 'forward' | 'backward';

export type CaretMove =
  | { kind: 'modify'; alter: 'move' | 'extend'; direction: CaretDirection; granularity: CaretGranularity }
  /** Ctrl+Home / Ctrl+End: the article's first or last character (not the page's). */
  | { kind: 'edge'; alter: 'move' | 'extend'; edge: 'start' | 'end' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/**
 * The caret move a key asks for, or null when the key is not a caret key. Word steps take Ctrl
 * (Windows, Linux) or Alt (macOS convention, accepted everywhere); ⌘←/→ go to the line's ends on
 * macOS. Alt+↑/↓ stays the app's previous/next document.
 */
export function caretMoveFor(e: KeyLike): CaretMove | null {
  const alter = e.shiftKey ? 'extend' : 'move';
  const word = e.ctrlKey || e.altKey;
  switch (e.key) {
    case 'ArrowLeft':
    case 'ArrowRight': {
      const direction = e.key === 'ArrowLeft' ? 'left' : 'right';
      if (e.metaKey) return { kind: 'modify', alter, direction, granularity: 'lineboundary' };
      return { kind: 'modify', alter, direction, granularity: word ? 'word' : 'character' };
    }
    case 'ArrowUp':
    case 'ArrowDown':
      if (e.altKey || e.ctrlKey) return null;
      if (e.metaKey) return { kind: 'edge', alter, edge: e.key === 'ArrowUp' ? 'start' : 'end' };
      return { kind: 'modify', alter, direction: e.key === 'ArrowUp' ? 'backward' : 'forward', granularity: 'line' };
    case 'Home':
    case 'End':
      if (e.altKey || e.metaKey) return null;
      if (e.ctrlKey) return { kind: 'edge', alter, edge: e.key === 'Home' ? 'start' : 'end' };
      return { kind: 'modify', alter, direction: e.key === 'Home' ? 'backward' : 'forward', granularity: 'lineboundary' };
    default:
      return null;
  }
}
