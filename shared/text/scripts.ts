/**
 * Digits and writing systems beyond ASCII and English: any script's decimal digits (\p{Nd}) as the
 * ASCII ones, and whether a character belongs to a script written without spaces between words
 * (Chinese, Japanese), where a number's unit cannot be read "up to the next space".
 */

const DIGIT = /\p{Nd}/u;
/** Arabic decimal and thousands separators (U+066B, U+066C). */
const ARABIC_DECIMAL = '\u066b';
const ARABIC_THOUSANDS = '\u066c';

const zeroCache = new Map<number, number>();

/**
 * The value 0-9 of a decimal digit of any script. Unicode keeps each script's digits as runs of
 * ten consecutive code points from 0 to 9 (some blocks put several runs back to back), so the
 * value is the distance from the start of the run of digits, modulo 10.
 */
export function digitValue(ch: string): number | null {
  const cp = ch.codePointAt(0);
  if (cp === undefined || !DIGIT.test(ch)) return null;
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let start = zeroCache.get(cp);
  if (start === undefined) {
    start = cp;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    zeroCache.set(cp, start);
  }
  return (cp - start) % 10;
}

/** `text` with every decimal digit written as its ASCII digit, and Arabic separators as '.' and ','. */
export function asciiDigits(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const v = ch.length === 1 && ch <= '\x7f' ? null : digitValue(ch);
    out += v !== null ? String(v) : ch === ARABIC_DECIMAL ? '.' : ch === ARABIC_THOUSANDS ? ',' : ch;
  }
  return out;
}

/** Han, kana, and the CJK punctuation and full-width forms: written without spaces between words. */
export const UNSPACED_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** The script of a letter, coarsely (for "a unit stops where the script changes"); null for anything else. */
export function scriptOf(ch: string): string | null {
  if (!/\p{L}/u.test(ch)) return null;
  if (/\p{sc=Latin}/u.test(ch)) return 'Latin';
  if (/\p{sc=Arabic}/u.test(ch)) return 'Arabic';
  if (/\p{sc=Hebrew}/u.test(ch)) return 'Hebrew';
  if (/\p{sc=Cyrillic}/u.test(ch)) return 'Cyrillic';
  if (/\p{sc=Greek}/u.test(ch)) return 'Greek';
  if (/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u.test(ch)) return 'CJK';
  if (/\p{sc=Hangul}/u.test(ch)) return 'Hangul';
  return 'Other';
}
