import type { DocStatus, DocumentMeta, LabelDef, Relation, Span } from '../model/schemas';
import { sortSpans } from '../annotation/operations';
import { createOffsetConverter } from '../text/offsets';

/**
 * JSON Lines export: one document per line with its text and spans, the shape most NLP tooling
 * reads directly. Offsets are in code points by default because that is what Python's `str`
 * indexing uses (text[start:end] == span text); UTF-16 is available for JavaScript consumers.
 * Every line says which unit it uses (meta.offset_unit) and so does the sidecar file.
 */
export interface ExportDocument {
  meta: DocumentMeta;
  text: string;
  status: DocStatus;
  annotator: string;
  spans: Span[];
  /** Relations between the spans (by span id); absent or empty when none. */
  relations?: Relation[];
}

export interface JsonlSidecar {
  format: 'factmark-jsonl';
  formatVersion: 1;
  offsetUnit: 'codepoint' | 'utf16';
  offsetEnd: 'exclusive';
  labels: { id: string; name: string }[];
  documents: number;
  spans: number;
  createdAt: string;
  factmarkVersion: string;
}

export interface JsonlOptions {
  unit: 'codepoint' | 'utf16';
  labels: readonly LabelDef[];
  factmarkVersion: string;
  createdAt: string;
}

/** An object with its keys sorted (attributes are written in a stable order). */
function sortedRecord<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One JSONL line (without its newline) for one document. */
export function documentLine(doc: ExportDocument, unit: JsonlOptions['unit']): string {
  const converter = unit === 'codepoint' ? createOffsetConverter(doc.text) : null;
  const convert = (utf16: number) => (converter ? converter.toCodePoint(utf16) : utf16);
  const sorted = sortSpans(doc.spans);
  const spans = sorted.map((s) => ({
    start: convert(s.start),
    end: convert(s.end),
    label: s.label,
    // Quoted from the text itself, so the export is right even if a stored quote were stale.
    text: doc.text.slice(s.start, s.end),
    ...(s.attributes && Object.keys(s.attributes).length > 0 ? { attributes: sortedRecord(s.attributes) } : {}),
  }));
  const index = new Map(sorted.map((s, i) => [s.id, i]));
  // Prodigy's shape: head/child point at the two spans (here: their indexes in `spans`), with the spans themselves.
  const relations = (doc.relations ?? []).flatMap((r) => {
    const head = index.get(r.from);
    const child = index.get(r.to);
    if (head === undefined || child === undefined) return [];
    const span = (i: number) => ({ start: spans[i]!.start, end: spans[i]!.end, label: spans[i]!.label });
    return [{ head, child, label: r.type, head_span: span(head), child_span: span(child) }];
  });
  const line = {
    id: doc.meta.id,
    text: doc.text,
    spans,
    ...(relations.length > 0 ? { relations } : {}),
    meta: {
      title: doc.meta.title,
      outlet: doc.meta.outlet,
      date: doc.meta.date,
      status: doc.status,
      annotator: doc.annotator,
      source: doc.meta.source,
      offset_unit: unit,
    },
  };
  return JSON.stringify(line);
}

/** The export file's content (empty when there are no documents) and its sidecar description. */
export function exportJsonl(
  docs: readonly ExportDocument[],
  opts: JsonlOptions,
): { content: string; sidecar: JsonlSidecar } {
  const lines = docs.map((doc) => documentLine(doc, opts.unit));
  const sidecar: JsonlSidecar = {
    format: 'factmark-jsonl',
    formatVersion: 1,
    offsetUnit: opts.unit,
    offsetEnd: 'exclusive',
    labels: opts.labels.map((l) => ({ id: l.id, name: l.name })),
    documents: docs.length,
    spans: docs.reduce((n, d) => n + d.spans.length, 0),
    createdAt: opts.createdAt,
    factmarkVersion: opts.factmarkVersion,
  };
  return { content: lines.map((l) => `${l}\n`).join(''), sidecar };
}
