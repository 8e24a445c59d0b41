import { describe, expect, it } from 'vitest';
import type { SuggestionView } from '../../../shared/api/contract';
import { aboveThreshold, acceptAllCandidates, ACCEPT_ALL_CONFIRM_OVER, neighbourSuggestion, thresholdOf, visibleSuggestions } from './suggestionStore';

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

describe('thresholds and Accept all', () => {
  const scored = (id: string, label: string, score?: number): SuggestionView => ({ id, start: 0, end: 1, label, suggester: 'actors', ...(score !== undefined ? { score } : {}) });
  const items = [scored('a', 'actor', 0.2), scored('b', 'actor', 0.6), scored('c', 'number', 0.95), scored('d', 'claim')];

  it('the annotator’s slider wins over the model’s default; a suggestion without a score is always shown', () => {
    const state = { thresholds: { actor: 0.5 }, defaultThresholds: { actor: 0.1, number: 0.5 } };
    expect(thresholdOf(state, 'actor')).toBe(0.5);
    expect(thresholdOf(state, 'number')).toBe(0.5);
    expect(thresholdOf(state, 'claim')).toBe(0.5);
    expect(aboveThreshold(items, state).map((x) => x.id)).toEqual(['b', 'c', 'd']);
    expect(aboveThreshold(items, { thresholds: {}, defaultThresholds: { actor: 0.1 } }).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('Accept all takes the label’s suggestions drawn on this page only', () => {
    expect(acceptAllCandidates(items, 'actor', new Set(['b', 'c'])).map((x) => x.id)).toEqual(['b']);
    expect(acceptAllCandidates(items, 'actor', new Set()).map((x) => x.id)).toEqual([]);
    expect(ACCEPT_ALL_CONFIRM_OVER).toBe(20);
  });
});
