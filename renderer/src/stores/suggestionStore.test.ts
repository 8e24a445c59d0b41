import { describe, expect, it } from 'vitest';
import type { SuggestionView } from '../../../shared/api/contract';
import { neighbourSuggestion, visibleSuggestions } from './suggestionStore';

const s = (id: string, start: number, end: number, label: string): SuggestionView => ({ id, start, end, label, suggester: 'numbers' });
const list = [s('a', 0, 5, 'actor'), s('b', 10, 18, 'number'), s('c', 20, 30, 'number')];

describe('suggestions shown', () => {
  it('hides toggled-off labels and suggestions overlapping a span of the same label', () => {
    expect(visibleSuggestions(list, [], []).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(visibleSuggestions(list, ['number'], []).map((x) => x.id)).toEqual(['a']);
    expect(visibleSuggestions(list, [], [{ start: 12, end: 14, label: 'number' }]).map((x) => x.id)).toEqual(['a', 'c']);
    // A span of another label does not hide it.
    expect(visibleSuggestions(list, [], [{ start: 12, end: 14, label: 'actor' }]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('Tab and Shift+Tab move through them, wrapping around', () => {
    expect(neighbourSuggestion(list, null, 1)).toBe('a');
    expect(neighbourSuggestion(list, null, -1)).toBe('c');
    expect(neighbourSuggestion(list, 'a', 1)).toBe('b');
    expect(neighbourSuggestion(list, 'c', 1)).toBe('a');
    expect(neighbourSuggestion(list, 'a', -1)).toBe('c');
    expect(neighbourSuggestion([], null, 1)).toBeNull();
  });

  it('without wrapping, past the last (or before the first) there is none: Tab leaves the article', () => {
    expect(neighbourSuggestion(list, 'c', 1, false)).toBeNull();
    expect(neighbourSuggestion(list, 'a', -1, false)).toBeNull();
    expect(neighbourSuggestion(list, 'b', 1, false)).toBe('c');
    expect(neighbourSuggestion(list, null, 1, false)).toBe('a');
  });
});
