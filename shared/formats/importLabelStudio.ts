import { isRecord, parseFailure, parseJsonText, ParseStop, SpanResolver, type ImportedSpan, type ParseResult } from './importTypes';
import { DocumentCollector } from './recordDocuments';

/**
 * Label Studio JSON export (a list of tasks, or one task):
 * `{"data": {"text": "..."}, "annotations": [{"result": [{"type": "labels", "id", "value":
 * {"start", "end", "text", "labels": [...]}}]}], "predictions": [...]}`, and the JSON-MIN export
 * (`{"text", "label": [{"start", "end", "text", "labels"}]}`).
 *
 * Offsets are JavaScript string positions (UTF-16 code units). Each result carries the text it
 * covers, which is checked; a span that only matches when counted in code points (some Label
 * Studio versions) is read that way, with a warning. A task without annotations imports its
 * predictions, with a warning; cancelled annotations are skipped, with a warning.
 */
type Counters = { predictions: number; cancelled: number; otherResults: number; multi: number };

/** True when a parsed JSON value looks like Label Studio tasks (used by format detection). */
export function looksLikeLabelStudio(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  if (!isRecord(first)) return false;
  if (isRecord(first.data) && (Array.isArray(first.annotations) || Array.isArray(first.predictions) || Array.isArray(first.completions))) {
    return true;
  }
  return typeof first.text === 'string' && Array.isArray(first.label) && first.label.every((l) => isRecord(l) && Array.isArray(l.labels));
}

function dataText(data: Record<string, unknown>, results: unknown[], line: number): string {
  const source = results.map((r) => (isRecord(r) && typeof r.to_name === 'string' ? r.to_name : null)).find((n) => n && typeof data[n] === 'string');
  if (source && typeof data[source] === 'string') return data[source] as string;
  if (typeof data.text === 'string') return data.text;
  const strings = Object.values(data).filter((v) => typeof v === 'string');
  if (strings.length === 1) return strings[0] as string;
  throw new ParseStop(line, 'the task has no text: expected data.text (or one text field in data).');
}

function resultSpans(file: string, resolver: SpanResolver, results: unknown[], taskNo: number, collector: DocumentCollector, c: Counters): ImportedSpan[] {
  const spans: ImportedSpan[] = [];
  for (const [i, r] of results.entries()) {
    const which = `task ${taskNo}, result ${i + 1}`;
    if (!isRecord(r)) throw new ParseStop(null, `${which} is not an object.`);
    if (r.type === 'hypertextlabels') {
      throw new ParseStop(null, `${which} is a HyperText (HTML) region: its offsets point into HTML, not plain text; export the project with a Text tag instead.`);
    }
    const value = isRecord(r.value) ? r.value : null;
    const labels = value && Array.isArray(value.labels) ? value.labels : null;
    if (r.type !== 'labels' && !(r.type === undefined && labels)) {
      c.otherResults++;
      continue;
    }
    if (!value || !labels || labels.length === 0) throw new ParseStop(null, `${which} has no labels.`);
    const quote = typeof value.text === 'string' ? value.text : undefined;
    const span = resolver.resolve(value.start, value.end, 'utf16', quote);
    if (!span.ok) throw new ParseStop(null, `${which}: ${span.reason}.`);
    if (span.switched) collector.noteSwitchedUnit();
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : undefined;
    for (const label of labels) {
      if (typeof label !== 'string' || label.trim() === '') throw new ParseStop(null, `${which} has a label that is not text.`);
      spans.push({ start: span.start, end: span.end, label: label.trim(), origin: { format: 'labelstudio', file, ...(id !== undefined ? { id } : {}) } });
    }
  }
  return spans;
}

export function parseLabelStudio(file: string, source: string): ParseResult {
  const parsed = parseJsonText(source.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return parseFailure(file, parsed.line, parsed.reason);
  const tasks = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (tasks.length === 0) return parseFailure(file, null, 'the file has no tasks.');
  const collector = new DocumentCollector(file);
  const c: Counters = { predictions: 0, cancelled: 0, otherResults: 0, multi: 0 };
  try {
    for (const [t, task] of tasks.entries()) {
      const taskNo = t + 1;
      if (!isRecord(task)) throw new ParseStop(null, `task ${taskNo} is not an object.`);
      // JSON-MIN export.
      if (!isRecord(task.data) && typeof task.text === 'string') {
        const resolver = new SpanResolver(task.text);
        const label = Array.isArray(task.label) ? task.label : [];
        const spans = resultSpans(file, resolver, label.map((value) => ({ type: 'labels', value })), taskNo, collector, c);
        collector.add(1, task.text, spans, { id: task.id });
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
      const text = dataText(task.data, results, 1);
      const resolver = new SpanResolver(text);
      const spans = resultSpans(file, resolver, results, taskNo, collector, c);
      collector.add(1, text, spans, { id: task.id, meta: task.meta ?? task.data });
    }
  } catch (err) {
    if (err instanceof ParseStop) return parseFailure(file, err.line, err.reason);
    throw err;
  }
  const { documents, warnings } = collector.finish();
  const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
  if (c.predictions > 0) warnings.push(`${file}: ${c.predictions} ${plural(c.predictions, 'task has', 'tasks have')} no annotations; ${plural(c.predictions, 'its', 'their')} model predictions were imported instead.`);
  if (c.cancelled > 0) warnings.push(`${file}: ${c.cancelled} cancelled ${plural(c.cancelled, 'annotation was', 'annotations were')} skipped.`);
  if (c.multi > 0) warnings.push(`${file}: ${c.multi} ${plural(c.multi, 'task has', 'tasks have')} several annotations; their spans were merged.`);
  if (c.otherResults > 0) warnings.push(`${file}: ${c.otherResults} ${plural(c.otherResults, 'result', 'results')} that ${plural(c.otherResults, 'is', 'are')} not a text span (choices, relations, text areas...) not imported.`);
  return { ok: true, documents, warnings };
}
