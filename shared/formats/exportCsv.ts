import type { LabelDef } from '../model/schemas';
import { tokenizeSentences, type Sentence } from '../text/tokenize';
import { offsetMapper, type ExportRecord, type ExportSettings } from './exportRecord';

/**
 * A review sheet for editors: one row per span with its document, label, quote, the sentence
 * around it, who tagged it and the document's status. It opens cleanly in a spreadsheet: UTF-8
 * with a byte-order mark (Excel otherwise guesses a legacy code page), CRLF rows, RFC 4180
 * quoting, and cells that a spreadsheet would run as a formula (= + @ or - followed by a
 * non-digit) prefixed with an apostrophe.
 */
export const CSV_COLUMNS = ['document', 'title', 'outlet', 'label', 'quote', 'sentence', 'start', 'end', 'annotator', 'status', 'split'] as const;

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

export function csvRows(record: ExportRecord, settings: ExportSettings): string {
  if (record.spans.length === 0) return '';
  const sentences = tokenizeSentences(record.text);
  const toUnit = offsetMapper(record.text, settings.unit);
  return record.spans
    .map((s) =>
      csvRow([
        record.meta.id,
        record.meta.title,
        record.meta.outlet,
        nameOf(settings.labels, s.label),
        record.text.slice(s.start, s.end),
        sentenceAround(record.text, sentences, s.start, s.end),
        toUnit(s.start),
        toUnit(s.end),
        record.annotator,
        record.status,
        record.split,
      ]),
    )
    .join('');
}
