import { describe, expect, it } from 'vitest';
import { storeSuggestions, suggestionFileSchema } from './suggestionFile';
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

  it('keeps the claimant of a claim, with its quote', () => {
    const claimText = 'Rebels entered the city, Reuters said.';
    const claim: Suggestion = { start: 0, end: 23, label: 'claim', suggester: 'claims', claimant: { start: 25, end: 32 } };
    const stored = storeSuggestions(claimText, [claim], null, sha);
    expect(stored.suggestions[0]?.claimant).toEqual({ start: 25, end: 32, quote: 'Reuters' });
    expect(suggestionFileSchema.shape.suggestions.element.parse(stored.suggestions[0])).toEqual(stored.suggestions[0]);
  });

  it('forgets rejections made against another version of the text', () => {
    const stored = storeSuggestions(text, fresh, { textSha256: 'b'.repeat(64), rejected: [{ start: 0, end: 6, label: 'actor', quote: 'Russia' }] }, sha);
    expect(stored.suggestions).toHaveLength(2);
    expect(stored.rejected).toEqual([]);
  });
});
