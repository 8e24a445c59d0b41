import { offsetMapper, type ExportRecord, type ExportSettings } from './exportRecord';

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
