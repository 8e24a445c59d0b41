import { DEFAULT_LABELS } from '../model/labels';
import type { DocStatus, Span } from '../model/schemas';
import type { ExportRecord, ExportSettings } from './exportRecord';

/** Records and settings for the adapters' unit tests. */
export const T0 = '2026-11-22T10:00:00.000Z';

export function spanAt(text: string, quote: string, label: string, id = `${label}-${quote}`, occurrence = 0): Span {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { id, start, end: start + quote.length, label, quote, createdAt: T0, updatedAt: T0 };
}

export function record(id: string, text: string, spans: Span[], extra: { status?: DocStatus; annotator?: string; outlet?: string | null; split?: ExportRecord['split'] } = {}): ExportRecord {
  return {
    meta: {
      schemaVersion: 1,
      id,
      title: `Title of ${id}`,
      outlet: extra.outlet ?? null,
      date: null,
      source: `${id}.txt`,
      textSha256: '0'.repeat(64),
      length: text.length,
      importedAt: T0,
      importNotices: [],
    },
    text,
    status: extra.status ?? 'done',
    annotator: extra.annotator ?? 'alice',
    spans,
    split: extra.split ?? null,
  };
}

export function settings(over: Partial<ExportSettings> = {}): ExportSettings {
  return {
    unit: 'codepoint',
    labels: DEFAULT_LABELS,
    projectName: 'Test project',
    factmarkVersion: '9.9.9',
    createdAt: T0,
    conllScheme: 'iob2',
    overlapPolicy: 'longest-wins',
    ...over,
  };
}
