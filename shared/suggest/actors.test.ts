import { describe, expect, it } from 'vitest';
import { suggestActors, suggestGazetteer } from './actors';

const quotes = (text: string) => suggestActors(text).map((s) => text.slice(s.start, s.end));

describe('suggestActors', () => {
  it.each([
    ['Kremlin spokesperson Dmitry Peskov condemned the attack.', ['Kremlin', 'Dmitry Peskov']],
    ['The offensive by Hayat Tahrir al-Sham surprised President Bashar al-Assad.', ['Hayat Tahrir al-Sham', 'Bashar al-Assad']],
    ['Russian forces moved north.', ['Russian forces']],
    ['The rebels asked for Russian air support.', []],
    ['Turkish-backed rebels entered the town.', []],
    ['Fighting continued in Idlib, the Syrian government said.', ['Syrian government']],
    ['The U.N. warned Moscow on Monday.', ['U.N.', 'Moscow']],
  ])('%s', (text, expected) => {
    expect(quotes(text)).toEqual(expected);
  });
});

describe('suggestGazetteer', () => {
  it.each([
    ['White Helmets and the Syrian Civil Defense', ['Syrian Civil Defense', 'White Helmets'], ['White Helmets', 'Syrian Civil Defense']],
    ['The Syrian Civil Defense said', ['Syrian Civil Defense', 'Civil Defense'], ['Syrian Civil Defense']],
    ['Iranian officials, not Iran', ['Iran'], ['Iran']],
  ])('%s', (text, known, expected) => {
    expect(suggestGazetteer(text, known).map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });
});
