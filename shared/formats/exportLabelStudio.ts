import type { LabelDef } from '../model/schemas';
import { offsetMapper, type ExportRecord, type ExportSettings } from './exportRecord';

/**
 * Label Studio: a JSON array of tasks, one per document (per annotator), each with an integer `id`
 * (its position in the file, as Label Studio's own exports number tasks; label-studio-converter
 * needs it), its text in `data.text` and one annotation whose results are `labels` regions
 * (`value: {start, end, text, labels: [name]}`). Label Studio's text offsets are JavaScript
 * (UTF-16) indices, the default here. Labels are written by their display names, which is what a
 * Label Studio labeling config lists (the dataset card includes a matching config).
 */
export interface LabelStudioTask {
  /** Label Studio's task id (label-studio-converter reads `task["id"]`): 1, 2, 3... within the file. */
  id: number;
  data: { text: string; doc_id: string; title: string; outlet: string | null; date: string | null };
  annotations: {
    id: number;
    completed_by: { email: string };
    was_cancelled: false;
    lead_time: null;
    created_at: string;
    updated_at: string;
    result: (
      | {
          id: string;
          from_name: 'label';
          to_name: 'text';
          type: 'labels';
          origin: 'manual';
          value: { start: number; end: number; text: string; labels: [string] };
          /** Factmark's attribute values of the span (Label Studio keeps unknown keys). */
          meta?: { attributes: Record<string, unknown> };
        }
      | { from_id: string; to_id: string; type: 'relation'; direction: 'right' | 'bi'; labels: [string] }
    )[];
  }[];
  meta: { status: string; annotator: string; split: string | null; offset_unit: string };
}

const nameOf = (labels: readonly LabelDef[], id: string) => labels.find((l) => l.id === id)?.name ?? id;

/** The task of one record; `id` is its position in the file, from 1 (the annotation has the same id). */
export function labelStudioTask(record: ExportRecord, settings: ExportSettings, id = 1): LabelStudioTask {
  const toUnit = offsetMapper(record.text, settings.unit);
  const created = record.spans.reduce((min, s) => (s.createdAt < min ? s.createdAt : min), settings.createdAt);
  const updated = record.spans.reduce((max, s) => (s.updatedAt > max ? s.updatedAt : max), created);
  return {
    id,
    data: { text: record.text, doc_id: record.meta.id, title: record.meta.title, outlet: record.meta.outlet, date: record.meta.date },
    annotations: [
      {
        id,
        completed_by: { email: record.annotator },
        was_cancelled: false,
        lead_time: null,
        created_at: created,
        updated_at: updated,
        result: [
          ...record.spans.map((s) => ({
            id: s.id.slice(0, 40),
            from_name: 'label' as const,
            to_name: 'text' as const,
            type: 'labels' as const,
            origin: 'manual' as const,
            value: { start: toUnit(s.start), end: toUnit(s.end), text: record.text.slice(s.start, s.end), labels: [nameOf(settings.labels, s.label)] as [string] },
            ...(s.attributes && Object.keys(s.attributes).length > 0 ? { meta: { attributes: s.attributes } } : {}),
          })),
          // Label Studio's relation results join two region ids (direction "right": from -> to).
          ...(record.relations ?? []).map((r) => ({
            from_id: r.from.slice(0, 40),
            to_id: r.to.slice(0, 40),
            type: 'relation' as const,
            direction: ((settings.relationTypes ?? []).find((t) => t.id === r.type)?.directed === false ? 'bi' : 'right') as 'right' | 'bi',
            labels: [r.type] as [string],
          })),
        ],
      },
    ],
    meta: { status: record.status, annotator: record.annotator, split: record.split, offset_unit: settings.unit ?? 'utf16' },
  };
}

export const labelStudioHeader = () => '[\n';
export const labelStudioItem = (task: LabelStudioTask, index: number) => `${index > 0 ? ',\n' : ''}${JSON.stringify(task)}`;
export const labelStudioFooter = (count: number) => (count > 0 ? '\n]\n' : ']\n');

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A Label Studio labeling config matching the export (from_name "label", to_name "text"). */
export function labelStudioConfig(labels: readonly LabelDef[]): string {
  return [
    '<View>',
    '  <Labels name="label" toName="text">',
    ...labels.map((l) => `    <Label value="${xmlAttr(l.name)}" background="${l.color}"/>`),
    '  </Labels>',
    '  <Text name="text" value="$text"/>',
    '</View>',
  ].join('\n');
}
