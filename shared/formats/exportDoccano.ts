import { attributesNotWritten, relationsNotWritten, type RecordNotes } from './exportNotices';
import { offsetMapper, type DropCounts, type ExportRecord, type ExportSettings } from './exportRecord';

/**
 * doccano sequence-labelling JSONL: one document per line, `{"text", "label": [[start, end,
 * label]]}` with end exclusive, plus Factmark's metadata. doccano's annotation front end counts
 * offsets in JavaScript UTF-16 units (doccano/doccano#2290), the default here, as the importer
 * reads them; code points on request.
 */
export function doccanoLine(record: ExportRecord, settings: ExportSettings): string {
  const toUnit = offsetMapper(record.text, settings.unit);
  return JSON.stringify({
    id: record.meta.id,
    text: record.text,
    label: record.spans.map((s) => [toUnit(s.start), toUnit(s.end), s.label]),
    meta: {
      title: record.meta.title,
      outlet: record.meta.outlet,
      date: record.meta.date,
      status: record.status,
      annotator: record.annotator,
      split: record.split,
      offset_unit: settings.unit,
    },
  });
}

/**
 * What doccano's sequence-labelling JSONL leaves out (attributes, relations), and the spans its
 * importer drops unless the project has “Allow overlapping entity” on: doccano's SpanCleaner
 * (backend/data_import/pipeline/cleaners.py) sorts a record's spans by start offset (a stable
 * sort, so the order written here breaks ties) and keeps a span only if it starts at or after
 * the end of the last span kept.
 */
export function doccanoNotes(record: ExportRecord): RecordNotes {
  const overlap: DropCounts = {};
  let lastEnd = -1;
  for (const s of [...record.spans].sort((a, b) => a.start - b.start)) {
    if (s.start >= lastEnd) lastEnd = s.end;
    else overlap[s.label] = (overlap[s.label] ?? 0) + 1;
  }
  return {
    'attributes-not-written': attributesNotWritten(record.spans),
    'relations-not-written': relationsNotWritten(record.relations),
    'overlap-needs-setting': overlap,
  };
}
