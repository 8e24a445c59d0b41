import type { Span } from '../model/schemas';
import { tokenizeSentences, type Sentence } from '../text/tokenize';
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
 */
export interface ConllDocument {
  text: string;
  /** Dropped spans per label under each policy (the chosen one and the other, for comparison). */
  dropped: Record<OverlapPolicy, DropCounts>;
  /** Chunks written, per label. */
  kept: DropCounts;
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

/** conlleval splits on single spaces: a token never contains whitespace. */
const cleanToken = (t: string) => t.replace(/\s/gu, '_');

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
  const sentences: Sentence[] = tokenizeSentences(record.text);
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
      const row = [cleanToken(token.text)];
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
  };
}
