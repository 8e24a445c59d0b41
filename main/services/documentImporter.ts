import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import type { ImportFileResult } from '../../shared/api/views';
import type { ImportedDocument } from '../../shared/formats/importTypes';
import { decodeTextFile } from '../../shared/text/decodeText';
import { ImportWriter } from './importCommit';

export interface ImportFile {
  /** The name the user picked; only its last path component is used. */
  name: string;
  bytes: Uint8Array;
}

const MAX_TITLE_CODE_POINTS = 200;
const MAX_ID_BASE_LENGTH = 100;

/** The file name without any folder part (browsers and OSes use either separator). */
export const baseName = (name: string) => name.split(/[\\/]/).pop() || name;

/** A document id from a file name: its stem with everything outside [A-Za-z0-9_-] turned into '-'. */
export function slugId(fileName: string): string {
  const stem = baseName(fileName).replace(/\.[^.]*$/, '');
  const slug = stem
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_ID_BASE_LENGTH)
    .replace(/-+$/, '');
  return slug || 'document';
}

/** `base`, else base-2, base-3, ... (compared case-insensitively: macOS and Windows disks are). */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

const isMarkdown = (name: string) => /\.(md|markdown)$/i.test(name);

/** The first markdown '# ' heading of a .md file, else the first non-empty line, at most 200 characters. */
export function titleFor(text: string, fileName: string): string {
  const heading = isMarkdown(fileName) ? /^#[ \t]+(.*\S)/m.exec(text)?.[1] : undefined;
  const line = heading ?? text.split('\n').find((l) => l.trim() !== '') ?? '';
  const codePoints = Array.from(line.trim());
  return codePoints.length > MAX_TITLE_CODE_POINTS
    ? `${codePoints.slice(0, MAX_TITLE_CODE_POINTS - 1).join('').trimEnd()}…`
    : codePoints.join('');
}

const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Import text files into a project: each file on its own (one refused file never stops the
 * others), with the reason for every refusal. The text is stored normalised (UTF-8, LF) and
 * is immutable from then on, since every stored offset points into it. Written through the
 * project's journal (importCommit.ts): a document is all there or not at all, even after a crash.
 */
export async function importDocuments(dir: string, files: readonly ImportFile[], now: Date): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  const writer = await ImportWriter.open({ dir, annotator: null, now });
  try {
    for (const file of files) {
      const name = baseName(file.name);
      if (file.bytes.length > MAX_IMPORT_BYTES) {
        results.push({
          name,
          ok: false,
          notices: [],
          error: `${name} is ${megabytes(file.bytes.length)}; the largest file Factmark imports is ${megabytes(MAX_IMPORT_BYTES)}.`,
        });
        continue;
      }
      const decoded = decodeTextFile(file.bytes, name);
      if (!decoded.ok) {
        results.push({ name, ok: false, notices: [], error: decoded.message });
        continue;
      }
      const doc: ImportedDocument = { name: slugId(name), text: decoded.text, title: titleFor(decoded.text, name), line: 1, spans: [], notices: decoded.notices };
      const check = await writer.check(name, name, [doc]);
      if (check.kind !== 'new') {
        const existing = check.kind === 'already' ? check.docIds[0] : check.existingId;
        const what = existing ? `document "${existing}"` : 'another file of this import';
        results.push({ name, ok: false, notices: decoded.notices, error: `${name} has the same text as ${what}, so it was not imported again.` });
        continue;
      }
      const written = await writer.write({ label: name, file: name, kind: 'text', documents: [doc], shas: check.shas, annotations: () => ({ spans: [], relations: [] }) });
      if (!written.ok) {
        results.push({ name, ok: false, notices: decoded.notices, error: `${name} ${written.reason}` });
        continue;
      }
      results.push({ name, ok: true, docId: written.docIds[0] as string, notices: decoded.notices });
    }
    await writer.finish();
  } catch (err) {
    await writer.abandon();
    throw err;
  }
  return results;
}
