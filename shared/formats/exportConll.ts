import type { Span } from '../model/schemas';
import { isSeparator } from '../text/separators';
import { tokenizeSentences, type Sentence, type Token } from '../text/tokenize';
import type { ConllScheme, OverlapPolicy } from './exportOptions';
import { labelOrder, type DropCounts, type ExportRecord, type ExportSettings } from './exportRecord';
import { ownValue } from '../model/keyed';

/**
 * CoNLL export: one token per line, a blank line between sentences, a `-DOCSTART-` line before
 * each document (CoNLL-2003 layout), columns separated by one space (conlleval's default).
 *
 * A tag column can hold one chunk per token, but Factmark spans nest and overlap (a claim holds
 * its actor and number). Two policies, and the spans each one could not keep are counted, never
 * dropped silently:
 * - `longest-wins`: one tag column; longer spans (in tokens) win, then the earlier one.
 * - `per-label-columns`: one tag column per label (claim, actor, number...), so nesting across
 *   labels survives; only overlapping spans of the same label compete (longest wins).
 * Spans that cover no token (whitespace only) are counted as dropped under both policies.
 * A sentence boundary that falls inside a kept span is removed (the two sentences are joined),
 * so that a chunk is never cut in two.
 *
 * Tokens come from Factmark's token layer (shared/text/tokenize.ts, the tokens word snapping
 * snaps to), then are cut at every span boundary that falls inside one ("UN" tagged in "UNHCR"
 * makes "UN" + "HCR"), so every span is written over exactly its own characters. The only spans
 * that cannot be (a boundary inside a surrogate pair, which would make the file invalid UTF-8)
 * are written over the whole token and counted as widened, per label.
 */
export interface ConllDocument {
  text: string;
  /** Dropped spans per label under each policy (the chosen one and the other, for comparison). */
  dropped: Record<OverlapPolicy, DropCounts>;
  /** Chunks written, per label. */
  kept: DropCounts;
  /** Kept spans written over more characters than they hold (their tokens are wider), per label. */
  widened: DropCounts;
  /** Tokens of the token layer cut in two or more at span boundaries. */
  splitTokens: number;
}

interface TokenSpan {
  span: Span;
  first: number;
  last: number;
}

const DOCSTART = '-DOCSTART-';

/** The columns of each line (CoNLL has no header line: the dataset card lists them). */
export function conllColumns(settings: ExportSettings, extraLabels: Iterable<string> = []): string[] {
  return settings.overlapPolicy === 'per-label-columns' ? ['token', ...labelOrder(settings.labels, extraLabels)] : ['token', 'tag'];
}

const insideSurrogatePair = (text: string, i: number) =>
  i > 0 && i < text.length && /[\ud800-\udbff]/.test(text[i - 1] as string) && /[\udc00-\udfff]/.test(text[i] as string);

/**
 * Cut every token at the span boundaries strictly inside it (never inside a surrogate pair).
 * Answers the new sentences and how many tokens were cut.
 */
function splitAtSpanBoundaries(text: string, sentences: Sentence[], spans: readonly Span[]): { sentences: Sentence[]; split: number } {
  const bounds = [...new Set(spans.flatMap((s) => [s.start, s.end]))].filter((b) => !insideSurrogatePair(text, b)).sort((a, b) => a - b);
  if (bounds.length === 0) return { sentences, split: 0 };
  let split = 0;
  let k = 0;
  const out = sentences.map((sentence) => {
    const tokens: Token[] = [];
    for (const token of sentence.tokens) {
      while (k < bounds.length && (bounds[k] as number) <= token.start) k++;
      let from = token.start;
      let j = k;
      while (j < bounds.length && (bounds[j] as number) < token.end) {
        const at = bounds[j] as number;
        tokens.push({ start: from, end: at, text: text.slice(from, at) });
        from = at;
        j++;
      }
      if (from > token.start) split++;
      tokens.push(from === token.start ? token : { start: from, end: token.end, text: text.slice(from, token.end) });
    }
    return { ...sentence, tokens };
  });
  return { sentences: out, split };
}

/** A span's characters without separators at its edges (tokens never hold separators). */
function trimmed(text: string, span: Span): [number, number] {
  let s = span.start;
  let e = span.end;
  while (s < e && isSeparator(text[s] as string)) s++;
  while (e > s && isSeparator(text[e - 1] as string)) e--;
  return [s, e];
}

function tagsFor(first: number, last: number, label: string, scheme: ConllScheme, tags: string[]): void {
  if (scheme === 'bioes' && first === last) {
    tags[first] = `S-${label}`;
    return;
  }
  for (let i = first; i <= last; i++) {
    if (i === first) tags[i] = `B-${label}`;
    else if (scheme === 'bioes' && i === last) tags[i] = `E-${label}`;
    else tags[i] = `I-${label}`;
  }
}

/** Greedy: longest first, then earliest; a span whose tokens are taken is dropped. */
function pickNonOverlapping(spans: TokenSpan[]): { kept: TokenSpan[]; dropped: TokenSpan[] } {
  const order = [...spans].sort(
    (a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first || (a.span.label < b.span.label ? -1 : a.span.label > b.span.label ? 1 : 0),
  );
  const taken: [number, number][] = [];
  const kept: TokenSpan[] = [];
  const dropped: TokenSpan[] = [];
  for (const s of order) {
    if (taken.some(([f, l]) => s.first <= l && f <= s.last)) dropped.push(s);
    else {
      taken.push([s.first, s.last]);
      kept.push(s);
    }
  }
  return { kept, dropped };
}

const count = (into: DropCounts, spans: TokenSpan[] | Span[]) => {
  for (const s of spans) {
    const label = 'span' in s ? s.span.label : s.label;
    into[label] = (ownValue(into, label) ?? 0) + 1;
  }
};

/** Token index range of each span over the document's token list. */
function tokenRanges(starts: number[], ends: number[], spans: readonly Span[]): { placed: TokenSpan[]; empty: Span[] } {
  const placed: TokenSpan[] = [];
  const empty: Span[] = [];
  for (const span of spans) {
    // First token ending after the span starts; last token starting before it ends.
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ends[mid] as number) <= span.start) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    let last = first - 1;
    for (let i = first; i < starts.length && (starts[i] as number) < span.end; i++) last = i;
    if (last < first) empty.push(span);
    else placed.push({ span, first, last });
  }
  return { placed, empty };
}

export function conllDocument(record: ExportRecord, settings: ExportSettings): ConllDocument {
  const cut = splitAtSpanBoundaries(record.text, tokenizeSentences(record.text), record.spans);
  const sentences: Sentence[] = cut.sentences;
  const tokens = sentences.flatMap((s) => s.tokens);
  const starts = tokens.map((t) => t.start);
  const ends = tokens.map((t) => t.end);
  const { placed, empty } = tokenRanges(starts, ends, record.spans);

  const emptyCounts: DropCounts = {};
  count(emptyCounts, empty);
  const longest = pickNonOverlapping(placed);
  const byLabel = new Map<string, TokenSpan[]>();
  for (const p of placed) byLabel.set(p.span.label, [...(byLabel.get(p.span.label) ?? []), p]);
  const perLabel = [...byLabel.entries()].map(([label, list]) => ({ label, ...pickNonOverlapping(list) }));

  const droppedLongest: DropCounts = { ...emptyCounts };
  count(droppedLongest, longest.dropped);
  const droppedPerLabel: DropCounts = { ...emptyCounts };
  for (const p of perLabel) count(droppedPerLabel, p.dropped);

  const extra = record.spans.map((s) => s.label);
  const columns = conllColumns(settings, extra).slice(1);
  const chosen = settings.overlapPolicy === 'per-label-columns' ? perLabel.flatMap((p) => p.kept) : longest.kept;
  const kept: DropCounts = {};
  count(kept, chosen);
  const widened: DropCounts = {};
  count(
    widened,
    chosen.filter((c) => {
      const [s, e] = trimmed(record.text, c.span);
      return (starts[c.first] as number) !== s || (ends[c.last] as number) !== e;
    }),
  );

  // Tag columns over the whole document.
  const tagColumns: string[][] = columns.map(() => new Array<string>(tokens.length).fill('O'));
  for (const s of chosen) {
    const col = settings.overlapPolicy === 'per-label-columns' ? columns.indexOf(s.span.label) : 0;
    tagsFor(s.first, s.last, s.span.label, settings.conllScheme, tagColumns[col] as string[]);
  }

  // Sentence boundaries (token index where each sentence starts), minus those inside a kept chunk.
  const inside = new Set<number>();
  for (const s of chosen) for (let i = s.first + 1; i <= s.last; i++) inside.add(i);
  const lines: string[] = [`${DOCSTART}${' O'.repeat(columns.length)}`, ''];
  let index = 0;
  sentences.forEach((sentence, si) => {
    if (si > 0 && !inside.has(index)) lines.push('');
    for (const token of sentence.tokens) {
      const row = [token.text];
      for (const col of tagColumns) row.push(col[index] as string);
      lines.push(row.join(' '));
      index++;
    }
  });
  if (tokens.length > 0) lines.push('');
  return {
    text: `${lines.join('\n')}\n`,
    dropped: { 'longest-wins': droppedLongest, 'per-label-columns': droppedPerLabel },
    kept,
    widened,
    splitTokens: cut.split,
  };
}
