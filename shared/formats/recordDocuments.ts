import {
  dedupeSpans,
  fileStem,
  metaString,
  normaliseLineEndings,
  ParseStop,
  type ImportedDocument,
  type ImportedRelation,
  type ImportedSpan,
} from './importTypes';

/**
 * Shared by the record-based formats (JSONL, doccano, Label Studio): turns (text, spans in UTF-16
 * into that text) into documents, merging records that carry the same text (Prodigy and Label
 * Studio files often annotate one text several times) and normalising line endings to LF with
 * the offsets moved along. A record whose text is only whitespace is skipped with a warning naming
 * its line (one blank record must not refuse a whole file); if it carries spans, the file is
 * refused, since they would point at nothing.
 */
export class DocumentCollector {
  private readonly byText = new Map<string, ImportedDocument>();
  private readonly documents: ImportedDocument[] = [];
  private merged = 0;
  private repeated = 0;
  private switched = 0;
  private records = 0;
  private readonly blankLines: number[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly file: string) {}

  /** Note that a span's offsets only matched its quoted text in the other unit. */
  noteSwitchedUnit(): void {
    this.switched++;
  }

  add(
    line: number,
    rawText: string,
    spans: ImportedSpan[],
    info: { id?: unknown; meta?: unknown; notices?: string[]; relations?: ImportedRelation[] },
  ): void {
    if (rawText.trim() === '') {
      if (spans.length > 0) throw new ParseStop(line, `the text is empty (only whitespace), yet the record has ${spans.length} span${spans.length === 1 ? '' : 's'}.`);
      this.blankLines.push(line);
      return;
    }
    // Keys are unique within a record; records merged into one document must not mix them up.
    const record = `r${++this.records}:`;
    const norm = normaliseLineEndings(rawText);
    const moved = spans.map((s) => {
      const m: ImportedSpan = { ...s, start: norm.map(s.start), end: norm.map(s.end) };
      if (s.key !== undefined) m.key = record + s.key;
      return m;
    });
    const relations = (info.relations ?? []).map((r) => ({ ...r, from: record + r.from, to: record + r.to }));
    const existing = this.byText.get(norm.text);
    if (existing) {
      this.merged++;
      const all = dedupeSpans([...existing.spans, ...moved], [...(existing.relations ?? []), ...relations]);
      this.repeated += all.dropped;
      existing.spans = all.spans;
      if (all.relations.length > 0) existing.relations = all.relations;
      return;
    }
    const meta = info.meta && typeof info.meta === 'object' && !Array.isArray(info.meta) ? (info.meta as Record<string, unknown>) : {};
    const id = metaString(info.id, 100) ?? metaString(meta.id, 100);
    const deduped = dedupeSpans(moved, relations);
    this.repeated += deduped.dropped;
    const notices = [...(info.notices ?? [])];
    if (norm.changed > 0) notices.push(`Converted ${norm.changed} CRLF/CR line endings to LF (offsets moved along).`);
    const doc: ImportedDocument = {
      name: id !== undefined ? `${fileStem(this.file)}-${id}` : `${fileStem(this.file)}-${this.documents.length + 1}`,
      text: norm.text,
      line,
      spans: deduped.spans,
      ...(deduped.relations.length > 0 ? { relations: deduped.relations } : {}),
      notices,
    };
    const title = metaString(meta.title, 500);
    const outlet = metaString(meta.outlet ?? meta.source ?? meta.section, 200);
    const date = metaString(meta.date ?? meta.published, 40);
    if (title !== undefined) doc.title = title;
    if (outlet !== undefined) doc.outlet = outlet;
    if (date !== undefined) doc.date = date;
    this.byText.set(norm.text, doc);
    this.documents.push(doc);
  }

  finish(): { documents: ImportedDocument[]; warnings: string[] } {
    const w = [...this.warnings];
    if (this.blankLines.length > 0) {
      const n = this.blankLines.length;
      const lines = this.blankLines.slice(0, 20).join(', ') + (n > 20 ? `, … (${n - 20} more)` : '');
      w.push(`${this.file}: ${n} record${n === 1 ? '' : 's'} with no text (only whitespace) skipped: line${n === 1 ? '' : 's'} ${lines}.`);
    }
    if (this.documents.length === 0) throw new ParseStop(null, 'no record has any text.');
    if (this.merged > 0) {
      w.push(`${this.file}: ${this.merged} record${this.merged === 1 ? '' : 's'} repeated an earlier text; their spans were merged into that document.`);
    }
    if (this.repeated > 0) {
      w.push(`${this.file}: ${this.repeated} span${this.repeated === 1 ? '' : 's'} repeating another (same range and label) kept once.`);
    }
    if (this.switched > 0) {
      w.push(
        `${this.file}: ${this.switched} span${this.switched === 1 ? '' : 's'} matched ${this.switched === 1 ? 'its' : 'their'} quoted text only when counted in the other offset unit, and ${this.switched === 1 ? 'was' : 'were'} read that way.`,
      );
    }
    return { documents: this.documents, warnings: w };
  }
}
