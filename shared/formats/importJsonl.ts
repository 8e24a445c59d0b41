import {
  isRecord,
  jsonLines,
  parseFailure,
  ParseStop,
  SpanResolver,
  type ImportedRelation,
  type ImportedSpan,
  type OffsetUnit,
  type ParseResult,
} from './importTypes';
import { DocumentCollector } from './recordDocuments';
import { UnreadFields } from './unreadFields';

/**
 * JSON Lines in the Prodigy / spaCy shape (and Factmark's own export):
 * `{"text": "...", "spans": [{"start", "end", "label", "text"?}], "meta": {...}}`, one per line.
 *
 * Offsets are Unicode code points (Python's `str` indexing, what Prodigy and spaCy write) unless
 * the record says `meta.offset_unit: "utf16"` (Factmark's UTF-16 export). A span's `text`, when
 * present, must be what the offsets cover; a record-level string `label` (text classification)
 * is kept as a note on the document, since it is not a span.
 *
 * A span's `attributes` (Factmark's export) are kept as given; the importer checks them against
 * the project's labels. `relations` (Prodigy's shape, which Factmark's export also writes:
 * `{head, child, label, head_span, child_span}`) join two of the record's spans: the ends are
 * found by `head_span`/`child_span` (start, end, label), since Prodigy's `head`/`child` are token
 * indexes; without them, `head`/`child` are read as indexes into `spans`. A relation whose end is
 * not one of the record's spans is counted in a warning.
 */
const READ_KEYS = ['text', 'spans', 'relations', 'meta', 'id', 'label', 'answer'];

/** The index in `spans` of the span a relation end names, or null. */
function relationEnd(spans: unknown[], described: unknown, index: unknown): number | null {
  if (isRecord(described) && Number.isInteger(described.start) && Number.isInteger(described.end)) {
    const i = spans.findIndex(
      (s) => isRecord(s) && s.start === described.start && s.end === described.end && (typeof described.label !== 'string' || s.label === described.label),
    );
    return i === -1 ? null : i;
  }
  return Number.isInteger(index) && (index as number) >= 0 && (index as number) < spans.length ? (index as number) : null;
}
export function parseJsonl(file: string, source: string): ParseResult {
  const collector = new DocumentCollector(file);
  const unread = new UnreadFields(file);
  let rejected = 0;
  let unjoined = 0;
  let untyped = 0;
  let documents: ReturnType<DocumentCollector['finish']>['documents'];
  let warnings: string[];
  try {
    const lines = jsonLines(source.replace(/^\uFEFF/, ''));
    if (lines.length === 0) return parseFailure(file, null, 'the file has no records.');
    for (const { line, text: raw } of lines) {
      let record: unknown;
      try {
        record = JSON.parse(raw);
      } catch (err) {
        throw new ParseStop(line, `not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
      }
      if (!isRecord(record)) throw new ParseStop(line, 'each line must be a JSON object.');
      const text = record.text;
      if (typeof text !== 'string') throw new ParseStop(line, 'the record has no "text" string.');
      const meta = isRecord(record.meta) ? record.meta : {};
      const unit: OffsetUnit = meta.offset_unit === 'utf16' ? 'utf16' : 'codepoint';
      const resolver = new SpanResolver(text);
      const spans: ImportedSpan[] = [];
      const rawSpans = record.spans ?? [];
      if (!Array.isArray(rawSpans)) throw new ParseStop(line, '"spans" must be a list.');
      const linked = Array.isArray(record.relations) && record.relations.length > 0;
      for (const [i, s] of rawSpans.entries()) {
        const which = `span ${i + 1}`;
        if (!isRecord(s)) throw new ParseStop(line, `${which} is not an object.`);
        if (typeof s.label !== 'string' || s.label.trim() === '') throw new ParseStop(line, `${which} has no label.`);
        const quote = typeof s.text === 'string' ? s.text : undefined;
        const r = resolver.resolve(s.start, s.end, unit, quote);
        if (!r.ok) throw new ParseStop(line, `${which}: ${r.reason}.`);
        if (r.switched) collector.noteSwitchedUnit();
        const id = typeof s.id === 'string' || typeof s.id === 'number' ? String(s.id) : undefined;
        const span: ImportedSpan = { start: r.start, end: r.end, label: s.label.trim(), origin: id !== undefined ? { format: 'jsonl', file, id } : { format: 'jsonl', file } };
        // Keys only matter to relations: large files of plain spans do without them.
        if (linked) span.key = String(i);
        if (isRecord(s.attributes) && Object.keys(s.attributes).length > 0) span.attributes = { ...s.attributes };
        spans.push(span);
      }
      const relations: ImportedRelation[] = [];
      if (record.relations !== undefined && !Array.isArray(record.relations)) throw new ParseStop(line, '"relations" must be a list.');
      for (const rel of (record.relations as unknown[] | undefined) ?? []) {
        const type = isRecord(rel) && typeof rel.label === 'string' && rel.label.trim() !== '' ? rel.label.trim() : null;
        if (!isRecord(rel) || type === null) {
          untyped++;
          continue;
        }
        const from = relationEnd(rawSpans, rel.head_span, rel.head);
        const to = relationEnd(rawSpans, rel.child_span, rel.child);
        if (from === null || to === null || from === to) {
          unjoined++;
          continue;
        }
        relations.push({ type, from: String(from), to: String(to) });
      }
      unread.check(record, READ_KEYS, line);
      const notices: string[] = [];
      if (typeof record.label === 'string') notices.push(`Document label in ${file}: ${record.label}`);
      if (record.answer === 'reject' || record.answer === 'ignore') rejected++;
      collector.add(line, text, spans, { id: record.id ?? meta.id, meta, notices, relations });
    }
    ({ documents, warnings } = collector.finish());
  } catch (err) {
    if (err instanceof ParseStop) return parseFailure(file, err.line, err.reason);
    throw err;
  }
  if (unjoined > 0) {
    warnings.push(`${file}: ${unjoined} relation${unjoined === 1 ? ' joins' : 's join'} text that is not one of the record's spans; not imported.`);
  }
  if (untyped > 0) warnings.push(`${file}: ${untyped} relation${untyped === 1 ? ' has' : 's have'} no label (relation type); not imported.`);
  warnings.push(...unread.warnings());
  if (rejected > 0) {
    warnings.push(`${file}: ${rejected} record${rejected === 1 ? ' was' : 's were'} marked "reject" or "ignore" in Prodigy; imported as they are.`);
  }
  return { ok: true, documents, warnings };
}
