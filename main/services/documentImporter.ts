import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import type { ImportFileResult } from '../../shared/api/views';
import type { ImportedDocument } from '../../shared/formats/importTypes';
import { decodeTextFile } from '../../shared/text/decodeText';
import { ImportWriter } from './importCommit';
import { baseName, slugId, titleFor } from './documentNaming';

export interface ImportFile {
  /** The name the user picked; only its last path component is used. */
  name: string;
  bytes: Uint8Array;
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
