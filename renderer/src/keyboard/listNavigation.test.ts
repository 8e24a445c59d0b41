import { describe, expect, it } from 'vitest';
import { neighbourIndex } from './listNavigation';

describe('neighbourIndex', () => {
  it('moves one, a page, or to the ends, and stops there', () => {
    expect(neighbourIndex('ArrowDown', 2, 5, 3)).toBe(3);
    expect(neighbourIndex('ArrowDown', 4, 5, 3)).toBe(4);
    expect(neighbourIndex('ArrowUp', 0, 5, 3)).toBe(0);
    expect(neighbourIndex('PageDown', 1, 5, 3)).toBe(4);
    expect(neighbourIndex('PageUp', 4, 5, 3)).toBe(1);
    expect(neighbourIndex('Home', 3, 5, 3)).toBe(0);
    expect(neighbourIndex('End', 0, 5, 3)).toBe(4);
  });
  it('starts at the first (↓) or last (↑) item when nothing is selected', () => {
    expect(neighbourIndex('ArrowDown', -1, 5, 3)).toBe(0);
    expect(neighbourIndex('ArrowUp', -1, 5, 3)).toBe(4);
  });
  it('ignores other keys and empty lists', () => {
    expect(neighbourIndex('a', 1, 5, 3)).toBeNull();
    expect(neighbourIndex('ArrowDown', -1, 0, 3)).toBeNull();
  });
});
