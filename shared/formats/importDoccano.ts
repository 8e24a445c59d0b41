import {
  isRecord,
  jsonLines,
  parseFailure,
  parseJsonText,
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
 * doccano sequence-labelling exports and imports:
 * - `{"text": "...", "label": [[start, end, "LABEL"], ...]}` (also `"data"` for the text, as older
 *   exports and flair write, or any custom column names: the one string field and the one list
 *   of [start, end, label] triples);
 * - `{"text": "...", "entities": [{"id", "start_offset", "end_offset", "label"}], "relations":
 *   [{"id", "from_id", "to_id", "type"}]}` (the relation export, also pretty-printed);
 * - doccano 1.x: `{"text": "...", "annotations": [{"label": <label id>, "start_offset",
 *   "end_offset", "user"}]}`. The label is doccano's numeric id: its name comes from the labels
 *   file doccano exports (a list of `{"id", "text", "prefix_key", "suffix_key",
 *   "background_color", "text_color"}`, camelCase in later versions) when it is imported
 *   alongside; otherwise the id itself is the label, for the user to map (`--map 12=actor`).
 *
 * Offset unit: doccano's annotation UI counts JavaScript string positions, i.e. UTF-16 code units
 * (doccano/doccano#2290), and writes them unchanged; so do we read them, unless the record's meta
 * says `offset_unit: "codepoint"` (Factmark's doccano export on request). doccano gives no span
 * text to check against, so records containing emoji are pointed out in a warning.
 */
const TEXT_KEYS = ['text', 'data'];
const LABEL_KEYS = ['label', 'labels'];
/** Keys of doccano records that hold no spans (or are read below). */
const KNOWN_KEYS = ['id', 'meta', 'metadata', 'annotation_approver', 'Comments', 'comments'];

const isTriple = (v: unknown): v is [unknown, unknown, string | number] =>
  Array.isArray(v) && v.length === 3 && (typeof v[2] === 'string' || typeof v[2] === 'number');

function pickText(record: Record<string, unknown>): { key: string; text: string } | null {
  for (const k of TEXT_KEYS) if (typeof record[k] === 'string') return { key: k, text: record[k] as string };
  const strings = Object.entries(record).filter(([k, v]) => typeof v === 'string' && k !== 'id');
  return strings.length === 1 ? { key: strings[0]![0], text: strings[0]![1] as string } : null;
}

function pickTriples(record: Record<string, unknown>): { key: string; triples: unknown[] } | null {
  for (const k of LABEL_KEYS) if (Array.isArray(record[k])) return { key: k, triples: record[k] as unknown[] };
  const lists = Object.entries(record).filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every(isTriple));
  return lists.length === 1 ? { key: lists[0]![0], triples: lists[0]![1] as unknown[] } : null;
}

/** doccano 1.x annotations: objects with a label and (for spans) start_offset/end_offset. */
const isV1Annotations = (v: unknown): v is Record<string, unknown>[] =>
  Array.isArray(v) && v.length > 0 && v.every((a) => isRecord(a) && 'label' in a) && v.some((a) => isRecord(a) && 'start_offset' in a);

/** True when a parsed JSON value looks like doccano records (used by format detection). */
export function looksLikeDoccano(record: unknown): boolean {
  if (!isRecord(record)) return false;
  if (Array.isArray(record.entities)) return true;
  if (isV1Annotations(record.annotations)) return true;
  if (typeof record.text !== 'string' && typeof record.data === 'string') return true;
  const triples = pickTriples(record);
  return triples !== null && triples.triples.every(isTriple);
}

/** doccano's label names by id, from its exported labels file, or null when `value` is not one. */
export function doccanoLabelNames(value: unknown): Map<string, string> | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const names = new Map<string, string>();
  for (const l of value) {
    if (!isRecord(l) || (typeof l.id !== 'number' && typeof l.id !== 'string') || typeof l.text !== 'string') return null;
    const styled = ['suffix_key', 'suffixKey', 'prefix_key', 'prefixKey', 'background_color', 'backgroundColor', 'text_color', 'textColor'].some((k) => k in l);
    if (!styled) return null;
    names.set(String(l.id), l.text);
  }
  return names;
}

export interface DoccanoLabels {
  /** The labels file's name, for messages. */
  file: string;
  names: ReadonlyMap<string, string>;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function parseDoccano(file: string, source: string, labels: DoccanoLabels | null = null): ParseResult {
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
  const unread = new UnreadFields(file);
  let astral = 0;
  let relationsUnjoined = 0;
  let notSpans = 0;
  const users = new Set<string>();
  const unnamedIds = new Set<string>();
  const unit = (meta: Record<string, unknown> | undefined): OffsetUnit => (meta?.offset_unit === 'codepoint' ? 'codepoint' : 'utf16');
  /** A label as doccano wrote it: a name, or a numeric id named through the labels file. */
  const labelOf = (raw: unknown): string | null => {
    if (typeof raw === 'string' && raw.trim() !== '' && !/^\d+$/.test(raw.trim())) return raw.trim();
    if (typeof raw !== 'number' && !(typeof raw === 'string' && /^\d+$/.test(raw.trim()))) return null;
    const id = String(raw).trim();
    const name = labels?.names.get(id);
    if (name !== undefined && name.trim() !== '') return name.trim();
    unnamedIds.add(id);
    return id;
  };
  let documents: ReturnType<DocumentCollector['finish']>['documents'];
  let warnings: string[];
  try {
    for (const { line, value } of records) {
      if (!isRecord(value)) throw new ParseStop(line, 'each record must be a JSON object.');
      const picked = pickText(value);
      if (picked === null) throw new ParseStop(line, 'the record has no text (a "text" or "data" string).');
      const { text } = picked;
      const meta = isRecord(value.meta) ? value.meta : isRecord(value.metadata) ? value.metadata : undefined;
      const u = unit(meta);
      const resolver = new SpanResolver(text);
      // The unit is a guess only when the record does not state it (Factmark's export does).
      if (resolver.hasAstral && meta?.offset_unit === undefined) astral++;
      const spans: ImportedSpan[] = [];
      const relations: ImportedRelation[] = [];
      const read = [...KNOWN_KEYS, picked.key];
      if (Array.isArray(value.entities)) {
        read.push('entities', 'relations');
        for (const [i, e] of value.entities.entries()) {
          const label = isRecord(e) ? labelOf(e.label) : null;
          if (!isRecord(e) || label === null) throw new ParseStop(line, `entity ${i + 1} has no label.`);
          const r = resolver.resolve(e.start_offset, e.end_offset, u);
          if (!r.ok) throw new ParseStop(line, `entity ${i + 1}: ${r.reason}.`);
          const id = typeof e.id === 'number' || typeof e.id === 'string' ? String(e.id) : undefined;
          spans.push({ start: r.start, end: r.end, label, origin: { format: 'doccano', file, ...(id !== undefined ? { id } : {}) }, key: id ?? `#${i}` });
        }
        const ids = new Set(spans.map((s) => s.key));
        for (const rel of Array.isArray(value.relations) ? value.relations : []) {
          const from = isRecord(rel) ? String(rel.from_id) : '';
          const to = isRecord(rel) ? String(rel.to_id) : '';
          const type = isRecord(rel) && typeof rel.type === 'string' ? rel.type.trim() : '';
          if (!ids.has(from) || !ids.has(to) || from === to || type === '') relationsUnjoined++;
          else relations.push({ type, from, to });
        }
      } else if (isV1Annotations(value.annotations)) {
        read.push('annotations');
        for (const [i, a] of value.annotations.entries()) {
          if (!('start_offset' in a) && !('end_offset' in a)) {
            // A document label (text classification) or a seq2seq text in a mixed export: not a span.
            notSpans++;
            continue;
          }
          const label = labelOf(a.label);
          if (label === null) throw new ParseStop(line, `annotation ${i + 1} has no label.`);
          const r = resolver.resolve(a.start_offset, a.end_offset, u);
          if (!r.ok) throw new ParseStop(line, `annotation ${i + 1}: ${r.reason}.`);
          if (a.user !== undefined && a.user !== null) users.add(String(a.user));
          const id = typeof a.id === 'number' || typeof a.id === 'string' ? String(a.id) : undefined;
          spans.push({ start: r.start, end: r.end, label, origin: { format: 'doccano', file, ...(id !== undefined ? { id } : {}) } });
        }
      } else {
        const found = pickTriples(value);
        if (found) read.push(found.key);
        for (const [i, t] of (found?.triples ?? []).entries()) {
          const label = isTriple(t) ? labelOf(t[2]) : null;
          if (!isTriple(t) || label === null) throw new ParseStop(line, `label ${i + 1} must be [start, end, "label"].`);
          const r = resolver.resolve(t[0], t[1], u);
          if (!r.ok) throw new ParseStop(line, `label ${i + 1}: ${r.reason}.`);
          spans.push({ start: r.start, end: r.end, label, origin: { format: 'doccano', file } });
        }
      }
      unread.check(value, read, line);
      collector.add(line, text, spans, { id: value.id, meta, relations });
    }
    ({ documents, warnings } = collector.finish());
  } catch (err) {
    if (err instanceof ParseStop) return parseFailure(file, err.line, err.reason);
    throw err;
  }
  if (unnamedIds.size > 0) {
    const ids = [...unnamedIds].sort((a, b) => Number(a) - Number(b)).join(', ');
    warnings.push(
      labels
        ? `${file}: doccano label id${plural(unnamedIds.size, '', 's')} ${ids} ${plural(unnamedIds.size, 'is', 'are')} not in ${labels.file}; kept as ${plural(unnamedIds.size, 'that id', 'those ids')}: map each onto a project label.`
        : `${file}: the labels are doccano label ids (${ids}), not names: import doccano's labels file (label_config.json, from the project's Labels page) together with it to name them, or map each id onto a project label.`,
    );
  }
  if (users.size > 1) {
    warnings.push(`${file}: the spans of ${users.size} doccano users (ids ${[...users].join(', ')}) were merged into one annotation; import each user's export separately to keep them apart.`);
  }
  if (notSpans > 0) warnings.push(`${file}: ${notSpans} annotation${plural(notSpans, ' has', 's have')} no offsets (document labels or texts, not spans); not imported.`);
  if (astral > 0) {
    warnings.push(
      `${file}: ${astral} record${plural(astral, ' contains', 's contain')} emoji or other characters outside the BMP; offsets were read as UTF-16 code units, as doccano counts them.`,
    );
  }
  if (relationsUnjoined > 0) warnings.push(`${file}: ${relationsUnjoined} relation${plural(relationsUnjoined, '', 's')} without a type or between unknown entities; not imported.`);
  warnings.push(...unread.warnings());
  return { ok: true, documents, warnings };
}
