import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * One pass of wink-nlp over a text (tokens, parts of speech, lemmas, sentences) shared by the
 * trained actor tagger, the claim classifier and the training script, so that the model sees at
 * run time exactly the tokens and tags it was trained on. wink-nlp is pure JavaScript and its
 * English model ships inside the npm package: nothing is downloaded.
 */
export interface AToken {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
  lower: string;
  lemma: string;
  /** Universal POS tag from wink's tagger. */
  pos: string;
  /** Word shape (shapeOf). */
  shape: string;
  /** Index of its sentence in Analysis.sentences. */
  sentence: number;
}

export interface ASentence {
  start: number;
  end: number;
  /** Token indices [first, last] (inclusive) in Analysis.tokens. */
  first: number;
  last: number;
  /** On a line of its own without final punctuation (a headline, a dateline, a caption). */
  headline: boolean;
}

export interface Analysis {
  text: string;
  tokens: AToken[];
  sentences: ASentence[];
}

let nlp: ReturnType<typeof winkNLP> | null = null;
const pipeline = () => (nlp ??= winkNLP(model, ['sbd', 'pos']));

const BLANK = /^\s*$/u;
const WORDISH = /^[\p{L}\p{N}]/u;

/** Tokens (whitespace dropped) and sentences of a text; a line break always ends a sentence. */
export function analyze(text: string): Analysis {
  const its = pipeline().its;
  const doc = pipeline().readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as Parameters<ReturnType<typeof doc.tokens>['out']>[0]) as string[];
  const bounds = doc.sentences().out(its.span) as unknown as [number, number][];
  const tokens: AToken[] = [];
  const sentences: ASentence[] = [];
  let at = 0;
  const starts: number[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    at += (spaces[i] ?? '').length;
    const value = values[i] ?? '';
    const found = text.startsWith(value, at) ? at : text.indexOf(value, at);
    starts[i] = found < 0 ? at : found;
    at = starts[i]! + value.length;
  }
  let open = -1;
  const close = () => {
    if (open >= 0 && open < tokens.length) {
      const first = tokens[open]!;
      const last = tokens[tokens.length - 1]!;
      sentences.push({ start: first.start, end: last.end, first: open, last: tokens.length - 1, headline: false });
    }
    open = -1;
  };
  for (const [first, last] of bounds) {
    for (let i = first; i <= last; i++) {
      const value = values[i] ?? '';
      if ((spaces[i] ?? '').includes('\n') || (BLANK.test(value) && value.includes('\n'))) close();
      if (BLANK.test(value)) continue;
      if (open < 0) open = tokens.length;
      const start = starts[i]!;
      // Hyphenated words are one token ("al-Assad", "Turkish-backed", "pro-Assad"), as a reader sees them.
      const hyphen = tokens[tokens.length - 1];
      const before = tokens[tokens.length - 2];
      if (tokens.length - 2 >= open && hyphen && before && hyphen.text === '-' && hyphen.start === before.end && start === hyphen.end && WORDISH.test(value) && WORDISH.test(before.text.slice(-1)) && before.sentence === sentences.length) {
        tokens.pop();
        const text2 = text.slice(before.start, start + value.length);
        Object.assign(before, { end: start + value.length, text: text2, lower: text2.toLowerCase(), lemma: text2.toLowerCase(), pos: tags[i] ?? before.pos, shape: shapeOf(text2) });
        continue;
      }
      const lower = value.toLowerCase();
      tokens.push({ start, end: start + value.length, text: value, lower, lemma: (lemmas[i] ?? lower).toLowerCase(), pos: tags[i] ?? 'X', shape: shapeOf(value), sentence: sentences.length });
    }
    close();
  }
  for (const s of sentences) s.headline = isHeadline(text, s);
  return { text, tokens, sentences };
}

/** A line of its own (text before and after it on the line is blank) with no final full stop, ? or !. */
function isHeadline(text: string, s: { start: number; end: number }): boolean {
  const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
  const nl = text.indexOf('\n', s.end);
  const lineEnd = nl < 0 ? text.length : nl;
  if (!BLANK.test(text.slice(lineStart, s.start)) || !BLANK.test(text.slice(s.end, lineEnd))) return false;
  const body = text.slice(s.start, s.end);
  return !/[.!?…]["'”’)\]]*$/u.test(body) && /\p{L}/u.test(body);
}

/** Compact word shape: "Xx", "x", "d", "X.", "x-x"… (runs collapsed, at most 4 characters kept). */
export function shapeOf(word: string): string {
  let out = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII first (most tokens), Unicode classes for the rest.
    const c =
      code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : code < 128 ? ch
      : /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{Nd}/u.test(ch) ? 'd' : /\p{L}/u.test(ch) ? 'l' : ch;
    if (out[out.length - 1] !== c) out += c;
    if (out.length >= 4) break;
  }
  return out;
}
