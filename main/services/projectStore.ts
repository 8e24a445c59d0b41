import { readdir, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ProjectProblem } from '../../shared/api/views';
import {
  ANNOTATION_SCHEMA_VERSION,
  annotationFileSchema,
  documentMetaSchema,
  projectFileSchema,
  type AnnotationFile,
  type AttributeDef,
  type DocumentMeta,
  type ProjectFile,
  type Span,
} from '../../shared/model/schemas';
import { isErrno, readdirOrEmpty, readJsonFile, readJsonFileSync, stableJson, writeFileAtomic } from './atomicJson';
import { setAsideName } from './setAside';
import { mapLimit } from './mapLimit';
import { confineToProject } from './projectFiles';

/** Where each part of a project lives (docs/project-format.md). */
export const projectFilePath = (dir: string) => join(dir, 'project.json');
export const documentsDir = (dir: string) => join(dir, 'documents');
export const documentTextPath = (dir: string, docId: string) => join(dir, 'documents', `${docId}.txt`);
export const documentMetaPath = (dir: string, docId: string) => join(dir, 'documents', `${docId}.json`);
export const annotatorDir = (dir: string, annotator: string) => join(dir, 'annotations', annotator);

/** The annotators with a folder under annotations/, sorted; none when the folder does not exist yet. */
export async function listAnnotators(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(join(dir, 'annotations'), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
}
export const annotationPath = (dir: string, annotator: string, docId: string) =>
  join(dir, 'annotations', annotator, `${docId}.json`);
export const exportsDir = (dir: string) => join(dir, 'exports');

const DOC_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** Files read synchronously between two yields to the event loop (a few ms of work). */
export const SYNC_BATCH = 64;
const SET_ASIDE = /^(.+\.json)\.invalid-\d{8}T\d{6}Z(?:-\d+)?$/;

/** Validate project.json; the error names the file and the problem so the user can fix it. */
export async function readProjectFile(dir: string): Promise<Result<ProjectFile>> {
  const file = projectFilePath(dir);
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) return fail('invalid-project', `${dir}: not a folder.`, dir);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return fail('invalid-project', `${dir}: folder not found.`, dir);
    throw err;
  }
  // From here on, this folder's files are read and written only inside it (projectFiles.ts).
  confineToProject(dir);
  const read = await readJsonFile(file, projectFileSchema);
  if (read.ok) return ok(read.value);
  if (read.reason === 'missing') {
    return fail('invalid-project', `${file}: not found; this folder is not a Factmark project.`, file);
  }
  return fail('invalid-project', `${file}: ${read.message}`, file);
}

/** One attribute definition as written: common keys first, then the type's own, in schema order. */
function attributeJson(a: AttributeDef) {
  const common = { id: a.id, name: a.name, type: a.type, required: a.required };
  switch (a.type) {
    case 'choice':
      return { ...common, options: [...a.options], ...(a.default !== undefined ? { default: a.default } : {}) };
    case 'multi':
      return { ...common, options: [...a.options], ...(a.default !== undefined ? { default: [...a.default] } : {}) };
    case 'text':
      return { ...common, ...(a.suggestions ? { suggestions: [...a.suggestions] } : {}), ...(a.default !== undefined ? { default: a.default } : {}) };
    case 'number':
    case 'boolean':
      return { ...common, ...(a.default !== undefined ? { default: a.default } : {}) };
    case 'entity':
      return common;
  }
}

export async function writeProjectFile(dir: string, project: ProjectFile): Promise<void> {
  confineToProject(dir);
  await writeFileAtomic(projectFilePath(dir), projectFileJson(project));
}

/** project.json's exact bytes (stable key order). */
export function projectFileJson(project: ProjectFile): string {
  return stableJson({
    schemaVersion: project.schemaVersion,
    name: project.name,
    labels: project.labels.map((l) => ({
      id: l.id,
      name: l.name,
      color: l.color,
      hotkeys: [...l.hotkeys],
      attributes: l.attributes.map(attributeJson),
    })),
    relationTypes: project.relationTypes.map((r) => ({ id: r.id, name: r.name, from: [...r.from], to: [...r.to], directed: r.directed })),
    settings: { snapToWords: project.settings.snapToWords, ...(project.settings.blind ? { blind: true } : {}) },
  });
}

export interface DocumentListing {
  /** Valid documents, sorted by id. */
  documents: DocumentMeta[];
  problems: ProjectProblem[];
  /** Lower-cased stems of every file in documents/, so new ids never collide (even on case-insensitive disks). */
  takenIds: Set<string>;
}

/** Every documents/<id>.json with its <id>.txt; anything broken is reported, never dropped silently. */
export async function listDocuments(dir: string, opts: { sync?: boolean } = {}): Promise<DocumentListing> {
  let names: string[];
  try {
    names = await readdir(documentsDir(dir));
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { documents: [], problems: [], takenIds: new Set() };
    throw err;
  }
  const present = new Set(names);
  const takenIds = new Set(names.map((n) => n.replace(/\.(json|txt)$/i, '').toLowerCase()));
  const metaNames = names.filter((n) => n.endsWith('.json')).sort();
  const problems: ProjectProblem[] = [];
  const documents: DocumentMeta[] = [];
  const reads: (DocumentMeta | ProjectProblem | null)[] = [];
  if (opts.sync) {
    // Synchronous reads (readJsonFileSync), yielding to the event loop every SYNC_BATCH files.
    for (const [i, name] of metaNames.entries()) {
      if (i > 0 && i % SYNC_BATCH === 0) await yieldToEventLoop();
      reads.push(await readDocumentEntry(dir, name, present, true));
    }
  } else {
    // Not reads.push(...all): spreading 200,000 entries overflows the call stack.
    for (const read of await mapLimit(metaNames, 32, (name) => readDocumentEntry(dir, name, present))) reads.push(read);
  }
  for (const read of reads) {
    if (read === null) continue;
    if ('kind' in read) problems.push(read);
    else documents.push(read);
  }
  documents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { documents, problems, takenIds };
}

/**
 * One documents/<name>.json of a listing (`present`: the names in documents/): its metadata, the
 * problem to report, or null when it was removed while listing.
 */
export async function readDocumentEntry(dir: string, name: string, present: ReadonlySet<string>, sync = false): Promise<DocumentMeta | ProjectProblem | null> {
  const file = join(documentsDir(dir), name);
  const stem = name.slice(0, -'.json'.length);
  if (!DOC_ID.test(stem)) return { kind: 'invalid-document', file, message: `${file}: the file name is not a valid document id.` };
  const read = sync ? readJsonFileSync(file, documentMetaSchema) : await readJsonFile(file, documentMetaSchema);
  if (!read.ok) {
    if (read.reason === 'missing') return null; // removed while listing
    return { kind: 'invalid-document', file, message: `${file}: ${read.message}` };
  }
  if (read.value.id !== stem) {
    return { kind: 'invalid-document', file, message: `${file}: its id "${read.value.id}" does not match the file name.` };
  }
  if (!present.has(`${stem}.txt`)) {
    const txt = documentTextPath(dir, stem);
    return { kind: 'invalid-document', file: txt, message: `${txt}: the document text is missing.` };
  }
  return read.value;
}

/** Whether a file stem is a valid document id. */
export const isDocumentId = (stem: string): boolean => DOC_ID.test(stem);

export async function readDocumentMeta(dir: string, docId: string): Promise<DocumentMeta | null> {
  const read = await readJsonFile(documentMetaPath(dir, docId), documentMetaSchema);
  return read.ok && read.value.id === docId ? read.value : null;
}

export async function writeDocumentMeta(dir: string, meta: DocumentMeta): Promise<void> {
  await writeFileAtomic(documentMetaPath(dir, meta.id), documentMetaJson(meta));
}

/** A document metadata file's exact bytes (stable key order). */
export function documentMetaJson(meta: DocumentMeta): string {
  return stableJson({
    schemaVersion: meta.schemaVersion,
    id: meta.id,
    title: meta.title,
    outlet: meta.outlet,
    date: meta.date,
    source: meta.source,
    textSha256: meta.textSha256,
    length: meta.length,
    importedAt: meta.importedAt,
    importNotices: [...meta.importNotices],
  });
}

/** Why a file was set aside, for the problem list (the file itself no longer says). */
const setAsideReasons = new Map<string, string>();

export type AnnotationRead =
  | { kind: 'none' }
  | { kind: 'ok'; annotation: AnnotationFile }
  | { kind: 'set-aside'; problem: ProjectProblem };

/**
 * The annotator's file for a document. An invalid one is renamed aside (never deleted, never
 * overwritten) and the document reads as not started, so one bad file cannot block the project.
 */
export async function readAnnotation(dir: string, annotator: string, docId: string, now: Date): Promise<AnnotationRead> {
  const file = annotationPath(dir, annotator, docId);
  const read = await readJsonFile(file, annotationFileSchema);
  if (read.ok && read.value.docId === docId) return { kind: 'ok', annotation: read.value };
  if (!read.ok && read.reason === 'missing') return { kind: 'none' };
  const reason = read.ok ? `it belongs to document "${read.value.docId}", not "${docId}"` : read.message;
  return { kind: 'set-aside', problem: await setAnnotationAside(file, reason, now) };
}

/**
 * readAnnotation with a synchronous read (readJsonFileSync), for loops over many files that
 * yield between batches; an invalid file is set aside exactly as readAnnotation does.
 */
export async function readAnnotationSync(dir: string, annotator: string, docId: string, now: Date): Promise<AnnotationRead> {
  const read = readJsonFileSync(annotationPath(dir, annotator, docId), annotationFileSchema);
  if (read.ok && read.value.docId === docId) return { kind: 'ok', annotation: read.value };
  if (!read.ok && read.reason === 'missing') return { kind: 'none' };
  return readAnnotation(dir, annotator, docId, now);
}

export async function setAnnotationAside(file: string, reason: string, now: Date): Promise<ProjectProblem> {
  const movedTo = await setAsideName(file, now);
  await rename(file, movedTo);
  const message = `${file} could not be read (${reason}); it was moved aside to ${basename(movedTo)} and the document starts empty.`;
  setAsideReasons.set(movedTo, message);
  return { kind: 'invalid-annotation', file, message, movedTo };
}

/** Files set aside in the annotator's folder, now or in earlier sessions: they stay listed until removed. */
export async function listSetAsideAnnotations(dir: string, annotator: string): Promise<ProjectProblem[]> {
  const folder = annotatorDir(dir, annotator);
  const names = await readdirOrEmpty(folder);
  const problems: ProjectProblem[] = [];
  for (const name of names.sort()) {
    const m = SET_ASIDE.exec(name);
    if (!m || !m[1]) continue;
    const file = join(folder, m[1]);
    const movedTo = join(folder, name);
    const message =
      setAsideReasons.get(movedTo) ??
      `${file} could not be read earlier and was moved aside to ${name}; inspect it, then delete it.`;
    problems.push({ kind: 'invalid-annotation', file, message, movedTo });
  }
  return problems;
}

export async function writeAnnotation(dir: string, annotation: AnnotationFile): Promise<void> {
  await writeFileAtomic(annotationPath(dir, annotation.annotator, annotation.docId), annotationJson(annotation));
}

/** One span as written (stable key order; optional fields only when present). */
function spanJson(s: Span) {
  return {
    id: s.id,
    start: s.start,
    end: s.end,
    label: s.label,
    quote: s.quote,
    ...(s.prefix !== undefined ? { prefix: s.prefix } : {}),
    ...(s.suffix !== undefined ? { suffix: s.suffix } : {}),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(s.origin
      ? {
          origin: {
            format: s.origin.format,
            file: s.origin.file,
            ...(s.origin.id !== undefined ? { id: s.origin.id } : {}),
            ...(s.origin.label !== undefined ? { label: s.origin.label } : {}),
          },
        }
      : {}),
    ...(s.provenance ? { provenance: { proposedBy: [...s.provenance.proposedBy], decidedBy: s.provenance.decidedBy, rule: s.provenance.rule } } : {}),
    // Attribute values in key order, so a file's bytes do not depend on the order they were set in.
    ...(s.attributes && Object.keys(s.attributes).length > 0
      ? { attributes: Object.fromEntries(Object.keys(s.attributes).sort().map((k) => [k, s.attributes![k]])) }
      : {}),
  };
}

/** An annotation file's exact bytes (stable key order), e.g. to know them before they are written. */
export function annotationJson(annotation: AnnotationFile): string {
  return stableJson({
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    docId: annotation.docId,
    textSha256: annotation.textSha256,
    annotator: annotation.annotator,
    status: annotation.status,
    spans: annotation.spans.map(spanJson),
    ...(annotation.orphans && annotation.orphans.length > 0 ? { orphans: annotation.orphans.map(spanJson) } : {}),
    ...(annotation.relations && annotation.relations.length > 0
      ? {
          relations: [...annotation.relations]
            .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .map((r) => ({ id: r.id, type: r.type, from: r.from, to: r.to, createdAt: r.createdAt, updatedAt: r.updatedAt })),
        }
      : {}),
    updatedAt: annotation.updatedAt,
  });
}
