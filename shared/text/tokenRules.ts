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
 * Web addresses and e-mail addresses are never cut.
 */
const POSSESSIVE = /[\p{L}\p{N}](['\u2019][sS])$/u;
const HYPHEN = /(?<=[\p{L}\p{N}])[-\u2010\u2011](?=\p{L})/gu;
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
  if (NO_SPACE_SCRIPT.test(token)) {
    for (const s of wordSegmenter.segment(token)) if (s.index > 0) cuts.add(s.index);
  }
  return [...cuts].sort((a, b) => a - b);
}
