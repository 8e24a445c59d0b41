import { describe, expect, it } from 'vitest';
import { storeSuggestions } from './suggestionFile';
import type { Suggestion } from './types';

const text = 'Russia sent 40 jets.';
const sha = 'a'.repeat(64);
const fresh: Suggestion[] = [
  { start: 0, end: 6, label: 'actor', suggester: 'actors' },
  { start: 12, end: 14, label: 'number', suggester: 'numbers', attributes: { value: 40 } },
];

describe('storeSuggestions', () => {
  it('keeps quotes and attributes, and leaves rejected suggestions out', () => {
    const stored = storeSuggestions(text, fresh, { textSha256: sha, rejected: [{ start: 0, end: 6, label: 'actor', quote: 'Russia' }] }, sha);
    expect(stored.suggestions).toEqual([{ start: 12, end: 14, label: 'number', suggester: 'numbers', quote: '40', attributes: { value: 40 } }]);
    expect(stored.rejected).toHaveLength(1);
  });

  it('forgets rejections made against another version of the text', () => {
    const stored = storeSuggestions(text, fresh, { textSha256: 'b'.repeat(64), rejected: [{ start: 0, end: 6, label: 'actor', quote: 'Russia' }] }, sha);
    expect(stored.suggestions).toHaveLength(2);
    expect(stored.rejected).toEqual([]);
  });
});
