import { describe, expect, it } from 'vitest';
import { tokenizeSentences } from '../text/tokenize';
import { labelLayer } from './tokenLayers';

describe('label layers on tokens', () => {
  const text = 'Officials said 300 people fled Aleppo.';
  const tokens = tokenizeSentences(text).flatMap((s) => s.tokens);

  it('marks every token a span of the label touches, nested spans in each layer', () => {
    expect(tokens.map((t) => t.text)).toEqual(['Officials', 'said', '300', 'people', 'fled', 'Aleppo', '.']);
    const spans = [
      { start: 0, end: 38, label: 'claim' },
      { start: 0, end: 9, label: 'actor' },
      { start: 15, end: 25, label: 'number' },
    ];
    expect([...labelLayer(tokens, spans, 'claim')]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect([...labelLayer(tokens, spans, 'actor')]).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect([...labelLayer(tokens, spans, 'number')]).toEqual([0, 0, 1, 1, 0, 0, 0]);
  });

  it('counts a token partly covered (a span ending mid-word) and nothing for whitespace-only spans', () => {
    expect([...labelLayer(tokens, [{ start: 2, end: 5, label: 'actor' }], 'actor')]).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect([...labelLayer(tokens, [{ start: 9, end: 10, label: 'actor' }], 'actor')]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
