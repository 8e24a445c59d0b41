/**
 * The index a list key moves to in a single-selection list of `count` items (↑/↓, Home/End,
 * PageUp/PageDown by `page`), from `current` (-1: nothing selected yet); null for other keys or an
 * empty list. Stops at the ends rather than wrapping, like native list boxes.
 */
export function neighbourIndex(key: string, current: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(last, current + 1);
    case 'ArrowUp':
      return current < 0 ? last : Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return current < 0 ? Math.min(last, page - 1) : Math.min(last, current + page);
    case 'PageUp':
      return current < 0 ? 0 : Math.max(0, current - page);
    default:
      return null;
  }
}
