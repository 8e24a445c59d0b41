import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * Tokens and sentences of a text, with UTF-16 offsets into it, for token-level exports (CoNLL).
 *
 * Why wink-nlp: it is a pure-JavaScript pipeline (no Node-only APIs, so it lives in shared/),
 * its English "lite web" model ships inside the npm package (nothing is downloaded), and its
 * tokenizer is loss-less: every token keeps its exact text and the whitespace before it, so
 * offsets can be recovered exactly and a span's characters map to whole tokens. Its sentence
 * splitter knows abbreviations ("Mr.", "U.S."), quotes and line breaks, which news text is full of.
 * Only the tokenizer and the sentence boundary detector run (no POS tagging, NER, ...).
 */
export interface Token {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface Sentence {
  start: number;
  end: number;
  tokens: Token[];
}

let nlp: ReturnType<typeof winkNLP> | null = null;
const pipeline = () => (nlp ??= winkNLP(model, ['sbd']));

/** Whitespace runs (line breaks, tabs) are tokens in wink; they never become CoNLL lines. */
const BLANK = /^\s*$/u;

/**
 * Split a text into sentences of non-blank tokens. Tokens are found in the text in order (wink
 * keeps each token's own characters), so offsets are exact even around emoji and line breaks.
 */
export function tokenizeSentences(text: string): Sentence[] {
  const its = pipeline().its;
  const doc = pipeline().readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const starts: number[] = new Array(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += (spaces[i] ?? '').length;
    const value = values[i] ?? '';
    // Defensive: should wink ever normalise a token, find its text rather than trust the count.
    const found = text.startsWith(value, at) ? at : text.indexOf(value, at);
    starts[i] = found < 0 ? at : found;
    at = (found < 0 ? at : found) + value.length;
  }
  const sentences: Sentence[] = [];
  const bounds = doc.sentences().out(its.span) as unknown as [number, number][];
  let tokens: Token[] = [];
  const close = () => {
    if (tokens.length > 0) sentences.push({ start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, tokens });
    tokens = [];
  };
  for (const [first, last] of bounds) {
    for (let i = first; i <= last; i++) {
      const value = values[i] ?? '';
      // A line break ends a sentence too: news text puts headlines, datelines and captions
      // on lines of their own, without a full stop.
      if (BLANK.test(value) || (spaces[i] ?? '').includes('\n')) {
        if (value.includes('\n') || (spaces[i] ?? '').includes('\n')) close();
        if (BLANK.test(value)) continue;
      }
      const start = starts[i] as number;
      tokens.push({ start, end: start + value.length, text: value });
    }
    close();
  }
  return sentences;
}
