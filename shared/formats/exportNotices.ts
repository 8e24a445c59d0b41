import type { Relation, Span } from '../model/schemas';
import { FORMAT_INFO, type ExportFormat } from './exportOptions';
import { addCounts, type DropCounts } from './exportRecord';

/**
 * What an export could not carry, or carried with a change, counted per kind and key (label,
 * attribute id, relation type) while records are written, then said in one sentence per kind:
 * in the export report (dialog, CLI stdout) and in the dataset card. Nothing is lost silently.
 */
export type NoticeKind =
  /** Spans the format could not write at all (brat: a span made only of line breaks). */
  | 'spans-not-written'
  /** CoNLL: spans written over more characters than they hold (a boundary inside a surrogate pair). */
  | 'spans-widened'
  /** CoNLL: tokens cut at span boundaries (key "tokens"): information, nothing is lost. */
  | 'tokens-split'
  /** Attribute values the format has no place for, by attribute id. */
  | 'attributes-not-written'
  /** Relations the format has no place for, by relation type. */
  | 'relations-not-written'
  /** doccano: spans its importer drops unless the project allows overlapping spans, by label. */
  | 'overlap-needs-setting';

export type RecordNotes = Partial<Record<NoticeKind, DropCounts>>;

export interface ExportNotice {
  kind: NoticeKind;
  total: number;
  byKey: Record<string, number>;
  /** One sentence a user can read, with the counts. */
  message: string;
}

export function addNotes(into: RecordNotes, more: RecordNotes | undefined): void {
  for (const [kind, counts] of Object.entries(more ?? {}) as [NoticeKind, DropCounts][]) addCounts((into[kind] ??= {}), counts);
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Attribute values present on spans, by attribute id, that `kept` says the format does not write. */
export function attributesNotWritten(spans: readonly Span[], kept: (span: Span, id: string, value: unknown) => boolean = () => false): DropCounts {
  const out: DropCounts = {};
  for (const s of spans) {
    for (const [id, value] of Object.entries(s.attributes ?? {})) {
      if (hasValue(value) && !kept(s, id, value)) out[id] = (out[id] ?? 0) + 1;
    }
  }
  return out;
}

/** Relations by type that `kept` says the format does not write. */
export function relationsNotWritten(relations: readonly Relation[] | undefined, kept: (r: Relation) => boolean = () => false): DropCounts {
  const out: DropCounts = {};
  for (const r of relations ?? []) if (!kept(r)) out[r.type] = (out[r.type] ?? 0) + 1;
  return out;
}

const total = (c: DropCounts) => Object.values(c).reduce((a, b) => a + b, 0);
const list = (c: DropCounts) =>
  Object.entries(c)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function sentence(format: ExportFormat, kind: NoticeKind, c: DropCounts): string {
  const title = FORMAT_INFO[format].title;
  const n = total(c);
  switch (kind) {
    case 'spans-not-written':
      return `${title}: ${plural(n, 'span was', 'spans were')} not written (made only of line breaks, which brat cannot show): ${list(c)}.`;
    case 'spans-widened':
      return `${title}: ${plural(n, 'span is', 'spans are')} written over whole tokens wider than the span (a span boundary inside a surrogate pair cannot become a token boundary): ${list(c)}.`;
    case 'tokens-split':
      return `${title}: ${plural(n, 'token was', 'tokens were')} cut at span boundaries so that every span is written over exactly its own characters (e.g. "UN" tagged inside "UNHCR").`;
    case 'attributes-not-written':
      return `${title}: ${plural(n, 'attribute value is', 'attribute values are')} not in the file (the format has no place for them; export JSONL to keep them): ${list(c)}.`;
    case 'relations-not-written':
      return `${title}: ${plural(n, 'relation is', 'relations are')} not in the file (the format has no place for them; export JSONL, brat or Label Studio to keep them): ${list(c)}.`;
    case 'overlap-needs-setting':
      return `${title}: ${plural(n, 'span overlaps', 'spans overlap')} an earlier span; doccano's importer keeps them only in a project with “Allow overlapping entity” on, and otherwise drops them: ${list(c)}.`;
  }
}

const ORDER: NoticeKind[] = ['spans-not-written', 'spans-widened', 'attributes-not-written', 'relations-not-written', 'overlap-needs-setting', 'tokens-split'];

/** The notices of a whole export, in a fixed order, leaving out kinds with nothing to say. */
export function buildNotices(format: ExportFormat, notes: RecordNotes): ExportNotice[] {
  return ORDER.filter((kind) => total(notes[kind] ?? {}) > 0).map((kind) => {
    const byKey = notes[kind] as DropCounts;
    return { kind, total: total(byKey), byKey, message: sentence(format, kind, byKey) };
  });
}
