import {
  isRecord,
  jsonLines,
  parseFailure,
  parseJsonText,
  ParseStop,
  SpanResolver,
  type ImportedSpan,
  type ParseResult,
} from './importTypes';
import { DocumentCollector } from './recordDocuments';

/**
 * doccano sequence-labelling exports and imports:
 * - `{"text": "...", "label": [[start, end, "LABEL"], ...]}` (also `"data"` for the text, as older
 *   exports and flair write, or any custom column names: the one string field and the one list
 *   of [start, end, label] triples);
 * - `{"text": "...", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [...]}`.
 * One record per line, or one pretty-printed JSON object / array (doccano's relation export).
 *
 * Offset unit: doccano's annotation UI counts JavaScript string positions, i.e. UTF-16 code units
 * (doccano/doccano#2290), and writes them unchanged; so do we read them. doccano gives no span
 * text to check against, so records containing emoji are pointed out in a warning.
 */
const TEXT_KEYS = ['text', 'data'];
const LABEL_KEYS = ['label', 'labels'];

const isTriple = (v: unknown): v is [unknown, unknown, string] => Array.isArray(v) && v.length === 3 && typeof v[2] === 'string';

function pickText(record: Record<string, unknown>): string | null {
  for (const k of TEXT_KEYS) if (typeof record[k] === 'string') return record[k] as string;
  const strings = Object.entries(record).filter(([k, v]) => typeof v === 'string' && k !== 'id');
  return strings.length === 1 ? (strings[0]![1] as string) : null;
}

function pickTriples(record: Record<string, unknown>): unknown[] | null {
  for (const k of LABEL_KEYS) if (Array.isArray(record[k])) return record[k] as unknown[];
  const lists = Object.values(record).filter((v) => Array.isArray(v) && v.length > 0 && v.every(isTriple));
  return lists.length === 1 ? (lists[0] as unknown[]) : null;
}

/** True when a parsed JSON value looks like doccano records (used by format detection). */
export function looksLikeDoccano(record: unknown): boolean {
  if (!isRecord(record)) return false;
  if (Array.isArray(record.entities)) return true;
  if (typeof record.text !== 'string' && typeof record.data === 'string') return true;
  const triples = pickTriples(record);
  return triples !== null && triples.every(isTriple);
}

export function parseDoccano(file: string, source: string): ParseResult {
  const body = source.replace(/^\uFEFF/, '');
  const records: { line: number; value: unknown }[] = [];
  const trimmed = body.trimStart();
  // A pretty-printed export: the whole file is one JSON value.
  const whole = trimmed.startsWith('[') || (trimmed.startsWith('{') && !jsonLines(body).every((l) => l.text.trim().endsWith('}'))) ? parseJsonText(body) : null;
  if (whole && whole.ok) {
    const values = Array.isArray(whole.value) ? whole.value : [whole.value];
    values.forEach((value) => records.push({ line: 1, value }));
  } else if (whole && !whole.ok && trimmed.startsWith('[')) {
    return parseFailure(file, whole.line, whole.reason);
  } else {
    for (const { line, text } of jsonLines(body)) {
      try {
        records.push({ line, value: JSON.parse(text) });
      } catch (err) {
        return parseFailure(file, line, `not valid JSON (${err instanceof Error ? err.message : String(err)}).`);
      }
    }
  }
  if (records.length === 0) return parseFailure(file, null, 'the file has no records.');

  const collector = new DocumentCollector(file);
  let astral = 0;
  let relations = 0;
  try {
    for (const { line, value } of records) {
      if (!isRecord(value)) throw new ParseStop(line, 'each record must be a JSON object.');
      const text = pickText(value);
      if (text === null) throw new ParseStop(line, 'the record has no text (a "text" or "data" string).');
      const resolver = new SpanResolver(text);
      if (resolver.hasAstral) astral++;
      const spans: ImportedSpan[] = [];
      if (Array.isArray(value.entities)) {
        for (const [i, e] of value.entities.entries()) {
          if (!isRecord(e) || typeof e.label !== 'string') throw new ParseStop(line, `entity ${i + 1} has no label.`);
          const r = resolver.resolve(e.start_offset, e.end_offset, 'utf16');
          if (!r.ok) throw new ParseStop(line, `entity ${i + 1}: ${r.reason}.`);
          const id = typeof e.id === 'number' || typeof e.id === 'string' ? String(e.id) : undefined;
          spans.push({ start: r.start, end: r.end, label: e.label, origin: { format: 'doccano', file, ...(id !== undefined ? { id } : {}) } });
        }
        if (Array.isArray(value.relations)) relations += value.relations.length;
      } else {
        const triples = pickTriples(value) ?? [];
        for (const [i, t] of triples.entries()) {
          if (!isTriple(t)) throw new ParseStop(line, `label ${i + 1} must be [start, end, "label"].`);
          const r = resolver.resolve(t[0], t[1], 'utf16');
          if (!r.ok) throw new ParseStop(line, `label ${i + 1}: ${r.reason}.`);
          spans.push({ start: r.start, end: r.end, label: t[2], origin: { format: 'doccano', file } });
        }
      }
      const meta = isRecord(value.meta) ? value.meta : isRecord(value.metadata) ? value.metadata : undefined;
      collector.add(line, text, spans, { id: value.id, meta });
    }
  } catch (err) {
    if (err instanceof ParseStop) return parseFailure(file, err.line, err.reason);
    throw err;
  }
  const { documents, warnings } = collector.finish();
  if (astral > 0) {
    warnings.push(
      `${file}: ${astral} record${astral === 1 ? ' contains' : 's contain'} emoji or other characters outside the BMP; offsets were read as UTF-16 code units, as doccano counts them.`,
    );
  }
  if (relations > 0) warnings.push(`${file}: ${relations} relation${relations === 1 ? '' : 's'} not imported (Factmark imports text spans only).`);
  return { ok: true, documents, warnings };
}
