import type { LabelDef } from '../model/schemas';
import { labelOrder, offsetMapper, type ExportRecord } from './exportRecord';

/**
 * brat standoff: per document a `<name>.txt` (the text, byte for byte) and a `<name>.ann` with
 * one `T` line per span: `T1<TAB>label start end<TAB>text`. Offsets are code points (brat reads
 * the text as a Python string). brat cannot show a text-bound annotation across a line break, so
 * a span over several lines is written as discontinuous fragments (`start end;start end`), one
 * per line, and its text as the fragments joined by one space, as brat itself does.
 */
export interface BratFiles {
  /** File name without extension (the document id, plus the annotator when several are exported). */
  name: string;
  txt: string;
  ann: string;
}

function fragments(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  if (end > from) out.push([from, end]);
  return out;
}

export function bratDocument(record: ExportRecord, name: string): BratFiles {
  const toUnit = offsetMapper(record.text, 'codepoint');
  const lines: string[] = [];
  let n = 0;
  for (const span of record.spans) {
    const parts = fragments(record.text, span.start, span.end);
    if (parts.length === 0) continue; // only line breaks: nothing brat could show; the card counts spans written
    n++;
    const offsets = parts.map(([s, e]) => `${toUnit(s)} ${toUnit(e)}`).join(';');
    const quote = parts.map(([s, e]) => record.text.slice(s, e)).join(' ');
    lines.push(`T${n}\t${span.label} ${offsets}\t${quote}`);
  }
  return { name, txt: record.text, ann: lines.map((l) => `${l}\n`).join('') };
}

/** Spans a brat export writes (a span made only of line breaks has no fragment). */
export const bratWritable = (text: string, start: number, end: number) => fragments(text, start, end).length > 0;

/** annotation.conf: every label as an entity type. */
export function bratAnnotationConf(labels: readonly LabelDef[], extra: Iterable<string> = []): string {
  return ['# Entity types from the Factmark project (one per label).', '[entities]', ...labelOrder(labels, extra), '', '[relations]', '', '[events]', '', '[attributes]', ''].join('\n');
}

/** visual.conf: the label names and colours the annotators saw. */
export function bratVisualConf(labels: readonly LabelDef[]): string {
  return [
    '[labels]',
    ...labels.map((l) => `${l.id} | ${l.name}`),
    '',
    '[drawing]',
    ...labels.map((l) => `${l.id}\tbgColor:${l.color}`),
    '',
  ].join('\n');
}
