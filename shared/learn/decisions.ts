import type { ExampleKind, LearningExample } from './examples';
import { contextAt, memoryKey } from './memory';

/**
 * Learning examples from what the annotator does (docs/suggestions.md): a save's spans compared
 * with the previous ones (added: tagged, or accepted when the span came from a suggestion;
 * relabelled; moved: corrected; removed), a rejected suggestion, and the places where a string
 * the annotator tagged appears again untagged in the part of the document they worked through.
 */
export interface SpanLike {
  id: string;
  start: number;
  end: number;
  label: string;
  createdAt?: string;
  origin?: { format: string };
}

/** Labels whose untagged occurrences count as evidence (their strings repeat; claims do not). */
export const UNMARKED_LABELS = ['actor', 'number'];
const SENTENCE_CLIP = 400;

/** The sentence around [start, end) (from the previous . ! ? or line break to the next), clipped. */
export function sentenceWindow(text: string, start: number, end: number): { start: number; text: string } {
  let s = start;
  while (s > 0 && start - s < SENTENCE_CLIP) {
    if (text[s - 1] === '\n' || (/\s/.test(text[s - 1]!) && /[.!?]/.test(text[s - 2] ?? ''))) break;
    s--;
  }
  let e = end;
  while (e < text.length && e - end < SENTENCE_CLIP && text[e] !== '\n') {
    e++;
    if (/[.!?]/.test(text[e - 1]!) && (e >= text.length || /\s/.test(text[e]!))) break;
  }
  return { start: s, text: text.slice(s, e) };
}

export function exampleFor(
  text: string,
  kind: ExampleKind,
  span: { start: number; end: number; label: string },
  at: string,
  from?: { start: number; end: number; label: string },
): LearningExample {
  const lo = Math.min(span.start, from?.start ?? span.start);
  const hi = Math.max(span.end, from?.end ?? span.end);
  return {
    kind,
    label: span.label,
    start: span.start,
    end: span.end,
    quote: text.slice(span.start, span.end),
    context: contextAt(text, span.start),
    sentence: sentenceWindow(text, lo, hi),
    ...(from ? { from: { start: from.start, end: from.end, label: from.label, quote: text.slice(from.start, from.end), context: contextAt(text, from.start) } } : {}),
    at,
  };
}

/** The decisions a save made: spans added, relabelled, moved or removed since `before`. */
export function decisionsFromSave(text: string, before: readonly SpanLike[] | null, after: readonly SpanLike[], at: string): LearningExample[] {
  const old = new Map((before ?? []).map((s) => [s.id, s]));
  const now = new Set(after.map((s) => s.id));
  const out: LearningExample[] = [];
  for (const s of after) {
    const p = old.get(s.id);
    if (!p) out.push(exampleFor(text, s.origin?.format === 'suggestion' ? 'accept' : 'tag', s, at));
    else if (p.label !== s.label) out.push(exampleFor(text, 'relabel', s, at, p));
    else if (p.start !== s.start || p.end !== s.end) out.push(exampleFor(text, 'correct', s, at, p));
  }
  for (const p of before ?? []) if (!now.has(p.id)) out.push(exampleFor(text, 'remove', p, at));
  return out;
}

/**
 * Occurrences of strings tagged (actor, number) that were left untagged, in the part of the text
 * the annotator worked through: all of it when the document is done, else up to the last span.
 */
export function unmarkedExamples(text: string, spans: readonly SpanLike[], status: string, at: string): LearningExample[] {
  if (spans.length === 0) return [];
  const readEnd = status === 'done' ? text.length : Math.max(...spans.map((s) => s.end));
  const lower = text.toLowerCase();
  const out: LearningExample[] = [];
  for (const label of UNMARKED_LABELS) {
    const mine = spans.filter((s) => s.label === label);
    const quotes = [...new Set(mine.map((s) => text.slice(s.start, s.end)).filter((q) => memoryKey(q).length > 0))];
    for (const q of quotes) {
      const needle = q.toLowerCase();
      for (let at0 = lower.indexOf(needle); at0 >= 0 && at0 + needle.length <= readEnd; at0 = lower.indexOf(needle, at0 + 1)) {
        const end = at0 + needle.length;
        if (/[\p{L}\p{N}]/u.test(text[at0 - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
        if (mine.some((s) => s.start < end && s.end > at0)) continue;
        out.push(exampleFor(text, 'unmarked', { start: at0, end, label }, at));
      }
    }
  }
  return out;
}

/** An example's identity: the same decision recorded twice is learned once. */
export const exampleKey = (e: LearningExample) => `${e.kind}|${e.label}|${e.start}|${e.end}|${e.at}`;

/** A document's examples after a save: its earlier decisions, the new ones, and its untagged occurrences recomputed. */
export function mergeExamples(previous: readonly LearningExample[], decisions: readonly LearningExample[], unmarked: readonly LearningExample[]): LearningExample[] {
  const kept = previous.filter((e) => e.kind !== 'unmarked');
  const seen = new Set(kept.map(exampleKey));
  return [...kept, ...decisions.filter((e) => !seen.has(exampleKey(e))), ...unmarked];
}

/**
 * A document's examples rebuilt from its annotation file and its rejections (when the learning
 * file is missing): every span as tagged (or accepted) when it was made, every rejection.
 */
export function rebuildExamples(
  text: string,
  spans: readonly SpanLike[],
  rejections: readonly { start: number; end: number; label: string }[],
  status: string,
  at: string,
): LearningExample[] {
  const tagged = spans.map((s) => exampleFor(text, s.origin?.format === 'suggestion' ? 'accept' : 'tag', s, s.createdAt ?? at));
  const rejected = rejections.filter((r) => r.end <= text.length).map((r) => exampleFor(text, 'reject', r, at));
  return [...tagged, ...rejected].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.start - y.start)).concat(unmarkedExamples(text, spans, status, at));
}
