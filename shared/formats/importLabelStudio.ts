import { isRecord, parseFailure, parseJsonText, ParseStop, SpanResolver, type ImportedRelation, type ImportedSpan, type OffsetUnit, type ParseResult } from './importTypes';
import { DocumentCollector } from './recordDocuments';
import { UnreadFields } from './unreadFields';

/**
 * Label Studio JSON export (a list of tasks, or one task):
 * `{"data": {"text": "..."}, "annotations": [{"result": [{"type": "labels", "id", "value":
 * {"start", "end", "text", "labels": [...]}}]}], "predictions": [...]}`, and the JSON-MIN export
 * (`{"text", "label": [{"start", "end", "text", "labels"}]}`).
 *
 * Offsets are JavaScript string positions (UTF-16 code units; code points when the task's
 * `meta.offset_unit` says so, as Factmark's export on request). Each result carries the text it
 * covers, which is checked; a span that only matches when counted in code points (some Label
 * Studio versions) is read that way, with a warning. A task without annotations imports its
 * predictions, with a warning; cancelled annotations are skipped, with a warning.
 *
 * Besides spans: `relation` results (`from_id`, `to_id`, `direction`, `labels`) become relations;
 * a region's attributes are its result's `meta.attributes` (Factmark's export) and Label Studio's
 * per-region results (a `choices`, `textarea`, `number` or `rating` result with the region's `id`,
 * its `from_name` being the attribute). A task whose text is a link (remote text Label Studio
 * loads from a URL) is refused: Factmark is offline and never fetches it.
 */
type Counters = { predictions: number; cancelled: number; otherResults: number; multi: number; unjoined: number; untyped: number };

const TASK_KEYS = ['data', 'annotations', 'completions', 'predictions', 'id', 'meta', 'text', 'label'];
/** A text that is only a link: Label Studio loads such tasks' text from the URL. */
const REMOTE_TEXT = /^(?:(?:https?|s3|gs|ftp|azure-blob):\/\/|\/data\/(?:upload|local-files)\/)\S*$/i;

/** True when a parsed JSON value looks like Label Studio tasks (used by format detection). */
export function looksLikeLabelStudio(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (!isRecord(first)) return false;
  if (isRecord(first.data) && (Array.isArray(first.annotations) || Array.isArray(first.predictions) || Array.isArray(first.completions))) {
    return true;
  }
  return typeof first.text === 'string' && Array.isArray(first.label) && first.label.every((l) => isRecord(l) && Array.isArray(l.labels));
}

function dataText(data: Record<string, unknown>, results: unknown[], line: number): { key: string; text: string } {
  const source = results.map((r) => (isRecord(r) && typeof r.to_name === 'string' ? r.to_name : null)).find((n) => n && typeof data[n] === 'string');
  if (source && typeof data[source] === 'string') return { key: source, text: data[source] as string };
  if (typeof data.text === 'string') return { key: 'text', text: data.text };
  const strings = Object.entries(data).filter(([, v]) => typeof v === 'string');
  if (strings.length === 1) return { key: strings[0]![0], text: strings[0]![1] as string };
  throw new ParseStop(line, 'the task has no text: expected data.text (or one text field in data).');
}

/** The value of a per-region result (choices, text area, number, rating), or undefined. */
function regionValue(value: Record<string, unknown>): unknown {
  for (const k of ['choices', 'text', 'number', 'rating']) {
    const v = value[k];
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 1 && k !== 'choices') return v[0];
    return v;
  }
  return undefined;
}

function resultSpans(
  file: string,
  resolver: SpanResolver,
  unit: OffsetUnit,
  results: unknown[],
  taskNo: number,
  collector: DocumentCollector,
  c: Counters,
): { spans: ImportedSpan[]; relations: ImportedRelation[] } {
  const spans: ImportedSpan[] = [];
  const regions = new Map<string, ImportedSpan>();
  const others: Record<string, unknown>[] = [];
  for (const [i, r] of results.entries()) {
    const which = `task ${taskNo}, result ${i + 1}`;
    if (!isRecord(r)) throw new ParseStop(null, `${which} is not an object.`);
    if (r.type === 'hypertextlabels') {
      throw new ParseStop(null, `${which} is a HyperText (HTML) region: its offsets point into HTML, not plain text; export the project with a Text tag instead.`);
    }
    const value = isRecord(r.value) ? r.value : null;
    const labels = value && Array.isArray(value.labels) ? value.labels : null;
    if (r.type !== 'labels' && !(r.type === undefined && labels)) {
      others.push(r);
      continue;
    }
    if (!value || !labels || labels.length === 0) throw new ParseStop(null, `${which} has no labels.`);
    const quote = typeof value.text === 'string' ? value.text : undefined;
    const span = resolver.resolve(value.start, value.end, unit, quote);
    if (!span.ok) throw new ParseStop(null, `${which}: ${span.reason}.`);
    if (span.switched) collector.noteSwitchedUnit();
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : undefined;
    const attributes = isRecord(r.meta) && isRecord(r.meta.attributes) ? { ...r.meta.attributes } : undefined;
    for (const [n, label] of labels.entries()) {
      if (typeof label !== 'string' || label.trim() === '') throw new ParseStop(null, `${which} has a label that is not text.`);
      const made: ImportedSpan = {
        start: span.start,
        end: span.end,
        label: label.trim(),
        origin: { format: 'labelstudio', file, ...(id !== undefined ? { id } : {}) },
        key: n === 0 ? (id ?? `#${i}`) : `${id ?? `#${i}`}#${n}`,
        ...(attributes ? { attributes: { ...attributes } } : {}),
      };
      spans.push(made);
      if (n === 0 && id !== undefined) regions.set(id, made);
    }
  }
  const relations: ImportedRelation[] = [];
  for (const r of others) {
    if (r.type === 'relation') {
      const type = Array.isArray(r.labels) && typeof r.labels[0] === 'string' && r.labels[0].trim() !== '' ? r.labels[0].trim() : null;
      const from = String(r.from_id);
      const to = String(r.to_id);
      if (type === null) c.untyped++;
      else if (!regions.has(from) || !regions.has(to) || from === to) c.unjoined++;
      else relations.push(r.direction === 'left' ? { type, from: to, to: from } : { type, from, to });
      continue;
    }
    // A per-region result: an attribute of the region with the same id.
    const region = typeof r.id === 'string' || typeof r.id === 'number' ? regions.get(String(r.id)) : undefined;
    const value = isRecord(r.value) ? regionValue(r.value) : undefined;
    if (region && typeof r.from_name === 'string' && value !== undefined) {
      region.attributes = { ...region.attributes, [r.from_name]: value };
      for (const s of spans) if (s !== region && s.key?.startsWith(`${region.key}#`)) s.attributes = { ...s.attributes, [r.from_name]: value };
      continue;
    }
    c.otherResults++;
  }
  return { spans, relations };
}

function refuseRemote(text: string, taskNo: number, key: string): void {
  if (!REMOTE_TEXT.test(text.trim())) return;
  const link = text.trim().length > 80 ? `${text.trim().slice(0, 77)}…` : text.trim();
  throw new ParseStop(
    null,
    `task ${taskNo}: data.${key} is a link (${link}), not the text itself; Label Studio loads such text from the web, but Factmark works offline and never fetches it. Fetch the text and import it (as .txt files, or as tasks whose data.${key} holds the text).`,
  );
}

export function parseLabelStudio(file: string, source: string): ParseResult {
  const parsed = parseJsonText(source.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return parseFailure(file, parsed.line, parsed.reason);
  const tasks = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (tasks.length === 0) return parseFailure(file, null, 'the file has no tasks.');
  const collector = new DocumentCollector(file);
  const unread = new UnreadFields(file, 'task');
  const c: Counters = { predictions: 0, cancelled: 0, otherResults: 0, multi: 0, unjoined: 0, untyped: 0 };
  let documents: ReturnType<DocumentCollector['finish']>['documents'];
  let warnings: string[];
  try {
    for (const [t, task] of tasks.entries()) {
      const taskNo = t + 1;
      if (!isRecord(task)) throw new ParseStop(null, `task ${taskNo} is not an object.`);
      unread.check(task, TASK_KEYS, taskNo);
      // JSON-MIN export.
      if (!isRecord(task.data) && typeof task.text === 'string') {
        refuseRemote(task.text, taskNo, 'text');
        const resolver = new SpanResolver(task.text);
        const label = Array.isArray(task.label) ? task.label : [];
        const made = resultSpans(file, resolver, 'utf16', label.map((value) => ({ type: 'labels', value })), taskNo, collector, c);
        collector.add(1, task.text, made.spans, { id: task.id, relations: made.relations });
        continue;
      }
      if (!isRecord(task.data)) throw new ParseStop(null, `task ${taskNo} has no "data" object.`);
      const annotations = (Array.isArray(task.annotations) ? task.annotations : Array.isArray(task.completions) ? task.completions : []).filter(isRecord);
      const live = annotations.filter((a) => a.was_cancelled !== true);
      c.cancelled += annotations.length - live.length;
      let sets: unknown[][] = live.map((a) => (Array.isArray(a.result) ? a.result : []));
      if (live.length === 0 && Array.isArray(task.predictions) && task.predictions.length > 0) {
        c.predictions++;
        sets = task.predictions.filter(isRecord).map((p) => (Array.isArray(p.result) ? p.result : []));
      }
      if (sets.length > 1) c.multi++;
      const results = sets.flat();
      const { key, text } = dataText(task.data, results, 1);
      refuseRemote(text, taskNo, key);
      const resolver = new SpanResolver(text);
      // Factmark's export says its unit in the task's meta (code points on request); Label Studio's own is UTF-16.
      const unit: OffsetUnit = isRecord(task.meta) && task.meta.offset_unit === 'codepoint' ? 'codepoint' : 'utf16';
      const made = resultSpans(file, resolver, unit, results, taskNo, collector, c);
      collector.add(1, text, made.spans, { id: task.id, meta: task.meta ?? task.data, relations: made.relations });
    }
    ({ documents, warnings } = collector.finish());
  } catch (err) {
    if (err instanceof ParseStop) return parseFailure(file, err.line, err.reason);
    throw err;
  }
  const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
  if (c.predictions > 0) warnings.push(`${file}: ${c.predictions} ${plural(c.predictions, 'task has', 'tasks have')} no annotations; ${plural(c.predictions, 'its', 'their')} model predictions were imported instead.`);
  if (c.cancelled > 0) warnings.push(`${file}: ${c.cancelled} cancelled ${plural(c.cancelled, 'annotation was', 'annotations were')} skipped.`);
  if (c.multi > 0) warnings.push(`${file}: ${c.multi} ${plural(c.multi, 'task has', 'tasks have')} several annotations; their spans were merged.`);
  if (c.otherResults > 0) warnings.push(`${file}: ${c.otherResults} ${plural(c.otherResults, 'result', 'results')} that ${plural(c.otherResults, 'is', 'are')} not a text span (choices, text areas...) not imported.`);
  if (c.untyped > 0) warnings.push(`${file}: ${c.untyped} ${plural(c.untyped, 'relation has', 'relations have')} no label (relation type); not imported.`);
  if (c.unjoined > 0) warnings.push(`${file}: ${c.unjoined} ${plural(c.unjoined, 'relation joins', 'relations join')} regions that are not text spans of the task; not imported.`);
  warnings.push(...unread.warnings());
  return { ok: true, documents, warnings };
}
