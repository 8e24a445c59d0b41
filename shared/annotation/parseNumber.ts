/**
 * Read a Number span's text ("more than 300 people", "nearly ten years", "1.2bn") into the
 * default schema's Number attributes (shared/model/labels.ts): value, approx, value_max, unit and
 * quantity. Used to pre-fill a new span's attributes; the annotator can change every field.
 * Pure; number words and approximators are English, digits may be any script's ("٧٢ ساعة"), and
 * units stop where the script changes or, in Chinese and Japanese, after the first word ("4名平民死亡"
 * has the unit "名"). Text it cannot read gives {} (nothing pre-filled), never a guess.
 */
import { lookupTable } from '../model/keyed';
import { asciiDigits, scriptOf, UNSPACED_SCRIPT } from '../text/scripts';

export type Approx = 'exact' | 'at least' | 'at most' | 'about' | 'more than' | 'fewer than' | 'range';

export interface ParsedNumber {
  value?: number;
  approx?: Approx;
  value_max?: number;
  unit?: string;
  quantity?: string;
}

const SMALL = lookupTable<number>({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  a: 1, an: 1,
});
const SCALES = lookupTable<number>({
  hundred: 100,
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
});
/** Scales that may follow a number as a word of their own ("1.2 bn"); single letters only when attached ("5m"). */
const SPACED_SCALES = new Set(['hundred', 'thousand', 'million', 'mn', 'billion', 'bn', 'trillion', 'tn']);

/** Phrases before a number, longest first within each meaning. */
const PREFIXES: [RegExp, Approx][] = [
  [/^(?:at least|no fewer than|no less than|a minimum of|not less than)\s+/, 'at least'],
  [/^(?:at most|up to|no more than|a maximum of|not more than|as many as)\s+/, 'at most'],
  [/^(?:more than|over|above|upwards of|in excess of|greater than|exceeding)\s+/, 'more than'],
  [/^(?:fewer than|less than|under|below|not even)\s+/, 'fewer than'],
  [
    /^(?:about|around|nearly|almost|some|roughly|approximately|approx\.?|circa|ca\.|c\.|close to|an estimated|estimated|just over|just under|just shy of|an approximate|approaching|~)\s*/,
    'about',
  ],
];

const CURRENCIES: [RegExp, string][] = [
  [/^(?:us\$|\$)/, 'USD'],
  [/^£/, 'GBP'],
  [/^€/, 'EUR'],
];
const CURRENCY_WORDS = lookupTable<string>({
  dollars: 'USD', dollar: 'USD', usd: 'USD', pounds: 'GBP', pound: 'GBP', gbp: 'GBP', euros: 'EUR', euro: 'EUR', eur: 'EUR',
});

const TIME_UNITS = lookupTable<string>({
  second: 'seconds', seconds: 'seconds', minute: 'minutes', minutes: 'minutes', hour: 'hours', hours: 'hours', hrs: 'hours', h: 'hours',
  day: 'days', days: 'days', week: 'weeks', weeks: 'weeks', month: 'months', months: 'months', year: 'years', years: 'years', decade: 'decades', decades: 'decades',
});

/** Units of time in Arabic and Chinese (a number's unit word, as written after it). */
const OTHER_TIME_UNITS: Record<string, string> = {
  دقيقة: 'minutes', دقائق: 'minutes', ساعة: 'hours', ساعات: 'hours', يوم: 'days', يوما: 'days', يوماً: 'days', أيام: 'days',
  أسبوع: 'weeks', أسابيع: 'weeks', شهر: 'months', شهرا: 'months', شهراً: 'months', أشهر: 'months', شهور: 'months',
  سنة: 'years', سنوات: 'years', عام: 'years', عاما: 'years', عاماً: 'years', أعوام: 'years',
  秒: 'seconds', 秒钟: 'seconds', 分钟: 'minutes', 分鐘: 'minutes', 小时: 'hours', 小時: 'hours', 钟头: 'hours', 天: 'days',
  周: 'weeks', 週: 'weeks', 星期: 'weeks', 个月: 'months', 個月: 'months', 年: 'years',
};

const KILLED = /\b(?:killed|dead|deaths?|died|fatalities|lives|casualties|bodies)\b|死亡|遇难|遇難|丧生|喪生|身亡|罹难|罹難|قتيل|قتلى|مقتل|حتفهم/;
const INJURED = /\b(?:injured|wounded|hurt|injuries)\b|受伤|受傷|伤者|傷者|جريح|جرحى|مصاب|إصابة/;
const DISPLACED = /\b(?:displaced|refugees|fled|evacuated|homeless|uprooted)\b|流离失所|流離失所|难民|難民|撤离|撤離|نازح|نازحين|لاجئ|لاجئين/;

interface Leading {
  value: number;
  rest: string;
  /** Written as four plain digits (a possible year). */
  plainDigits: string | null;
}

/** The number at the start of `s` (digits or English words), and what follows it. */
function leadingNumber(s: string): Leading | null {
  const digits = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/.exec(s);
  if (digits) {
    const whole = digits[1] ?? '';
    let value = Number(`${whole.replace(/,/g, '')}${digits[2] !== undefined ? `.${digits[2]}` : ''}`);
    let rest = s.slice(digits[0].length);
    const attached = /^(k|m|mn|bn|b|tn)\b/.exec(rest);
    const spaced = /^\s+([a-z]+)\b/.exec(rest);
    let scaled = false;
    if (attached?.[1]) {
      value *= SCALES[attached[1]] ?? 1;
      rest = rest.slice(attached[0].length);
      scaled = true;
    } else if (spaced?.[1] && SPACED_SCALES.has(spaced[1])) {
      value *= SCALES[spaced[1]] ?? 1;
      rest = rest.slice(spaced[0].length);
      scaled = true;
    }
    const plain = !scaled && digits[2] === undefined && /^\d{4}$/.test(whole) ? whole : null;
    return { value: round(value), rest, plainDigits: plain };
  }
  return wordNumber(s);
}

/** "two hundred and fifty thousand", "twenty-five", "a dozen", "half a million". */
function wordNumber(s: string): Leading | null {
  const halfOf = /^half\s+an?\s+(million|billion|thousand|hundred|dozen)\b/.exec(s);
  if (halfOf?.[1]) {
    const scale = halfOf[1] === 'dozen' ? 12 : (SCALES[halfOf[1]] ?? 1);
    return { value: 0.5 * scale, rest: s.slice(halfOf[0].length), plainDigits: null };
  }
  const re = /^([a-z]+)(?:[\s-]+|(?=[^a-z])|$)/;
  let rest = s;
  let consumed = s;
  let total = 0;
  let current = 0;
  let seen = false;
  for (;;) {
    const m = re.exec(rest);
    if (!m?.[1]) break;
    const w = m[1];
    const article = w === 'a' || w === 'an';
    if (w === 'and' && seen) {
      rest = rest.slice(m[0].length);
      continue;
    }
    if (SMALL[w] !== undefined && (!article || (!seen && /^an?\s+(?:hundred|thousand|million|billion|dozen)\b/.test(rest)))) {
      current += SMALL[w] ?? 0;
    } else if (seen && w === 'dozen') {
      current = (current || 1) * 12;
    } else if (seen && SPACED_SCALES.has(w)) {
      const scale = SCALES[w] ?? 1;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
    } else break;
    seen = true;
    rest = rest.slice(m[0].length);
    consumed = rest;
  }
  if (!seen) return null;
  return { value: round(total + current), rest: consumed, plainDigits: null };
}

const round = (n: number) => Number(n.toPrecision(15));

function normalise(text: string): string {
  return asciiDigits(text)
    .toLowerCase()
    .replace(/[\u00a0\u2009\u202f]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.,;:!?)"'。，、；：！？،؛؟]+$/u, '')
    .replace(/^["'(]+/, '');
}

/**
 * The words of a unit: up to three, stopping where the script changes ("72 hours 小时" has the
 * unit "hours"); in a script written without spaces, its first word (Intl.Segmenter).
 */
function unitWords(r: string): string[] {
  if (UNSPACED_SCRIPT.test(r[0] ?? '')) {
    for (const seg of new Intl.Segmenter('zh', { granularity: 'word' }).segment(r)) {
      if (seg.isWordLike) return [seg.segment];
    }
    return [];
  }
  const script = scriptOf([...r].find((ch) => scriptOf(ch) !== null) ?? '');
  const words: string[] = [];
  for (const word of r.split(' ').filter(Boolean).slice(0, 3)) {
    const chars = [...word];
    const change = chars.findIndex((ch) => {
      const s = scriptOf(ch);
      return s !== null && s !== script;
    });
    if (change === 0) break;
    words.push(change > 0 ? chars.slice(0, change).join('') : word);
    if (change > 0) break;
  }
  return words;
}

/** The unit named by the words after the number, and a quantity it implies. */
function readUnit(rest: string): { unit?: string; quantity?: string } {
  const r = rest.trim().replace(/^-\s*/, '').replace(/^of\s+/, '').trim();
  if (r === '') return {};
  if (/^(?:%|per ?cent|percent|٪)(?:\b|$)/.test(r)) return { unit: '%' };
  const words = unitWords(r);
  if (words.length === 0) return {};
  const first = words[0] ?? '';
  const time = TIME_UNITS[first.replace(/-long$/, '')] ?? OTHER_TIME_UNITS[first];
  if (time) return { unit: time, quantity: 'duration' };
  const currency = CURRENCY_WORDS[first];
  if (currency) return { unit: currency, quantity: 'money' };
  const unit = words.slice(0, 3).join(' ');
  if (KILLED.test(r)) return { unit, quantity: 'casualties killed' };
  if (INJURED.test(r)) return { unit, quantity: 'casualties injured' };
  if (DISPLACED.test(r)) return { unit, quantity: 'displaced' };
  return { unit };
}

export function parseNumber(text: string): ParsedNumber {
  let s = normalise(text);
  if (s === '') return {};
  let approx: Approx | undefined;
  let currency: string | undefined;
  for (let guard = 0; guard < 3; guard++) {
    let matched = false;
    for (const [re, meaning] of PREFIXES) {
      const m = re.exec(s);
      if (m && m[0].length < s.length) {
        approx ??= meaning;
        s = s.slice(m[0].length);
        matched = true;
        break;
      }
    }
    for (const [re, code] of CURRENCIES) {
      const m = re.exec(s);
      if (m) {
        currency = code;
        s = s.slice(m[0].length).trimStart();
        matched = true;
      }
    }
    if (!matched) break;
  }

  // "between 10 and 15"
  const between = /^between\s+(.+?)\s+and\s+(.+)$/.exec(s);
  if (between?.[1] && between[2]) {
    const lo = leadingNumber(between[1]);
    const hi = leadingNumber(between[2].replace(/^[$£€]/, ''));
    if (lo && hi && lo.rest.trim() === '') return finish({ value: lo.value, approx: 'range', value_max: hi.value, ...unitOf(hi.rest, currency) });
  }

  const first = leadingNumber(s);
  if (!first) return {};
  let rest = first.rest;

  // "10-15", "10 to 15", "10–15 days", "$5m-$7m"
  const rangeSep = /^\s*(?:-|to|or)\s*(?:[$£€])?/.exec(rest);
  if (rangeSep && !/^\s*or\s+(?:more|fewer|less|so)\b/.test(rest)) {
    const second = leadingNumber(rest.slice(rangeSep[0].length));
    if (second && second.value >= first.value && /^\s*(?:-|to)/.test(rangeSep[0])) {
      return finish({ value: first.value, approx: 'range', value_max: second.value, ...unitOf(second.rest, currency) });
    }
  }
  // "300+", "300-plus", "300 or more"
  const plus = /^\s*(?:\+|-?plus\b)/.exec(rest);
  if (plus) {
    approx ??= 'more than';
    rest = rest.slice(plus[0].length);
  }
  const orMore = /^\s*or (more|fewer|less|so)\b/.exec(rest);
  if (orMore) {
    approx ??= orMore[1] === 'more' ? 'at least' : orMore[1] === 'so' ? 'about' : 'at most';
    rest = rest.slice(orMore[0].length);
  }

  const year = first.plainDigits !== null && first.value >= 1900 && first.value <= 2099;
  // "2016年" is the year 2016, not a duration.
  if (year && /^\s*年/.test(rest)) rest = '';
  const units = unitOf(rest, currency);
  const result: ParsedNumber = { value: first.value, approx: approx ?? 'exact', ...units };
  if (year && approx === undefined && units.unit === undefined) result.quantity = 'date or year';
  return finish(result);
}

function unitOf(rest: string, currency: string | undefined): { unit?: string; quantity?: string } {
  if (currency) {
    return { unit: currency, quantity: 'money' };
  }
  return readUnit(rest);
}

/** Drop empty fields so callers can spread the result into attribute values. */
function finish(p: ParsedNumber): ParsedNumber {
  const out: ParsedNumber = {};
  if (p.value !== undefined && Number.isFinite(p.value)) out.value = p.value;
  else return {};
  if (p.approx) out.approx = p.approx;
  if (p.value_max !== undefined && Number.isFinite(p.value_max)) out.value_max = p.value_max;
  if (p.unit) out.unit = p.unit;
  if (p.quantity) out.quantity = p.quantity;
  return out;
}
