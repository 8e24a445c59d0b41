import {
  isRecord,
  jsonLines,
  parseFailure,
  ParseStop,
  SpanResolver,
  type ImportedSpan,
  type OffsetUnit,
  type ParseResult,
} from './importTypes';
import { DocumentCollector } from './recordDocuments';

/**
 * JSON Lines in the Prodigy / spaCy shape (and Factmark's own export):
 * `{"text": "...", "spans": [{"start", "end", "label", "text"?}], "meta": {...}}`, one per line.
 *
 * Offsets are Unicode code points (Python's `str` indexing, what Prodigy and spaCy write) unless
 * the record says `meta.offset_unit: "utf16"` (Factmark's UTF-16 export). A span's `text`, when
 * present, must be what the offsets cover; a record-level string `label` (text classification)
 * is kept as a note on the document, since it is not a span.
 */
export function parseJsonl(file: string, source: string): ParseResult {
  const collector = new DocumentCollector(file);
  let rejected = 0;
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
      for (const [i, s] of rawSpans.entries()) {
        const which = `span ${i + 1}`;
        if (!isRecord(s)) throw new ParseStop(line, `${which} is not an object.`);
        if (typeof s.label !== 'string' || s.label.trim() === '') throw new ParseStop(line, `${which} has no label.`);
        const quote = typeof s.text === 'string' ? s.text : undefined;
        const r = resolver.resolve(s.start, s.end, unit, quote);
        if (!r.ok) throw new ParseStop(line, `${which}: ${r.reason}.`);
        if (r.switched) collector.noteSwitchedUnit();
        const id = typeof s.id === 'string' || typeof s.id === 'number' ? String(s.id) : undefined;
        spans.push({
          start: r.start,
          end: r.end,
          label: s.label.trim(),
          origin: { format: 'jsonl', file, ...(id !== undefined ? { id } : {}) },
        });
      }
      const notices: string[] = [];
      if (typeof record.label === 'string') notices.push(`Document label in ${file}: ${record.label}`);
      if (record.answer === 'reject' || record.answer === 'ignore') rejected++;
      collector.add(line, text, spans, { id: record.id ?? meta.id, meta, notices });
    }
  } catch (err) {
    if (err instanceof ParseStop) return parseFailure(file, err.line, err.reason);
    throw err;
  }
  const { documents, warnings } = collector.finish();
  if (rejected > 0) {
    warnings.push(`${file}: ${rejected} record${rejected === 1 ? ' was' : 's were'} marked "reject" or "ignore" in Prodigy; imported as they are.`);
  }
  return { ok: true, documents, warnings };
}
