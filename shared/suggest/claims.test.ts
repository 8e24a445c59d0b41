import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel } from '../learn/model';
import { claimBoundaries, suggestClaims } from './claims';

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

describe('claim boundaries (guidelines v2)', () => {
  const cut = (s: string) => {
    const b = claimBoundaries(s, 0, s.length);
    return b && s.slice(b.start, b.end);
  };
  it.each([
    ['Meanwhile, the army withdrew from the city on Friday.', 'the army withdrew from the city on Friday'],
    ['However, both countries are facing their own challenges.', 'both countries are facing their own challenges'],
    ['On Saturday, rebels entered the city centre.', 'On Saturday, rebels entered the city centre'],
    ['“The city has fallen,” a commander told reporters.', 'The city has fallen'],
    ['Dmitry Peskov told reporters that Moscow was concerned about the situation.', 'Moscow was concerned about the situation'],
    ['The authors say the results confirm the shortage of medicine in the region.', 'the results confirm the shortage of medicine in the region'],
    ['Rebels seized the airport, according to two military sources.', 'Rebels seized the airport'],
  ])('%s', (sentence, expected) => {
    expect(cut(sentence)).toBe(expected);
  });
});

describe('suggestClaims with the trained classifier', () => {
  const model = readModel(JSON.parse(readFileSync(join(__dirname, '..', '..', 'models', 'factmark-suggest.json'), 'utf8')));
  it('scores every sentence, splits a headline at its semicolon, skips boilerplate, one claim per sentence', () => {
    const text = 'Assad Seeks Support from Russia; 300+ Insurgents Killed\n\nYou are currently viewing Assad Seeks Support\n\nRebels captured 12 villages on Monday, the army said. Leave a Reply\n';
    const got = suggestClaims(text, { model });
    const quotes = got.map((c) => text.slice(c.start, c.end));
    expect(quotes).toEqual(expect.arrayContaining(['Assad Seeks Support from Russia', '300+ Insurgents Killed', 'Rebels captured 12 villages on Monday']));
    expect(quotes.some((q) => /currently viewing|Leave a Reply/.test(q))).toBe(false);
    for (const c of got) expect(c.score).toBeGreaterThan(0);
    expect(got.filter((c) => c.start >= text.indexOf('Rebels'))).toHaveLength(1);
  });
});
