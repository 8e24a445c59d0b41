import { describe, expect, it } from 'vitest';
import { claimTerms } from './claimTerms';
import { deriveClaimants } from './deriveClaimant';

/**
 * A text with its claim and actors marked: [[claim]] and {actor}; the claimants read from the
 * frame, by their words (aliases after "="), with where they were read when not the frame.
 */
function claimantsOf(marked: string): string[] {
  let text = '';
  const actors: { id: string; start: number; end: number }[] = [];
  let claim = { start: 0, end: 0 };
  const open: { kind: string; at: number }[] = [];
  for (const ch of marked) {
    if (ch === '{' || ch === '⟦') open.push({ kind: ch, at: text.length });
    else if (ch === '}') actors.push({ id: `a${actors.length}`, start: open.pop()!.at, end: text.length });
    else if (ch === '⟧') claim = { start: open.pop()!.at, end: text.length };
    else text += ch;
  }
  const words = (id: string) => {
    const a = actors.find((x) => x.id === id)!;
    return text.slice(a.start, a.end);
  };
  return deriveClaimants(text, claim, actors, claimTerms).map(
    (d) => `${d.description}${d.aliasSpanIds.map((id) => ` = ${words(id)}`).join('')}${d.from === 'frame' ? '' : ` (${d.from})`}`,
  );
}

describe('claimants read from the attribution frame', () => {
  const cases: [string, string, string[]][] = [
    ['"…, X reported" after the claim', '⟦Rebels swept into the city on Saturday⟧, the {Syrian army} reported.', ['Syrian army']],
    ['"according to X" with a qualifier and an outlet', '⟦The airport was closed⟧, according to {two military sources} cited by {Reuters}.', ['two military sources', 'Reuters']],
    ['"X told Y": the source and the outlet it spoke to', '⟦Aid will arrive within 72 hours⟧, {two sources} in the {Syrian military} told {Reuters}.', ['two sources in the Syrian military', 'Reuters']],
    ['"also known as": one claimant, two names', '⟦Strikes killed four civilians⟧, according to the {Syrian Civil Defense}, also known as the {White Helmets}, a rescue service.', ['Syrian Civil Defense = White Helmets']],
    ['an appositive that qualifies the speaker', '{Mustafa Abdul Jaber}, a commander in the {Jaish al-Izza} rebel brigade, noted that ⟦their progress was fast⟧.', ['Mustafa Abdul Jaber, a commander in the Jaish al-Izza']],
    ['an addressee is no source', 'In another call, Mr. {Pezeshkian} assured Mr. {Assad} that ⟦Tehran is prepared to provide all necessary assistance⟧.', ['Pezeshkian']],
    ['"X said that" with a time adverbial', 'On Friday, {Turkey’s foreign ministry} stated that ⟦the clashes had led to an increase in tensions⟧.', ['Turkey’s foreign ministry']],
    ['a quotation and "said X"', '“⟦The army has been told to withdraw⟧,” said one of the {military sources}.', ['military sources']],
    ['a passive cue: its agents', '⟦Russian forces have been accused by the {U.N.} and {other organizations} of committing war crimes in the country⟧.', ['U.N.', 'other organizations']],
    ['a frame kept inside the claim ("refuted claims that")', '⟦On Friday, {Syrian state television} refuted claims that {rebels} had entered the city⟧.', ['Syrian state television']],
    ['"he said": the subject of the sentence before', 'Kremlin spokesman {Dmitry Peskov} condemned the attack on Friday. ⟦The efforts to restore order are supported⟧, he said.', ['Dmitry Peskov (pronoun)']],
    ['the next sentence refers back to the claim ("The pledge")', '⟦{Russia} has promised to send additional military aid to {Syria} within 72 hours⟧.\n\nThe pledge comes amid rapid gains, according to {two military sources} cited by {Reuters}.', ['two military sources (next-sentence)', 'Reuters (next-sentence)']],
    ['…but not a next sentence about something else', '⟦{Russia} has promised to send additional military aid⟧. The {Syrian military} also stated on Friday that it was countering the attack.', []],
    ['no frame: the journalist’s own statement', '⟦In 2016, {Assad} regained complete control of Aleppo city⟧.', []],
    ['"Reports indicate that": a frame with no actor', 'Reports indicate that ⟦the {rebels} captured a helicopter from the retreating {Syrian Army}⟧.', []],
    ['an opinion verb is no cue', 'In response, ⟦{Assad} has emphasized the importance of his allies’ support⟧.', []],
    ['"Mr." and "Nov." do not end the sentence', '⟦Mr. {Putin} spoke to the envoy on Nov. 29 about the talks⟧, the {Kremlin} said.', ['Kremlin']],
  ];
  it.each(cases)('%s', (_name, marked, expected) => {
    expect(claimantsOf(marked)).toEqual(expected);
  });
});
