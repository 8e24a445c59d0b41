import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeSentences, tokensOfRun } from './tokenize';

const texts = (text: string) => tokenize(text).map((t) => t.text);

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

  it('cuts punctuation outside ASCII off a word: the Arabic comma, the Chinese full stop, guillemets', () => {
    const words = (text: string) => tokenizeSentences(text).flatMap((s) => s.tokens.map((t) => t.text));
    expect(words('خلال ٧٢ ساعة، قالت')).toEqual(['خلال', '٧٢', 'ساعة', '،', 'قالت']);
    expect(words('«Assad» left')).toEqual(['«', 'Assad', '»', 'left']);
    expect(words('Moscow’s pledge')).toEqual(['Moscow', '’s', 'pledge']);
  });

  it('answers no sentence for blank text', () => {
    expect(tokenizeSentences('  \n\n \u2028\u00a0')).toEqual([]);
  });

  it('splits a headline line from the body, and ends a sentence at any line break (U+2028, U+0085 too)', () => {
    const text = 'Rebels enter Aleppo\nThe city fell on Friday. Residents fled.\u2028Next line\u0085Last';
    expect(tokenizeSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Rebels enter Aleppo',
      'The city fell on Friday.',
      'Residents fled.',
      'Next line',
      'Last',
    ]);
  });
});

describe('the token layer', () => {
  it('separates at every Unicode whitespace and control character; no token contains one', () => {
    const seps = ['\u0085', '\u00a0', '\u1680', '\u2000', '\u2007', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\t', '\v', '\f', '\r', '\x1c', '\x1f', '\x00'];
    const text = seps.map((s, i) => `w${i}${s}`).join('');
    expect(texts(text)).toEqual(seps.map((_, i) => `w${i}`));
  });

  it.each([
    ['Moscow’s continued commitment', ['Moscow', '’s', 'continued', 'commitment']],
    ["Russia's jets, Assad's, ASSAD'S", ['Russia', "'s", 'jets', ',', 'Assad', "'s", ',', 'ASSAD', "'S"]],
    ['the rebels’ advance', ['the', 'rebels', '’', 'advance']],
    ['The U.S. and the U.N. met at 3 p.m. with Mr. Smith.', ['The', 'U.S.', 'and', 'the', 'U.N.', 'met', 'at', '3', 'p.m.', 'with', 'Mr.', 'Smith', '.']],
    ['in the U.S.', ['in', 'the', 'U.S.']],
    ['Pro-Assad al-Assad anti-government', ['Pro', '-', 'Assad', 'al', '-', 'Assad', 'anti', '-', 'government']],
    ['F-16 COVID-19 5-4 30-year-old', ['F-16', 'COVID-19', '5-4', '30', '-', 'year', '-', 'old']],
    ['UNHCR 1.2bn 300+ 50%', ['UNHCR', '1.2', 'bn', '300', '+', '50', '%']],
    ['Fans 👍🏽 🇫🇷🇩🇪 👨‍👩‍👧 e\u0301clair', ['Fans', '👍🏽', '🇫🇷', '🇩🇪', '👨‍👩‍👧', 'e\u0301clair']],
    ['4名平民死亡，72小时内', ['4', '名', '平民', '死亡', '，', '72', '小时', '内']],
    ['قال الرئيس بشار الأسد', ['قال', 'الرئيس', 'بشار', 'الأسد']],
    ['see http://x.com/a-b or me@x-y.com', ['see', 'http://x.com/a-b', 'or', 'me@x-y.com']],
  ])('%j', (text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  const pieces = fc
    .array(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 6 }),
        fc.constantFrom(' ', '  ', '\n', '\u00a0', '\u0085', '\u3000', '\u2028', 'Moscow’s', "Assad's,", 'U.S.', 'pro-Assad', '1.2bn', '👍🏽', '🇫🇷', 'e\u0301', '平民死亡', '"', '(', ').', '...', 'Mr.', '—'),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(''));

  it('tokenizing the run around a position gives exactly the whole text’s tokens there (what snapping relies on)', () => {
    fc.assert(
      fc.property(pieces.filter((t) => t.length > 0), fc.nat(), (text, n) => {
        const i = n % text.length;
        const whole = tokenize(text);
        const local = tokensOfRun(text, i);
        for (const t of local) expect(whole).toContainEqual(t);
        const holding = whole.find((t) => t.start <= i && i < t.end);
        if (holding) expect(local).toContainEqual(holding);
        // Every token is its own text, never holds a separator, and tokens do not overlap.
        const all = tokenize(text);
        let last = 0;
        for (const t of all) {
          expect(text.slice(t.start, t.end)).toBe(t.text);
          expect(t.text).not.toMatch(/[\s\p{Cc}]/u);
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          last = t.end;
        }
        // Every non-separator character is in a token.
        const covered = all.reduce((n2, t) => n2 + t.end - t.start, 0);
        expect(covered).toBe(text.replace(/[\s\p{Cc}]/gu, '').length);
        // Sentences hold the same tokens.
        expect(tokenizeSentences(text).flatMap((s) => s.tokens)).toEqual(all);
      }),
      { numRuns: 300 },
    );
  });
});
