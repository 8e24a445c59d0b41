/**
 * The sentence around a span of a text, found without a tokenizer: the claim review looks at
 * the sentence of every claim that has no claimant (its attribution frame is there), and running
 * wink-nlp's sentence splitter over every document of a 20,000-document project costs minutes.
 * A sentence ends at a line break, or at . ! ? (with closing quotes and brackets) followed by
 * white space and something that can start a sentence, unless the word before the period is an
 * abbreviation ("Mr.", "Nov. 30", "U.N. officials") or an initial. Good enough to find a frame;
 * not a general sentence splitter (shared/text/tokenize.ts is that).
 */
const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'cmdr', 'adm', 'gov', 'sen', 'rep', 'st', 'rev', 'hon', 'pres',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'nos', 'vs', 'etc', 'approx', 'est', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr',
  ],
);

/** After `at` (a . ! or ?), closing quotes and brackets; then white space and a sentence start. */
const AFTER_END = /^[.!?]*["”’')\]]*\s+(?=["“‘'(\[]?[\p{Lu}\p{N}])/u;

function endsSentence(text: string, at: number): number | null {
  const ch = text[at];
  if (ch !== '.' && ch !== '!' && ch !== '?') return null;
  const rest = AFTER_END.exec(text.slice(at + 1, at + 12));
  if (!rest) return null;
  if (ch === '.') {
    const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, at - 12), at))?.[1] ?? '';
    const bare = word.replace(/\./g, '').toLowerCase();
    // "Mr.", "Nov.", and initials or acronyms written with periods ("U.N.", "J.").
    if (ABBREVIATIONS.has(bare) || /^(?:\p{L}\.)*\p{L}$/u.test(word)) return null;
  }
  return at + 1;
}

/** [start, end) of the sentence holding text[from, to). */
export function sentenceAround(text: string, from: number, to: number): { start: number; end: number } {
  let start = from;
  while (start > 0) {
    const prev = text[start - 1]!;
    if (prev === '\n' || prev === '\r') break;
    if (/\s/.test(prev)) {
      // Step back over the white space to see whether a sentence ended there.
      let k = start - 1;
      while (k > 0 && /[ \t]/.test(text[k - 1]!)) k--;
      let p = k - 1;
      while (p >= 0 && /["”’')\]]/.test(text[p]!)) p--;
      if (p >= 0 && endsSentence(text, p) !== null) break;
    }
    start--;
  }
  let end = Math.max(to, from);
  while (end < text.length) {
    const ch = text[end]!;
    if (ch === '\n' || ch === '\r') break;
    const closed = endsSentence(text, end);
    if (closed !== null) {
      end = closed;
      while (end < text.length && /["”’')\]]/.test(text[end]!)) end++;
      break;
    }
    end++;
  }
  return { start, end: Math.min(end, text.length) };
}

/** The sentence that follows the one ending at `end` (across a paragraph break), or null at the end of the text. */
export function sentenceAfter(text: string, end: number): { start: number; end: number } | null {
  let start = end;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  if (start >= text.length) return null;
  return sentenceAround(text, start, start);
}

/** The sentence before the one starting at `start` (across a paragraph break), or null at the start of the text. */
export function sentenceBefore(text: string, start: number): { start: number; end: number } | null {
  let end = start;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (end <= 0) return null;
  return sentenceAround(text, end - 1, end - 1);
}
