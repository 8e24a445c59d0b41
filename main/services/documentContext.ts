import { fail, ok, type Result } from '../../shared/api/result';
import type { AnnotationFile, DocumentMeta, ProjectFile } from '../../shared/model/schemas';
import { NEED_ANNOTATOR } from './annotatorContext';
import { isErrno } from './atomicJson';
import { readProjectBytes } from './projectFiles';
import { annotationPath, documentTextPath, readAnnotation, readDocumentMeta } from './projectStore';
import type { ServiceCore } from './serviceCore';
import { readTextFile, sha256Hex } from './textHash';

/** What finding a document needs from the service (serviceCore.ts). */
export type DocumentContextHost = Pick<ServiceCore, 'annotator' | 'currentProject' | 'now'>;

/** What document operations work on: the project, the annotator, the text and the annotator's file as read now. */
export interface DocumentContext {
  who: string;
  dir: string;
  project: ProjectFile;
  meta: DocumentMeta;
  textFile: string;
  text: string;
  sha256: string;
  /** The annotator's file, validated; null when missing or set aside. */
  stored: AnnotationFile | null;
  file: string;
  /** The bytes of `stored` as read (null when there is no valid file). */
  raw: string | null;
  /** The revision of the bytes that were validated (null: no valid file, e.g. just set aside). */
  revision: string | null;
}

/** An annotation file's bytes as text; null when missing or not readable as one (readAnnotation then says why). */
async function readRaw(file: string): Promise<string | null> {
  const read = await readProjectBytes(file, 'json');
  return read.ok ? read.bytes.toString('utf8') : null;
}

/** What document operations need: a project, an annotator and the document itself. */
export async function documentContext(host: DocumentContextHost, docId: string): Promise<Result<DocumentContext>> {
  const who = await host.annotator();
  if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
  const current = await host.currentProject();
  if (!current.ok) return current;
  const { dir, project } = current.value;
  const meta = await readDocumentMeta(dir, docId);
  if (!meta) return fail('not-found', `Document "${docId}" is not in this project.`);
  const textFile = documentTextPath(dir, docId);
  let text: { text: string; sha256: string };
  try {
    text = await readTextFile(textFile);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return fail('not-found', `${textFile}: the document text is missing.`, textFile);
    throw err;
  }
  const file = annotationPath(dir, who, docId);
  const raw = await readRaw(file);
  const read = await readAnnotation(dir, who, docId, host.now());
  const stored = read.kind === 'ok' ? read.annotation : null;
  // The revision of the bytes that were validated (null: no valid file, e.g. just set aside).
  const revision = stored && raw !== null ? sha256Hex(raw) : null;
  return ok({ who, dir, project, meta, textFile, ...text, stored, file, raw: stored ? raw : null, revision });
}

/**
 * Spans may keep labels that were removed from project.json after they were made: refusing
 * them would make the whole document unsaveable.
 */
export const allowedLabels = (project: ProjectFile, stored: AnnotationFile | null) => [
  ...new Set([...project.labels.map((l) => l.id), ...(stored?.spans.map((s) => s.label) ?? [])]),
];
