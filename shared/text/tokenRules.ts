/**
 * Where Factmark cuts a wink token further (offsets into the token, ascending). The rules, and why:
 * - possessive `’s` / `'s` (any case) after a letter or digit is a token of its own, as in the
 *   Penn Treebank and CoNLL corpora: "Moscow’s" is "Moscow" + "’s", so "Moscow" can be tagged
 *   alone (wink already does this, except before some punctuation: "Assad's,");
 * - a hyphen between a letter or digit and a letter is a token of its own, as spaCy does:
 *   "pro-Assad" is "pro" "-" "Assad" (wink keeps words after its prefix list whole: pro-, anti-,
 *   un-, ...; it already cuts "al-Assad"), while "COVID-19", "F-16" and "5-4" stay whole;
 * - a token in a script written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) is
 *   cut at Intl.Segmenter's word boundaries (wink keeps a whole clause as one token there).
 * - punctuation outside ASCII at either end of a word is a token of its own: the Arabic comma in
 *   "ساعة،", the Chinese full stop, guillemets (wink cuts ASCII punctuation, not these), so a
 *   snapped selection never takes the comma with the word;
 * Web addresses and e-mail addresses are never cut.
 */
const POSSESSIVE = /[\p{L}\p{N}](['\u2019][sS])$/u;
const HYPHEN = /(?<=[\p{L}\p{N}])[-\u2010\u2011](?=\p{L})/gu;
/** Punctuation outside ASCII (not an apostrophe or a dash: the rules above decide those) at a word's end or start. */
const PUNCT_AT_END = /(?<=[\p{L}\p{N}\p{M}])[^\x00-\x7f'\u2019\p{Pd}\P{P}]+$/u;
const PUNCT_AT_START = /^[^\x00-\x7f'\u2019\p{Pd}\P{P}]+(?=[\p{L}\p{N}])/u;
const ADDRESS = /:\/\/|@|^www\./i;
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

// A fixed locale: the renderer (snapping) and main (exports) must cut the same way, whatever the user's locale.
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** Tokens no rule can cut (no apostrophe, hyphen or non-ASCII character): the common case, answered fast. */
const NOTHING_TO_CUT = /^[\x21-\x26\x28-\x2c\x2e-\x7e]*$/;

export function refinementCuts(token: string): number[] {
  if (token.length < 2 || NOTHING_TO_CUT.test(token) || ADDRESS.test(token)) return [];
  const cuts = new Set<number>();
  const possessive = POSSESSIVE.exec(token);
  if (possessive && token.length > 2) cuts.add(token.length - 2);
  for (const m of token.matchAll(HYPHEN)) {
    cuts.add(m.index);
    cuts.add(m.index + 1);
  }
  const end = PUNCT_AT_END.exec(token);
  if (end) cuts.add(end.index);
  const start = PUNCT_AT_START.exec(token);
  if (start) cuts.add(start[0].length);
  if (NO_SPACE_SCRIPT.test(token)) {
    for (const s of wordSegmenter.segment(token)) if (s.index > 0) cuts.add(s.index);
  }
  return [...cuts].sort((a, b) => a - b);
}
