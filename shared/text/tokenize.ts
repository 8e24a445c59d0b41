import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { everyOffsetIsBoundary, graphemeBoundariesIn } from './graphemes';
import { hasLineBreak, normaliseSeparators, runAround } from './separators';
import { refinementCuts } from './tokenRules';

/**
 * Factmark's one token layer: the tokens CoNLL writes, the tokens word snapping snaps to, the
 * sentences the CSV sheet quotes and the claim suggester reads. UTF-16 offsets into the text.
 *
 * Built on wink-nlp: a pure-JavaScript pipeline (no Node-only APIs, so it lives in shared/) whose
 * English "lite web" model ships inside the npm package (nothing is downloaded). Its tokenizer
 * keeps every token's exact characters and knows abbreviations ("U.S.", "Mr.", "a.m." keep their
 * final period), contractions and possessives ("Moscow’s" is "Moscow" + "’s"), quotes and
 * brackets; its sentence splitter knows abbreviations and quotes. On top of it (tokenRules.ts):
 * - every separator (separators.ts: all Unicode whitespace and control characters) splits tokens,
 *   and no token contains one: the text wink sees has them as plain spaces or line feeds;
 * - a token never splits a grapheme cluster (wink would split "👍🏽" and flags);
 * - a possessive `’s` / `'s` is always a token of its own, a hyphen between two letters too
 *   ("pro-Assad" is "pro" "-" "Assad", as wink already does for "al-Assad");
 * - text in scripts written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese) is cut
 *   at Intl.Segmenter's word boundaries.
 * A line break also ends a sentence (headlines, datelines and captions stand on lines of their own).
 *
 * Tokens never cross a separator, and wink tokenizes each separator-delimited run on its own, so
 * the tokens of a run are the same whether the whole text or only that run is tokenized: that is
 * what lets word snapping tokenize only the few runs around a selection (`tokensOfRun`).
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

type Pipeline = ReturnType<typeof winkNLP>;
// Two pipelines over the one model: sentence detection takes half of wink's time, and most callers
// (snapping, agreement) want tokens only. wink tokenizes before any pipe runs, so both give the same
// tokens (the property test below `tokenize` checks it). Each is built on first use (~10 MB).
let withSentences: Pipeline | null = null;
let tokensOnly: Pipeline | null = null;
const pipeline = (sentences: boolean): Pipeline =>
  sentences ? (withSentences ??= winkNLP(model, ['sbd'])) : (tokensOnly ??= winkNLP(model, []));

const BLANK = /^\s*$/u;

interface RawTokens {
  /** wink's tokens, as offsets into the text (whitespace tokens left out). */
  spans: [number, number][];
  /** Offsets where wink starts a sentence. */
  sentenceStarts: number[];
}

/** wink's tokens (and sentence starts) of text[from, to), which must start and end at separators or the text's ends. */
function winkTokens(text: string, from: number, to: number, sentences: boolean): RawTokens {
  const norm = normaliseSeparators(text.slice(from, to));
  const nlp = pipeline(sentences);
  const its = nlp.its;
  const doc = nlp.readDoc(norm);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const spans: [number, number][] = [];
  const startOf: number[] = new Array(values.length).fill(-1);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += (spaces[i] ?? '').length;
    const value = values[i] ?? '';
    // Defensive: should wink ever skip or normalise characters, find the token rather than trust the count.
    const found = norm.startsWith(value, at) ? at : norm.indexOf(value, at);
    const start = found < 0 ? at : found;
    at = start + value.length;
    if (value.length === 0 || BLANK.test(value)) continue;
    startOf[i] = from + start;
    spans.push([from + start, from + start + value.length]);
  }
  const sentenceStarts: number[] = [];
  if (sentences) {
    for (const [first, last] of doc.sentences().out(its.span) as unknown as [number, number][]) {
      for (let i = first; i <= last; i++) {
        if ((startOf[i] as number) >= 0) {
          sentenceStarts.push(startOf[i] as number);
          break;
        }
      }
    }
  }
  return { spans, sentenceStarts };
}

/**
 * Apply Factmark's rules to wink's tokens: within each run of touching tokens, cuts inside a
 * grapheme cluster are dropped (the pieces are joined), then each token is cut where the rules say.
 */
function refine(text: string, spans: readonly [number, number][]): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < spans.length) {
    // A run: tokens that touch (no separator between them).
    let j = i;
    while (j + 1 < spans.length && (spans[j + 1] as [number, number])[0] === (spans[j] as [number, number])[1]) j++;
    const runStart = (spans[i] as [number, number])[0];
    const runEnd = (spans[j] as [number, number])[1];
    // Most runs of news text hold only characters that never join into a grapheme cluster.
    let graphemes: Set<number> | null = null;
    const simple = everyOffsetIsBoundary(text.slice(runStart, runEnd));
    const isBoundary = (at: number) => simple || (graphemes ??= graphemeBoundariesIn(text, runStart, runEnd)).has(at);
    const cuts: number[] = [];
    for (let k = i; k < j; k++) {
      const cut = (spans[k] as [number, number])[1];
      if (isBoundary(cut)) cuts.push(cut);
    }
    // Each wink token (joined across grapheme cuts), cut further by the rules.
    const pieces = [runStart, ...cuts, runEnd];
    for (let p = 0; p + 1 < pieces.length; p++) {
      const from = pieces[p] as number;
      const to = pieces[p + 1] as number;
      let last = from;
      for (const c of refinementCuts(text.slice(from, to))) {
        const at = from + c;
        if (at <= last || at >= to || !isBoundary(at)) continue;
        out.push({ start: last, end: at, text: text.slice(last, at) });
        last = at;
      }
      out.push({ start: last, end: to, text: text.slice(last, to) });
    }
    i = j + 1;
  }
  return out;
}

/** The tokens of text[from, to); `from` and `to` must be the text's ends or next to separators. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  if (to <= from) return [];
  return refine(text, winkTokens(text, from, to, false).spans);
}

/** Longest run of non-separators that word snapping tokenizes around a position (beyond it: an approximation). */
const MAX_RUN = 4096;

/**
 * The tokens of the run of non-separator characters holding `index` (none when `index` is a
 * separator): exactly the tokens the whole text has there, for runs up to 4,096 characters.
 */
export function tokensOfRun(text: string, index: number): Token[] {
  const run = runAround(text, index, MAX_RUN);
  return tokenize(text, run.start, run.end);
}

/** Split a text into sentences of tokens (the tokens `tokenize` gives). */
export function tokenizeSentences(text: string): Sentence[] {
  const raw = winkTokens(text, 0, text.length, true);
  const tokens = refine(text, raw.spans);
  const sentences: Sentence[] = [];
  let current: Token[] = [];
  const close = () => {
    if (current.length > 0) sentences.push({ start: current[0]!.start, end: current[current.length - 1]!.end, tokens: current });
    current = [];
  };
  let k = 0;
  let previousEnd = 0;
  for (const token of tokens) {
    // A sentence start wink found inside a token we joined moves to the next token.
    let starts = false;
    while (k < raw.sentenceStarts.length && (raw.sentenceStarts[k] as number) <= token.start) {
      starts = true;
      k++;
    }
    if (starts || hasLineBreak(text.slice(previousEnd, token.start))) close();
    current.push(token);
    previousEnd = token.end;
  }
  close();
  return sentences;
}
