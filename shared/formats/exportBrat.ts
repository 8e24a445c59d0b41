import type { LabelDef, RelationType } from '../model/schemas';
import { attributesNotWritten, relationsNotWritten, type RecordNotes } from './exportNotices';
import { labelOrder, offsetMapper, type DropCounts, type ExportRecord } from './exportRecord';

/**
 * brat standoff: per document a `<name>.txt` (the text, byte for byte) and a `<name>.ann` with
 * one `T` line per span: `T1<TAB>label start end<TAB>text`. Offsets are code points (brat reads
 * the text as a Python string). brat cannot show a text-bound annotation across a line break, so
 * a span over several lines is written as discontinuous fragments (`start end;start end`), one
 * per line, and its text as the fragments joined by one space, as brat itself does.
 */
export interface BratFiles {
  /** File name without extension (the document id, plus the annotator when several are exported). */
  name: string;
  txt: string;
  ann: string;
  /** What the .ann could not carry: spans made only of line breaks, attribute values brat has no type for, relations to such spans. */
  notes: RecordNotes;
}

function fragments(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  if (end > from) out.push([from, end]);
  return out;
}

export function bratDocument(record: ExportRecord, name: string, labels: readonly LabelDef[] = []): BratFiles {
  const toUnit = offsetMapper(record.text, 'codepoint');
  const lines: string[] = [];
  const attributeLines: string[] = [];
  const tOf = new Map<string, string>();
  const notWritten: DropCounts = {};
  const attributesWritten = new Set<string>();
  let n = 0;
  let a = 0;
  for (const span of record.spans) {
    const parts = fragments(record.text, span.start, span.end);
    if (parts.length === 0) {
      // Only line breaks: nothing brat could show; counted and reported.
      notWritten[span.label] = (notWritten[span.label] ?? 0) + 1;
      continue;
    }
    n++;
    tOf.set(span.id, `T${n}`);
    const offsets = parts.map(([s, e]) => `${toUnit(s)} ${toUnit(e)}`).join(';');
    const quote = parts.map(([s, e]) => record.text.slice(s, e)).join(' ');
    lines.push(`T${n}\t${span.label} ${offsets}\t${quote}`);
    // Attributes brat can carry: a boolean as a binary attribute (written when true), a choice as a multi-valued one.
    const defs = labels.find((l) => l.id === span.label)?.attributes ?? [];
    for (const [key, value] of Object.entries(span.attributes ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const type = defs.find((d) => d.id === key)?.type;
      // A false boolean is brat's absent binary attribute: carried without a line.
      if (type === 'boolean' && typeof value === 'boolean') {
        if (value) attributeLines.push(`A${++a}\t${key} T${n}`);
        attributesWritten.add(`${span.id}\u0000${key}`);
      } else if (type === 'choice' && typeof value === 'string' && isBratChoice(value)) {
        attributeLines.push(`A${++a}\t${key} T${n} ${value.replace(/\s+/g, '_')}`);
        attributesWritten.add(`${span.id}\u0000${key}`);
      }
    }
  }
  const relationLines: string[] = [];
  let r = 0;
  for (const rel of record.relations ?? []) {
    const head = tOf.get(rel.from);
    const child = tOf.get(rel.to);
    if (head && child) relationLines.push(`R${++r}\t${rel.type} Arg1:${head} Arg2:${child}`);
  }
  const notes: RecordNotes = {
    'spans-not-written': notWritten,
    'attributes-not-written': attributesNotWritten(
      record.spans.filter((s) => tOf.has(s.id)),
      (s, id) => attributesWritten.has(`${s.id}\u0000${id}`),
    ),
    'relations-not-written': relationsNotWritten(record.relations, (r) => tOf.has(r.from) && tOf.has(r.to)),
  };
  return { name, txt: record.text, ann: [...lines, ...attributeLines, ...relationLines].map((l) => `${l}\n`).join(''), notes };
}

/** A short choice value brat can store as an attribute value (one word once spaces become _). */
const isBratChoice = (v: string) => v.length > 0 && v.length <= 60 && !/[\t\n]/.test(v);

/** Spans a brat export writes (a span made only of line breaks has no fragment). */
export const bratWritable = (text: string, start: number, end: number) => fragments(text, start, end).length > 0;

/**
 * annotation.conf: every label as an entity type, the relation types, the choice and boolean
 * attributes, and the overlap Factmark allows. brat (and its `verify_annotations`) treat any two
 * overlapping text-bound annotations as an error unless an `<OVERLAP>` rule in [relations] allows
 * their types to nest (`contain`: Arg1's span inside Arg2's), have `equal` spans or `cross`;
 * Factmark allows all three between any labels (a claim holds its actor and number, spans may
 * cross), so one rule lists every label on both sides with `<OVL-TYPE>:<ANY>`. The labels are
 * named rather than written as `<ENTITY>`, which older brat versions do not expand in rules.
 */
export function bratAnnotationConf(labels: readonly LabelDef[], extra: Iterable<string> = [], relationTypes: readonly RelationType[] = []): string {
  const entityTypes = labelOrder(labels, extra);
  const overlap = entityTypes.length > 0 ? [`<OVERLAP>\tArg1:${entityTypes.join('|')}, Arg2:${entityTypes.join('|')}, <OVL-TYPE>:<ANY>`] : [];
  const relations = relationTypes.map((t) => `${t.id}\tArg1:${t.from.join('|')}, Arg2:${t.to.join('|')}`);
  // brat's attribute ids are global: one line per attribute id, over every label that has it.
  const attributes = new Map<string, { labels: string[]; values: Set<string> | null }>();
  for (const l of labels) {
    for (const def of l.attributes) {
      if (def.type !== 'boolean' && def.type !== 'choice') continue;
      const entry = attributes.get(def.id) ?? { labels: [], values: def.type === 'choice' ? new Set<string>() : null };
      entry.labels.push(l.id);
      if (def.type === 'choice') for (const o of def.options) entry.values?.add(o.replace(/\s+/g, '_'));
      attributes.set(def.id, entry);
    }
  }
  const attributeLines = [...attributes].map(([id, e]) => `${id}\tArg:${e.labels.join('|')}${e.values ? `, Value:${[...e.values].join('|')}` : ''}`);
  return [
    '# Entity types from the Factmark project (one per label).',
    '[entities]',
    ...entityTypes,
    '',
    '[relations]',
    '# Spans of any labels may nest, be equal or cross (Factmark allows all overlap).',
    ...overlap,
    ...relations,
    '',
    '[events]',
    '',
    '[attributes]',
    ...attributeLines,
    '',
  ].join('\n');
}

/** visual.conf: the label names and colours the annotators saw. */
export function bratVisualConf(labels: readonly LabelDef[]): string {
  return [
    '[labels]',
    ...labels.map((l) => `${l.id} | ${l.name}`),
    '',
    '[drawing]',
    ...labels.map((l) => `${l.id}\tbgColor:${l.color}`),
    '',
  ].join('\n');
}
