import { doccanoLabelNames, looksLikeDoccano, parseDoccano } from './importDoccano';
import { parseBrat } from './importBrat';
import { parseJsonl } from './importJsonl';
import { looksLikeLabelStudio, parseLabelStudio } from './importLabelStudio';
import { isRecord, parseFailure, type ParseResult } from './importTypes';
import { looksLikeW3c, parseW3c, sourceStem, w3cTargetSources } from './importW3c';

/**
 * Which files of an import belong together and in which format: a brat `.ann` goes with the
 * `.txt` of the same name, a W3C annotation file with the `.txt` files its targets name (or the
 * one of its own name), a doccano file with doccano's labels file when one comes along, everything
 * else stands alone. `auto` decides from the extension and, for JSON, from the content.
 *
 * Files that describe an export rather than hold documents are set aside with a note, never
 * imported as documents: dataset cards (`README.md`, `<file>.README.md`) next to annotation files
 * or written by Factmark, brat's `annotation.conf`/`visual.conf`, the JSONL export's
 * `.meta.json`, and a doccano labels file no doccano file needs.
 */
export const IMPORT_FORMATS = ['auto', 'text', 'html', 'jsonl', 'brat', 'labelstudio', 'doccano', 'w3c'] as const;
export type ImportFormatChoice = (typeof IMPORT_FORMATS)[number];
export type GroupKind = Exclude<ImportFormatChoice, 'auto'>;

export interface ImportInputFile {
  /** As given: a file name, or a path relative to an imported folder. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportGroup {
  kind: GroupKind | 'unsupported' | 'ignored';
  /** How the group is named to the user: "a.txt", or "a.txt + a.ann". */
  label: string;
  main: ImportInputFile;
  /** The text of a brat annotation file; the (first) text of a W3C one. */
  text?: ImportInputFile;
  /** Every text a W3C annotation file anchors to. */
  texts?: ImportInputFile[];
  /** doccano's labels file (label ids -> names), for a doccano file. */
  labels?: ImportInputFile;
  /** Why an ignored file is not imported. */
  note?: string;
}

const ext = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const stemKey = (name: string) => name.replace(/\.[^./\\]+$/, '');
const TEXT_EXT = new Set(['txt', 'md', 'markdown']);
const HTML_EXT = new Set(['html', 'htm']);
const JSONL_EXT = new Set(['jsonl', 'ndjson']);

/** Extensions an import looks at (folders are searched for these). */
export const IMPORTABLE_EXTENSIONS = ['txt', 'md', 'markdown', 'html', 'htm', 'jsonl', 'ndjson', 'json', 'jsonld', 'ann'];

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;
const BRAT_CONFIGS = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);
const CARD_NAME = /(^|\.)readme\.md$/i;
/** A dataset card Factmark wrote says so in its first lines. */
const isFactmarkCard = (file: ImportInputFile) => /^Exported by Factmark /m.test(utf8(file.bytes.subarray(0, 4096)));
const tryJson = (file: ImportInputFile): unknown => {
  try {
    return JSON.parse(utf8(file.bytes));
  } catch {
    return undefined;
  }
};

/** Why a file is not a document or annotations of its own, or null. */
function ignoredBecause(file: ImportInputFile, withAnnotations: boolean): string | null {
  const base = baseName(file.name);
  if (BRAT_CONFIGS.has(base.toLowerCase())) return "brat's configuration (types and colours), not a document.";
  if (CARD_NAME.test(base) && (withAnnotations || isFactmarkCard(file))) return 'the dataset card (README) of an export, not a document; import it on its own to add it as a document.';
  if (/\.meta\.json$/i.test(base)) {
    const value = tryJson(file);
    if (isRecord(value) && value.format === 'factmark-jsonl') return "the description of a Factmark JSONL export (offset unit, labels); each line of the .jsonl says its offset unit itself.";
  }
  return null;
}

function sniffJson(file: ImportInputFile): GroupKind | 'unsupported' | 'doccano-labels' {
  let value: unknown;
  try {
    value = JSON.parse(utf8(file.bytes));
  } catch {
    // Let the W3C parser report where the JSON breaks: .json annotation files are its domain.
    return 'w3c';
  }
  if (doccanoLabelNames(value) !== null) return 'doccano-labels';
  if (looksLikeLabelStudio(value)) return 'labelstudio';
  if (looksLikeW3c(value)) return 'w3c';
  if (looksLikeDoccano(Array.isArray(value) ? value[0] : value)) return 'doccano';
  return 'unsupported';
}

function sniffJsonl(file: ImportInputFile): GroupKind {
  const first = utf8(file.bytes)
    .split(/\r?\n/)
    .find((l) => l.trim() !== '');
  let value: unknown;
  try {
    value = first === undefined ? null : JSON.parse(first);
  } catch {
    // A pretty-printed doccano export is not JSON Lines: try it as one JSON value.
    try {
      value = JSON.parse(utf8(file.bytes));
      if (looksLikeDoccano(Array.isArray(value) ? value[0] : value)) return 'doccano';
    } catch {
      // Not one JSON value either: the JSONL parser names the line.
    }
    return 'jsonl';
  }
  if (isRecord(value) && (Array.isArray(value.spans) || typeof value.text === 'string') && !looksLikeDoccano(value)) return 'jsonl';
  if (looksLikeDoccano(value)) return 'doccano';
  return 'jsonl';
}

export function groupImportFiles(files: readonly ImportInputFile[], format: ImportFormatChoice = 'auto'): ImportGroup[] {
  const txts = files.filter((f) => ext(f.name) === 'txt');
  const byStem = new Map<string, ImportInputFile>();
  for (const f of txts) byStem.set(stemKey(f.name), f);
  const withAnnotations = files.some((f) => ['ann', 'jsonl', 'ndjson', 'json', 'jsonld'].includes(ext(f.name)));
  const used = new Set<ImportInputFile>();
  const planned: { file: ImportInputFile; kind: GroupKind | 'unsupported' | 'ignored' | 'doccano-labels'; note?: string }[] = [];
  for (const f of files) {
    const e = ext(f.name);
    const note = format === 'text' || format === 'html' ? null : ignoredBecause(f, withAnnotations);
    let kind: GroupKind | 'unsupported' | 'ignored' | 'doccano-labels';
    if (note !== null) kind = 'ignored';
    else if (format === 'text' || format === 'html') kind = format;
    else if (format === 'doccano' && e === 'json' && doccanoLabelNames(tryJson(f)) !== null) kind = 'doccano-labels';
    else if (format !== 'auto') kind = e === 'txt' && (format === 'brat' || format === 'w3c') ? 'text' : format;
    else if (e === 'ann') kind = 'brat';
    else if (TEXT_EXT.has(e)) kind = 'text';
    else if (HTML_EXT.has(e)) kind = 'html';
    else if (JSONL_EXT.has(e)) kind = sniffJsonl(f);
    else if (e === 'json' || e === 'jsonld') kind = sniffJson(f);
    else kind = 'unsupported';
    planned.push({ file: f, kind, ...(note !== null ? { note } : {}) });
  }
  const labelFiles = planned.filter((p) => p.kind === 'doccano-labels').map((p) => p.file);
  const hasDoccano = planned.some((p) => p.kind === 'doccano');
  const groups: ImportGroup[] = [];
  for (const { file, kind } of planned) {
    if (kind === 'brat') {
      const text = byStem.get(stemKey(file.name));
      if (text && !used.has(text)) used.add(text);
      groups.push({ kind, label: text ? `${text.name} + ${file.name}` : file.name, main: file, ...(text ? { text } : {}) });
    } else if (kind === 'w3c') {
      // The texts its targets name (Factmark's export: one per document), else the one of its own name.
      const stems = new Set(w3cTargetSources(tryJson(file)).map(sourceStem));
      let texts = txts.filter((t) => !used.has(t) && stems.has(stemKey(baseName(t.name))));
      if (texts.length === 0) {
        const own = byStem.get(stemKey(file.name));
        texts = own && !used.has(own) ? [own] : [];
      }
      texts.forEach((t) => used.add(t));
      const label =
        texts.length === 0
          ? file.name
          : texts.length <= 3
            ? `${texts.map((t) => t.name).join(' + ')} + ${file.name}`
            : `${file.name} + ${texts.length} texts (${texts[0]!.name}, …)`;
      groups.push({ kind, label, main: file, ...(texts.length > 0 ? { text: texts[0], texts } : {}) });
    }
  }
  for (const { file, kind, note } of planned) {
    if (kind === 'brat' || kind === 'w3c' || used.has(file)) continue;
    if (kind === 'doccano-labels') {
      // Read with the doccano files; said once, on its own, only when nothing uses it.
      if (hasDoccano && file === labelFiles[0]) continue;
      const why = hasDoccano ? `a second doccano labels file; ${labelFiles[0]!.name} names the label ids.` : "doccano's labels file (label ids and names); no doccano file with label ids came with it.";
      groups.push({ kind: 'ignored', label: file.name, main: file, note: why });
      continue;
    }
    if (kind === 'doccano' && labelFiles[0]) {
      groups.push({ kind, label: `${file.name} + ${labelFiles[0].name}`, main: file, labels: labelFiles[0] });
      continue;
    }
    groups.push({ kind, label: file.name, main: file, ...(note !== undefined ? { note } : {}) });
  }
  // Keep the order the user gave.
  const position = new Map(files.map((f, i) => [f, i]));
  const first = (g: ImportGroup) => Math.min(position.get(g.main) ?? 0, ...(g.texts ?? (g.text ? [g.text] : [])).map((t) => position.get(t) ?? Infinity));
  return groups.sort((a, b) => first(a) - first(b));
}

/** Why a file is not imported, naming what Factmark's own non-importable exports lack. */
function unsupportedReason(name: string): string {
  const e = ext(name);
  if (e === 'conll' || e === 'iob' || e === 'bio' || e === 'conllu') {
    return "a CoNLL file holds tokens and tags, not the article's text (its spacing and line breaks are gone), so Factmark cannot rebuild the document the spans belong to. Import the JSONL, brat or Label Studio export instead.";
  }
  if (e === 'csv' || e === 'tsv') {
    return "a CSV review sheet holds each span's quote and sentence, not the documents' texts, so Factmark cannot rebuild the documents. Import the JSONL, brat or Label Studio export instead.";
  }
  return 'not a format Factmark imports (text, Markdown, HTML, JSONL, brat, Label Studio, doccano or W3C annotations).';
}

/** Parse an annotation group (not text or HTML, which the importer reads itself). */
export function parseAnnotationGroup(group: ImportGroup): ParseResult {
  const { main, text } = group;
  const source = () => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(main.bytes);
    } catch {
      return null;
    }
  };
  if (group.kind === 'brat') {
    const txt = `${main.name.replace(/\.[^./\\]+$/, '')}.txt`;
    if (!text) return parseFailure(main.name, null, `a brat .ann file needs its text next to it: ${txt} was not among the files.`);
    return parseBrat(text.name, text.bytes, main.name, main.bytes);
  }
  const s = source();
  if (s === null) return parseFailure(main.name, null, 'not UTF-8 text.');
  switch (group.kind) {
    case 'jsonl':
      return parseJsonl(main.name, s);
    case 'doccano': {
      const names = group.labels ? doccanoLabelNames(tryJson(group.labels)) : null;
      return parseDoccano(main.name, s, names && group.labels ? { file: group.labels.name, names } : null);
    }
    case 'labelstudio':
      return parseLabelStudio(main.name, s);
    case 'w3c': {
      const texts = group.texts ?? (text ? [text] : []);
      const parsed = parseW3c(main.name, s, texts.length > 0 ? texts.map((t) => ({ name: t.name, bytes: t.bytes })) : null);
      if (parsed.ok && texts.length === 0 && w3cTargetSources(tryJson(main)).length > 0) {
        const txt = `${main.name.replace(/\.[^./\\]+$/, '')}.txt`;
        return parseFailure(main.name, null, `W3C annotations point at a text Factmark does not have: import ${txt} together with it.`);
      }
      return parsed;
    }
    case 'unsupported':
      return parseFailure(main.name, null, unsupportedReason(main.name));
    case 'ignored':
      return { ok: true, documents: [], warnings: [`${main.name}: ${group.note ?? 'not a document.'}`] };
    default:
      return parseFailure(main.name, null, `${group.kind} files are read by the document importer.`);
  }
}
