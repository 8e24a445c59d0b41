import { looksLikeDoccano, parseDoccano } from './importDoccano';
import { parseBrat } from './importBrat';
import { parseJsonl } from './importJsonl';
import { looksLikeLabelStudio, parseLabelStudio } from './importLabelStudio';
import { isRecord, parseFailure, type ParseResult } from './importTypes';
import { looksLikeW3c, parseW3c } from './importW3c';

/**
 * Which files of an import belong together and in which format: a brat `.ann` goes with the
 * `.txt` of the same name, a W3C annotation file with the `.txt` of the same name, everything else
 * stands alone. `auto` decides from the extension and, for JSON, from the content.
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
  kind: GroupKind | 'unsupported';
  /** How the group is named to the user: "a.txt", or "a.txt + a.ann". */
  label: string;
  main: ImportInputFile;
  /** The text of a brat or W3C annotation file. */
  text?: ImportInputFile;
}

const ext = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const stemKey = (name: string) => name.replace(/\.[^./\\]+$/, '');
const TEXT_EXT = new Set(['txt', 'md', 'markdown']);
const HTML_EXT = new Set(['html', 'htm']);
const JSONL_EXT = new Set(['jsonl', 'ndjson']);

/** Extensions an import looks at (folders are searched for these). */
export const IMPORTABLE_EXTENSIONS = ['txt', 'md', 'markdown', 'html', 'htm', 'jsonl', 'ndjson', 'json', 'ann'];

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');

function sniffJson(file: ImportInputFile): GroupKind | 'unsupported' {
  let value: unknown;
  try {
    value = JSON.parse(utf8(file.bytes));
  } catch {
    // Let the W3C parser report where the JSON breaks: .json annotation files are its domain.
    return 'w3c';
  }
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
  const byStem = new Map<string, ImportInputFile>();
  for (const f of files) if (TEXT_EXT.has(ext(f.name)) && ext(f.name) === 'txt') byStem.set(stemKey(f.name), f);
  const used = new Set<ImportInputFile>();
  const planned: { file: ImportInputFile; kind: GroupKind | 'unsupported' }[] = [];
  for (const f of files) {
    const e = ext(f.name);
    let kind: GroupKind | 'unsupported';
    if (format === 'text' || format === 'html') kind = format;
    else if (format !== 'auto') kind = e === 'txt' && (format === 'brat' || format === 'w3c') ? 'text' : format;
    else if (e === 'ann') kind = 'brat';
    else if (TEXT_EXT.has(e)) kind = 'text';
    else if (HTML_EXT.has(e)) kind = 'html';
    else if (JSONL_EXT.has(e)) kind = sniffJsonl(f);
    else if (e === 'json') kind = sniffJson(f);
    else kind = 'unsupported';
    planned.push({ file: f, kind });
  }
  const groups: ImportGroup[] = [];
  for (const { file, kind } of planned) {
    if (kind === 'brat' || kind === 'w3c') {
      const text = byStem.get(stemKey(file.name));
      if (text && !used.has(text)) used.add(text);
      groups.push({ kind, label: text ? `${text.name} + ${file.name}` : file.name, main: file, ...(text ? { text } : {}) });
    }
  }
  for (const { file, kind } of planned) {
    if (kind === 'brat' || kind === 'w3c' || used.has(file)) continue;
    groups.push({ kind, label: file.name, main: file });
  }
  // Keep the order the user gave.
  const position = new Map(files.map((f, i) => [f, i]));
  const first = (g: ImportGroup) => Math.min(position.get(g.main) ?? 0, g.text ? (position.get(g.text) ?? 0) : Infinity);
  return groups.sort((a, b) => first(a) - first(b));
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
    case 'doccano':
      return parseDoccano(main.name, s);
    case 'labelstudio':
      return parseLabelStudio(main.name, s);
    case 'w3c': {
      const parsed = parseW3c(main.name, s, text ? { name: text.name, bytes: text.bytes } : null);
      if (parsed.ok && !text) {
        const txt = `${main.name.replace(/\.[^./\\]+$/, '')}.txt`;
        return parseFailure(main.name, null, `W3C annotations point at a text Factmark does not have: import ${txt} together with it.`);
      }
      return parsed;
    }
    case 'unsupported':
      return parseFailure(main.name, null, 'not a format Factmark imports (text, Markdown, HTML, JSONL, brat, Label Studio, doccano or W3C annotations).');
    default:
      return parseFailure(main.name, null, `${group.kind} files are read by the document importer.`);
  }
}
