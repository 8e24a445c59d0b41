/**
 * What separates tokens: every Unicode White_Space character (U+0085, U+00A0, U+2028, U+3000,
 * ...), the byte-order mark (JavaScript's `\s`), and control characters (U+001C–U+001F are
 * whitespace to Python's `str.split()`; none of them prints). No token ever contains one, so a
 * CoNLL line always splits into its columns whichever reader splits it (conlleval.pl on " ",
 * Python on any whitespace), and snapping never keeps one at a span's edge.
 */
export const SEPARATOR = /[\s\p{Cc}]/u;
/** Separators other than the ASCII space and line feed: the only ones `normaliseSeparators` replaces. */
const OTHER_SEPARATOR = /(?![ \n])[\s\p{Cc}]/gu;

/** Separators that end a line (Python's `str.splitlines()` set): a line break also ends a sentence. */
const LINE_BREAK = /[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/u;

export const isSeparator = (ch: string): boolean => SEPARATOR.test(ch);

export const hasLineBreak = (s: string): boolean => LINE_BREAK.test(s);

/**
 * The same text with every separator replaced by an ASCII space, or a line feed where it ends a
 * line: same length, same offsets, but only the whitespace that a tokenizer written for ASCII
 * (wink-nlp) splits on. Every separator is one UTF-16 unit, so offsets never move.
 */
export function normaliseSeparators(text: string): string {
  return text.replace(OTHER_SEPARATOR, (ch) => (LINE_BREAK.test(ch) ? '\n' : ' '));
}

/** The maximal run of non-separator characters around `index` (empty when `index` is a separator). */
export function runAround(text: string, index: number, limit = Infinity): { start: number; end: number } {
  if (index < 0 || index >= text.length || isSeparator(text[index] as string)) return { start: index, end: index };
  let start = index;
  while (start > 0 && index - start < limit && !isSeparator(text[start - 1] as string)) start--;
  let end = index + 1;
  while (end < text.length && end - index < limit && !isSeparator(text[end] as string)) end++;
  return { start, end };
}
