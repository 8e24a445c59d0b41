import { describe, expect, it } from 'vitest';
import { tokenizeSentences } from './tokenize';

describe('tokenizeSentences', () => {
  it('keeps exact UTF-16 offsets around emoji, abbreviations and line breaks', () => {
    const text = 'Hi 😀 there, Mr. Bob said "it\'s $3.5bn".\n\nNew para here!  U.S. troops left.';
    const sentences = tokenizeSentences(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Hi 😀 there, Mr. Bob said "it\'s $3.5bn".',
      'New para here!',
      'U.S. troops left.',
    ]);
    for (const s of sentences) for (const t of s.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(sentences[0]!.tokens.map((t) => t.text).slice(0, 6)).toEqual(['Hi', '😀', 'there', ',', 'Mr.', 'Bob']);
    expect(sentences.flatMap((s) => s.tokens).some((t) => /\s/.test(t.text))).toBe(false);
  });

  it('answers no sentence for blank text', () => {
    expect(tokenizeSentences('  \n\n ')).toEqual([]);
  });

  it('splits a headline line from the body', () => {
    const text = 'Rebels enter Aleppo\nThe city fell on Friday. Residents fled.';
    expect(tokenizeSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Rebels enter Aleppo',
      'The city fell on Friday.',
      'Residents fled.',
    ]);
  });
});
