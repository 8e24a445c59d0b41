import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import type { ImportFileResult } from '../../shared/api/views';
import { DOCUMENT_SCHEMA_VERSION, type DocumentMeta } from '../../shared/model/schemas';
import { decodeTextFile } from '../../shared/text/decodeText';
import { writeFileAtomic } from './atomicJson';
import { documentTextPath, listDocuments, writeDocumentMeta } from './projectStore';
import { sha256Hex } from './textHash';

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
 * is immutable from then on, since every stored offset points into it.
 */
export async function importDocuments(dir: string, files: readonly ImportFile[], now: Date): Promise<ImportFileResult[]> {
  const listing = await listDocuments(dir);
  const taken = new Set(listing.takenIds);
  const idBySha = new Map(listing.documents.map((d) => [d.textSha256, d.id]));
  const results: ImportFileResult[] = [];
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
    const bytes = Buffer.from(decoded.text, 'utf8');
    const textSha256 = sha256Hex(bytes);
    const existing = idBySha.get(textSha256);
    if (existing !== undefined) {
      results.push({
        name,
        ok: false,
        notices: decoded.notices,
        error: `${name} has the same text as document "${existing}", so it was not imported again.`,
      });
      continue;
    }
    const id = uniqueId(slugId(name), taken);
    const meta: DocumentMeta = {
      schemaVersion: DOCUMENT_SCHEMA_VERSION,
      id,
      title: titleFor(decoded.text, name),
      outlet: null,
      date: null,
      source: name.slice(0, 500),
      textSha256,
      length: decoded.text.length,
      importedAt: now.toISOString(),
      importNotices: decoded.notices,
    };
    try {
      // Text first: the metadata file is what makes a document exist, so a failure in between
      // leaves at most an unlisted .txt, never a listed document without its text.
      await writeFileAtomic(documentTextPath(dir, id), bytes);
      await writeDocumentMeta(dir, meta);
    } catch (err) {
      results.push({ name, ok: false, notices: decoded.notices, error: `${name} could not be saved: ${(err as Error).message}` });
      continue;
    }
    taken.add(id.toLowerCase());
    idBySha.set(textSha256, id);
    results.push({ name, ok: true, docId: id, notices: decoded.notices });
  }
  return results;
}
