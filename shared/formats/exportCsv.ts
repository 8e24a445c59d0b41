import type { LabelDef, Relation, Span } from '../model/schemas';
import { tokenizeSentences, type Sentence } from '../text/tokenize';
import { attributesNotWritten, relationsNotWritten, type RecordNotes } from './exportNotices';
import { offsetMapper, type ExportRecord, type ExportSettings } from './exportRecord';

/**
 * A review sheet for editors: one row per span with its document, label, quote, the sentence
 * around it, what an editor checks (a claim's status and claimant, a number's value, its
 * approximation, range maximum and unit), who tagged it and the document's status. It reads
 * Factmark's default schema (docs/user-guide.md, "Label schema"): the Claim's `status`, the `attributed_to`
 * relation (claim -> actor; the claimant is the actor's text, several joined by "; "), the
 * Number's `value`, `approx`, `value_max` and `unit`; other labels leave those cells empty. It
 * opens cleanly in a spreadsheet: UTF-8 with a byte-order mark (Excel otherwise guesses a legacy
 * code page), CRLF rows, RFC 4180 quoting, and cells that a spreadsheet would run as a formula
 * (= + @ or - followed by a non-digit) prefixed with an apostrophe.
 */
export const CSV_COLUMNS = [
  'document',
  'title',
  'outlet',
  'label',
  'quote',
  'sentence',
  'claim_status',
  'claimant',
  'value',
  'approx',
  'value_max',
  'unit',
  'start',
  'end',
  'annotator',
  'document_status',
  'split',
] as const;

/** The attributes the sheet has columns for, by label id. */
const COLUMN_ATTRIBUTES: Record<string, readonly string[]> = { claim: ['status'], number: ['value', 'approx', 'value_max', 'unit'] };
const CLAIMANT_RELATION = 'attributed_to';

const BOM = '\uFEFF';

export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+@\t\r]/.test(s) || /^-[^\d\s.,]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvRow = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export const csvHeader = () => BOM + csvRow(CSV_COLUMNS);

/** The sentence(s) a span lies in, with line breaks turned into spaces. */
function sentenceAround(text: string, sentences: Sentence[], start: number, end: number): string {
  const first = sentences.find((s) => s.end > start);
  let last = first;
  for (const s of sentences) if (s.start < end) last = s;
  const from = first && first.start <= start ? first.start : start;
  const to = last && last.end >= end ? last.end : end;
  return text.slice(from, to).replace(/\s*\n\s*/g, ' ');
}

const nameOf = (labels: readonly LabelDef[], id: string) => labels.find((l) => l.id === id)?.name ?? id;

const cell = (v: unknown): string | number | null => (typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : null);

function claimants(record: ExportRecord, claim: Span, byId: Map<string, Span>): string | null {
  if (claim.label !== 'claim') return null;
  const names = (record.relations ?? [])
    .filter((r) => r.type === CLAIMANT_RELATION && r.from === claim.id)
    .map((r) => byId.get(r.to))
    .filter((a): a is Span => a !== undefined)
    .map((a) => record.text.slice(a.start, a.end));
  return names.length > 0 ? [...new Set(names)].join('; ') : null;
}

const attribute = (s: Span, label: string, id: string) => (s.label === label ? cell(s.attributes?.[id]) : null);

export function csvRows(record: ExportRecord, settings: ExportSettings): string {
  if (record.spans.length === 0) return '';
  const sentences = tokenizeSentences(record.text);
  const toUnit = offsetMapper(record.text, settings.unit);
  const byId = new Map(record.spans.map((s) => [s.id, s]));
  return record.spans
    .map((s) =>
      csvRow([
        record.meta.id,
        record.meta.title,
        record.meta.outlet,
        nameOf(settings.labels, s.label),
        record.text.slice(s.start, s.end),
        sentenceAround(record.text, sentences, s.start, s.end),
        attribute(s, 'claim', 'status'),
        claimants(record, s, byId),
        attribute(s, 'number', 'value'),
        attribute(s, 'number', 'approx'),
        attribute(s, 'number', 'value_max'),
        attribute(s, 'number', 'unit'),
        toUnit(s.start),
        toUnit(s.end),
        record.annotator,
        record.status,
        record.split,
      ]),
    )
    .join('');
}

/** What the sheet leaves out: attributes without a column, relations other than a claim's claimant. */
export function csvNotes(record: ExportRecord): RecordNotes {
  const byId = new Map(record.spans.map((s) => [s.id, s]));
  const isClaimant = (r: Relation) => r.type === CLAIMANT_RELATION && byId.get(r.from)?.label === 'claim' && byId.has(r.to);
  return {
    'attributes-not-written': attributesNotWritten(record.spans, (s, id) => (COLUMN_ATTRIBUTES[s.label] ?? []).includes(id)),
    'relations-not-written': relationsNotWritten(record.relations, isClaimant),
  };
}
