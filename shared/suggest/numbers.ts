import { parseNumber } from '../annotation/parseNumber';
import type { AttributeValue } from '../model/schemas';
import { sortSuggestions, type Suggestion } from './types';

/**
 * Numbers suggester: quantities, counts, durations, percentages, money, years and dates, each with
 * its approximator ("at least", "nearly", "300+") and its unit of time or measure ("72 hours").
 * Counted things are not part of the span ("four civilians" proposes "four"). Ordinals ("2nd",
 * "first") and numbers inside names ("Su-24", "COVID-19", "Resolution 2254") are not proposed.
 * The value, approx, value_max and unit attributes are read by parseNumber (pre-fill).
 */
const WORD_NUMBERS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty',
  'seventy', 'eighty', 'ninety',
];
const SCALE = '(?:hundred|thousand|million|billion|trillion)';
const WORD = `(?:${WORD_NUMBERS.join('|')})`;
const WORD_NUMBER = `(?:(?:a|an|half\\s+a)\\s+(?:dozen|${SCALE})|${WORD}(?:-${WORD})?(?:\\s+(?:and\\s+)?(?:${WORD}(?:-${WORD})?|${SCALE}|dozen))*)`;
// Decimal digits of any script (\p{Nd}: Arabic-Indic, Devanagari, full-width…), with the Arabic separators too.
const DIGITS = `(?:[$£€]\\s?)?(?:\\p{Nd}{1,3}(?:[,\u066c]\\p{Nd}{3})+|\\p{Nd}+)(?:[.\u066b]\\p{Nd}+)?(?:\\s?(?:bn|mn|tn|[kmb])\\b|\\s+${SCALE})?`;
const MAGNITUDE = '(?:hundreds|thousands|millions|billions|dozens|tens\\s+of\\s+thousands)';
const APPROX =
  '(?:at\\s+least|at\\s+most|up\\s+to|more\\s+than|fewer\\s+than|less\\s+than|no\\s+fewer\\s+than|no\\s+more\\s+than|as\\s+many\\s+as|' +
  'nearly|almost|about|around|roughly|approximately|some|over|under|just\\s+over|just\\s+under|close\\s+to|an\\s+estimated|an\\s+additional|upwards\\s+of)';
const UNIT =
  '(?:per\\s?cent|percent|%|seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|km|kilometres?|kilometers?|miles?|metres?|meters?|' +
  'kg|kilograms?|tons?|tonnes?|square\\s+(?:kilometres?|kilometers?|miles?)|dollars|euros|pounds|barrels)';
const MONTH =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|March|Mar\\.|April|Apr\\.|May|June|Jun\\.|July|Jul\\.|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const DATE = `(?:${MONTH}\\s+\\d{1,2}(?:,\\s+\\d{4})?|${MONTH}\\s+\\d{4}|\\d{1,2}\\s+${MONTH}(?:\\s+\\d{4})?)`;
const QUANTITY = `(?:${DIGITS}|${WORD_NUMBER})(?:\\s*(?:-|to)\\s*(?:${DIGITS}|${WORD_NUMBER}))?(?:\\+|-plus)?(?:\\s*-?\\s*${UNIT}(?![\\p{L}\\p{N}]))?`;

/**
 * A letter of a script written without spaces (Chinese, Japanese) may touch a number: "4名",
 * "在2016年", "72小时". Other letters and digits around it mean it is part of a word ("Su24").
 */
const CJK = '[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}]';
const NOT_BEFORE = `(?<!(?!${CJK})[\\p{L}\\p{N}$£€.,-])`;
const NOT_AFTER = `(?!(?!${CJK})[\\p{L}\\p{N}])`;

/** Date first (it contains digits), then an optional approximator and a quantity, or a bare magnitude. */
const NUMBER_RE = new RegExp(`${NOT_BEFORE}(?:${DATE}|(?:${APPROX}\\s+)?(?:${QUANTITY}|${MAGNITUDE}))${NOT_AFTER}`, 'giu');

const ORDINAL_AFTER = /^(?:st|nd|rd|th)\b/i;
/** Pronoun and idiom uses of "one" are not numbers ("no one", "one another"); "one of the sources" is (guidelines v2). */
const NOT_A_NUMBER = /^(?:one|ones)$/i;
/** Confidence of a rule's match: bare "one" and magnitudes ("millions") are the least sure. */
const scoreOf = (quote: string) => (NOT_A_NUMBER.test(quote) ? 0.6 : /^(?:hundreds|thousands|millions|billions|dozens)$/i.test(quote) ? 0.7 : 0.95);

export function suggestNumbers(text: string): Suggestion[] {
  const out: Suggestion[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const start = m.index;
    let end = start + m[0].length;
    const quote = m[0];
    const after = text.slice(end, end + 12);
    if (ORDINAL_AFTER.test(after)) continue;
    // "no one", "one another", "one day", "the one": pronouns and idioms, not counts.
    if (NOT_A_NUMBER.test(quote) && (/^\s+(?:another|day|side)\b/i.test(after) || /\b(?:no|the|this|that|every|any)\s+$/i.test(text.slice(Math.max(0, start - 6), start)))) continue;
    // A number inside a name: "Su-24", "Resolution 2254", "Route 5".
    const before = text.slice(Math.max(0, start - 20), start);
    if (/\d/.test(quote[0] ?? '') && /\b[A-Z][\p{L}]*\s$/u.test(before) && !/^\d{4}$/.test(quote) && /\b(?:Resolution|Route|Highway|Article|Flight|No\.|Number|Brigade|Division)\s$/.test(before)) continue;
    // "over" and "some" etc. only make sense before a quantity; a trailing space never ends a span.
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    const attributes: Record<string, AttributeValue> = {};
    const parsed = parseNumber(text.slice(start, end));
    for (const [k, v] of Object.entries(parsed)) if (v !== undefined) attributes[k] = v;
    out.push({ start, end, label: 'number', suggester: 'numbers', score: scoreOf(text.slice(start, end)), ...(Object.keys(attributes).length > 0 ? { attributes } : {}) });
  }
  return sortSuggestions(out);
}
