import { countByLabel } from '../annotation/operations';
import type { LabelDef } from '../model/schemas';
import { bratAnnotationConf, bratDocument, bratWritable, type BratFiles } from './exportBrat';
import { conllColumns, conllDocument } from './exportConll';
import { CSV_COLUMNS, csvHeader, csvNotes, csvRows } from './exportCsv';
import { doccanoLine, doccanoNotes } from './exportDoccano';
import { documentLine } from './exportJsonl';
import { labelStudioConfig, labelStudioFooter, labelStudioHeader, labelStudioItem, labelStudioTask } from './exportLabelStudio';
import { attributesNotWritten, relationsNotWritten, type RecordNotes } from './exportNotices';
import type { ExportFormat, OverlapPolicy } from './exportOptions';
import type { DropCounts, ExportRecord, ExportSettings } from './exportRecord';
import { w3cAnnotations, w3cFooter, w3cHeader, w3cItems } from './exportW3c';

/**
 * One adapter per file format: pure functions from a record (or a file's start / end) to text,
 * so a project is streamed one document at a time. `items` counts what the footer needs to
 * close the file (array elements written so far).
 */
export interface RecordOutput {
  text: string;
  items: number;
  /** Spans written, per label. */
  spans: DropCounts;
  /** Token formats: spans each overlap policy drops. */
  dropped?: Record<OverlapPolicy, DropCounts>;
  /** What the format could not carry (or carried with a change), for the report and the card. */
  notes?: RecordNotes;
}

export interface FileAdapter {
  /** `part`: the split this file holds (train, dev, test), null for a whole export. */
  header(settings: ExportSettings, part?: string | null): string;
  record(record: ExportRecord, settings: ExportSettings, itemsBefore: number): RecordOutput;
  footer(settings: ExportSettings, items: number): string;
  /** The first record as a person reads it (pretty-printed where the format is JSON). */
  preview(record: ExportRecord, settings: ExportSettings): string;
}

const all = (record: ExportRecord) => countByLabel(record.spans);
const pretty = (line: string) => JSON.stringify(JSON.parse(line), null, 2);

export const FILE_ADAPTERS: Record<Exclude<ExportFormat, 'brat'>, FileAdapter> = {
  jsonl: {
    header: () => '',
    record: (r, s) => ({ text: `${documentLine(r, s.unit ?? 'codepoint')}\n`, items: 1, spans: all(r) }),
    footer: () => '',
    preview: (r, s) => pretty(documentLine(r, s.unit ?? 'codepoint')),
  },
  doccano: {
    header: () => '',
    record: (r, s) => ({ text: `${doccanoLine(r, s)}\n`, items: 1, spans: all(r), notes: doccanoNotes(r) }),
    footer: () => '',
    preview: (r, s) => pretty(doccanoLine(r, s)),
  },
  labelstudio: {
    header: () => labelStudioHeader(),
    record: (r, s, before) => ({ text: labelStudioItem(labelStudioTask(r, s, before + 1), before), items: 1, spans: all(r) }),
    footer: (_s, items) => labelStudioFooter(items),
    preview: (r, s) => JSON.stringify(labelStudioTask(r, s, 1), null, 2),
  },
  w3c: {
    header: (s, part = null) => w3cHeader(s, `${s.projectName} (Factmark export${part ? `, ${part}` : ''})`, part),
    record: (r, s, before) => {
      const annotations = w3cAnnotations(r, s);
      // Attributes travel as describing bodies; the Web Annotation model has no span-to-span relation.
      return { text: w3cItems(annotations, before), items: annotations.length, spans: all(r), notes: { 'relations-not-written': relationsNotWritten(r.relations) } };
    },
    footer: (_s, items) => w3cFooter(items),
    preview: (r, s) => {
      const [first] = w3cAnnotations(r, s);
      return first ? JSON.stringify(first, null, 2) : `(document "${r.meta.id}" has no spans, so no annotation)`;
    },
  },
  conll: {
    header: () => '',
    record: (r, s) => {
      const doc = conllDocument(r, s);
      const notes: RecordNotes = {
        'spans-widened': doc.widened,
        'tokens-split': doc.splitTokens > 0 ? { tokens: doc.splitTokens } : {},
        'attributes-not-written': attributesNotWritten(r.spans),
        'relations-not-written': relationsNotWritten(r.relations),
      };
      return { text: doc.text, items: 1, spans: doc.kept, dropped: doc.dropped, notes };
    },
    footer: () => '',
    preview: (r, s) => {
      // The exporter cuts long previews; the columns line is not part of the file (CoNLL has no header).
      return `(columns: ${conllColumns(s, r.spans.map((x) => x.label)).join(' ')})\n${conllDocument(r, s).text}`;
    },
  },
  csv: {
    header: () => csvHeader(),
    record: (r, s) => ({ text: csvRows(r, s), items: r.spans.length, spans: all(r), notes: csvNotes(r) }),
    footer: () => '',
    preview: (r, s) => `${CSV_COLUMNS.join(',')}\r\n${csvRows(r, s)}`,
  },
};

export const BRAT_ADAPTER = {
  record(record: ExportRecord, name: string, labels: readonly LabelDef[] = []): { files: BratFiles; spans: DropCounts; notes: RecordNotes } {
    const writable = record.spans.filter((s) => bratWritable(record.text, s.start, s.end));
    const files = bratDocument(record, name, labels);
    return { files, spans: countByLabel(writable), notes: files.notes };
  },
  annotationConf: bratAnnotationConf,
  preview(record: ExportRecord, name: string, labels: readonly LabelDef[] = []): string {
    const files = bratDocument(record, name, labels);
    return `${name}.ann\n${files.ann || '(no spans)\n'}`;
  },
};

/** The schema section of the dataset card, per format. */
export function formatSchema(format: ExportFormat, settings: ExportSettings, extraLabels: Iterable<string> = []): string {
  switch (format) {
    case 'jsonl':
      return 'One JSON object per line: `{"id", "text", "spans": [{"start", "end", "label", "text", "attributes"?}], "relations"?: [{"head", "child", "label", "head_span", "child_span"}], "meta": {"title", "outlet", "date", "status", "annotator", "source", "offset_unit"}}`. `text` of a span is the document text between its offsets; `attributes` (when the span has any) maps attribute ids to values (strings, lists of strings, numbers, booleans; an Actor\'s `entity` is an id from the project\'s entities.json). `relations` (when the document has any), as in Prodigy: `head` and `child` are indexes into `spans` (head = the relation\'s source, e.g. the claim of `attributed_to`; child = its target, the actor), `label` the relation type id, `head_span`/`child_span` the two spans\' offsets and labels.';
    case 'doccano':
      return 'doccano sequence labelling: one JSON object per line, `{"id", "text", "label": [[start, end, label_id]], "meta": {…, "offset_unit"}}`, end exclusive. Import it into a doccano Sequence Labeling project created with **Allow overlapping entity** checked: otherwise doccano\'s importer keeps, of spans that overlap (a claim and the actor inside it), only the first by start offset and drops the others ("This project cannot allow label overlapping. It\'s cleaned."); the notes below count them. Attributes and relations are not in this format.';
    case 'labelstudio':
      return `A JSON array of Label Studio tasks: an integer \`id\` (1, 2, 3… in file order; the annotation has the same id), \`data.text\` and one annotation per task whose \`result\` items are \`{"type": "labels", "from_name": "label", "to_name": "text", "value": {"start", "end", "text", "labels": [name]}}\` (with \`meta.attributes\` when the span has attributes), then one \`{"type": "relation", "from_id", "to_id", "direction", "labels": [relation type id]}\` per relation. Import with this labeling config:\n\n\`\`\`xml\n${labelStudioConfig(settings.labels)}\n\`\`\``;
    case 'w3c':
      return 'One W3C Web Annotation `AnnotationCollection` (JSON-LD, context `http://www.w3.org/ns/anno.jsonld`) with an `id` (one per file), whose single `AnnotationPage` `first` (its own `id`, `partOf` the collection, `startIndex` 0) holds in `items` one `Annotation` per span: `motivation: tagging`, `body` a `TextualBody` whose value is the label id (for a span with attributes, `body` is a list: that tagging body, then one `TextualBody` with `purpose: describing` per attribute, value `id: value`), `target.source` the document (`urn:factmark:project:…:document:<id>`), and two selectors: `TextQuoteSelector` (`exact`, `prefix`, `suffix`, up to 32 characters each) and `TextPositionSelector` (`start`, `end` in code points). `creator`, `created` and `modified` come from the span. Relations are not part of the Web Annotation model and are not written.';
    case 'conll':
      return `One token per line, columns separated by one space: ${conllColumns(settings, extraLabels).map((c) => `\`${c}\``).join(' ')}. Tags are ${settings.conllScheme === 'bioes' ? 'BIOES (`B-`, `I-`, `E-`, single-token `S-`)' : 'IOB2 (`B-` starts every chunk, `I-` continues it)'} plus \`O\`. A blank line ends a sentence; every document starts with a \`-DOCSTART-\` line (with \`O\` tags, so every line has the same number of columns, as conlleval wants). Tokens and sentences: Factmark's token layer (the tokens word snapping snaps to: wink-nlp's English lite model; every Unicode whitespace or control character separates and never appears in a token; a possessive \`'s\` and a hyphen between letters are tokens of their own; abbreviations keep their period), then every token that a span starts or ends inside is cut there, so each span is written over exactly its characters. A line break also ends a sentence, and a sentence boundary inside a chunk is removed. Attributes and relations are not in this format. Overlap policy: \`${settings.overlapPolicy}\`.`;
    case 'csv':
      return `CSV (UTF-8 with byte-order mark, CRLF, RFC 4180 quoting), one row per span, columns: ${CSV_COLUMNS.map((c) => `\`${c}\``).join(', ')}. \`sentence\` is the sentence(s) holding the span; \`claim_status\` is a Claim's status, \`claimant\` the text of the Actor(s) it is attributed to (joined by \`; \`), \`value\`, \`approx\`, \`value_max\` and \`unit\` a Number's value (empty for other labels); \`start\`/\`end\` are offsets into the document text; \`document_status\` is the document's status (todo, in_progress, done). Cells a spreadsheet would run as a formula start with an apostrophe.`;
    case 'brat':
      return 'brat standoff: per document `<id>.txt` (the text) and `<id>.ann` with `T` lines (`T1<TAB>label start end<TAB>text`; a span across line breaks is written as fragments `s e;s e`, their texts joined by one space). `A` lines carry choice attributes (`A1<TAB>status T1 disputed`, spaces in values as `_`) and true booleans (`A2<TAB>hedged T1`); `R` lines the relations (`R1<TAB>attributed_to Arg1:T1 Arg2:T2`, Arg1 the source). `annotation.conf` lists the labels as entity types, an `<OVERLAP>` rule that lets spans of any labels nest, be equal or cross (so brat and its `verify_annotations` accept nested claims, actors and numbers), the relation types and those attributes; `visual.conf` their names and colours. Attribute values brat has no type for (numbers, free text, entities, several choices) are not written. Offsets are code points.';
  }
}
