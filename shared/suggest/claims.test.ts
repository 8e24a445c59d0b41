import { describe, expect, it } from 'vitest';
import { suggestClaims } from './claims';

const quotes = (text: string) => suggestClaims(text).map((s) => text.slice(s.start, s.end));

describe('suggestClaims', () => {
  it.each([
    ['Rebels entered the city on Friday, the army reported.', ['Rebels entered the city on Friday']],
    ['According to two sources, the airport was closed on Saturday.', ['the airport was closed on Saturday']],
    ['The ministry said that 40 people were killed in the strike.', ['40 people were killed in the strike']],
    ['“We will restore order as soon as possible,” he said.', ['We will restore order as soon as possible']],
    ['Four civilians were killed, including two children, according to the White Helmets.', ['Four civilians were killed, including two children']],
    ['The rebels advanced towards the city. The weather was cold.', []],
  ])('%s', (text, expected) => {
    expect(quotes(text)).toEqual(expected);
  });

  it('returns the attribution frame for the claimant', () => {
    const text = 'Rebels entered the city on Friday, the army reported.';
    const [c] = suggestClaims(text);
    expect(c?.frame && text.slice(c.frame.start, c.frame.end)).toBe('the army reported.');
  });
});
