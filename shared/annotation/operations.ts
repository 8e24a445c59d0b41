import type { AttributeValue, Span } from '../model/schemas';
import { keyedRecord } from '../model/keyed';

/**
 * The edits an annotator makes to a document's spans, as pure functions over immutable arrays
 * (the UI keeps the arrays in its undo history). Every refusal is a sentence the UI can show.
 */
export interface SpanDraft {
  start: number;
  end: number;
  label: string;
}

export type SpanOpResult = { ok: true; spans: Span[]; span: Span } | { ok: false; message: string };

const refuse = (message: string): SpanOpResult => ({ ok: false, message });

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical span order (also the on-disk order): start asc, end desc, label, id. */
export function compareSpans(
  a: { start: number; end: number; label: string; id: string },
  b: { start: number; end: number; label: string; id: string },
): number {
  return a.start - b.start || b.end - a.end || compareStrings(a.label, b.label) || compareStrings(a.id, b.id);
}

export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort(compareSpans);
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** True when `offset` falls between the two halves of one astral character. */
function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/** Why a range cannot be a span of `text`, or null. */
function rangeProblem(text: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return 'Span offsets must be whole numbers.';
  if (start < 0 || end > text.length) return `The range ${start}-${end} is outside the text (0-${text.length}).`;
  if (end <= start) return 'Select some text first: the range is empty.';
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    return `The range ${start}-${end} cuts a character (an emoji or other astral character) in half.`;
  }
  return null;
}

const duplicateMessage = (label: string) => `That span is already tagged as ${label}.`;

const sameRangeAndLabel = (s: { start: number; end: number; label: string }, start: number, end: number, label: string) =>
  s.start === start && s.end === end && s.label === label;

/** Add a span for `draft`; its quote is the text it covers. Returns the new sorted array. */
export function addSpan(text: string, spans: readonly Span[], draft: SpanDraft, id: string, now: string): SpanOpResult {
  const problem = rangeProblem(text, draft.start, draft.end);
  if (problem) return refuse(problem);
  if (!draft.label) return refuse('Choose a label for the span.');
  if (spans.some((s) => sameRangeAndLabel(s, draft.start, draft.end, draft.label))) return refuse(duplicateMessage(draft.label));
  if (spans.some((s) => s.id === id)) return refuse(`A span with id ${id} already exists.`);
  const span: Span = {
    id,
    start: draft.start,
    end: draft.end,
    label: draft.label,
    quote: text.slice(draft.start, draft.end),
    createdAt: now,
    updatedAt: now,
  };
  return { ok: true, spans: sortSpans([...spans, span]), span };
}

export function removeSpan(spans: readonly Span[], id: string): Span[] {
  return spans.filter((s) => s.id !== id);
}

/** Give span `id` another label; refused when that would duplicate another span. */
export function relabelSpan(spans: readonly Span[], id: string, label: string, now: string): SpanOpResult {
  const current = spans.find((s) => s.id === id);
  if (!current) return refuse('That span no longer exists.');
  if (!label) return refuse('Choose a label for the span.');
  if (current.label === label) return { ok: true, spans: sortSpans(spans), span: current };
  if (spans.some((s) => s.id !== id && sameRangeAndLabel(s, current.start, current.end, label))) {
    return refuse(duplicateMessage(label));
  }
  const span: Span = { ...current, label, updatedAt: now };
  return { ok: true, spans: sortSpans(spans.map((s) => (s.id === id ? span : s))), span };
}

export function countByLabel(spans: readonly { label: string }[]): Record<string, number> {
  const counts = keyedRecord<number>();
  for (const s of spans) counts[s.label] = (counts[s.label] ?? 0) + 1;
  return counts;
}

/**
 * Check spans arriving from outside (a save request, a file) against their text and the project's
 * labels. Returns the first problem as a sentence naming the span, or null when all is well.
 */
export function validateSpans(
  text: string,
  spans: readonly { id: string; start: number; end: number; label: string }[],
  labelIds: readonly string[],
): string | null {
  const labels = new Set(labelIds);
  const ids = new Set<string>();
  const ranges = new Set<string>();
  for (const [i, s] of spans.entries()) {
    const which = `Span ${i + 1} (id ${s.id})`;
    const problem = rangeProblem(text, s.start, s.end);
    if (problem) return `${which}: ${problem}`;
    if (!labels.has(s.label)) return `${which} has the label "${s.label}", which the project does not define.`;
    if (ids.has(s.id)) return `${which} has the same id as an earlier span.`;
    ids.add(s.id);
    const key = `${s.start}:${s.end}:${s.label}`;
    if (ranges.has(key)) return `${which} repeats an earlier span: same range ${s.start}-${s.end} and label ${s.label}.`;
    ranges.add(key);
  }
  return null;
}

/**
 * Set span `id`'s attribute values (all of them: a value left out is removed; no values at all
 * removes the field). Values are checked against the label by the caller and by the service.
 */
export function setSpanAttributes(spans: readonly Span[], id: string, values: Readonly<Record<string, AttributeValue>>, now: string): SpanOpResult {
  const current = spans.find((s) => s.id === id);
  if (!current) return refuse('That span no longer exists.');
  const cleaned: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === '' || (Array.isArray(v) && v.length === 0)) continue;
    cleaned[k] = Array.isArray(v) ? [...v] : v;
  }
  const span: Span = { ...current, updatedAt: now };
  delete span.attributes;
  if (Object.keys(cleaned).length > 0) span.attributes = cleaned;
  return { ok: true, spans: spans.map((s) => (s.id === id ? span : s)), span };
}
