import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fail, ok, type Result } from '../../shared/api/result';
import { ALL_ANNOTATORS, type ExportOptions, type SplitName } from '../../shared/formats/exportOptions';
import type { ExportRecord } from '../../shared/formats/exportRecord';
import { sortSpans } from '../../shared/annotation/operations';
import type { AnnotationFile, DocStatus, DocumentMeta, ProjectFile } from '../../shared/model/schemas';
import { filterBlind } from './syncBlind';
import { defaultExportAnnotator } from './curationGoldDefault';
import { SYNC_BATCH, documentTextPath, listAnnotators, listDocuments, readAnnotationSync, type AnnotationRead } from './projectStore';
import { sha256Hex } from './textHash';
import { readProjectFileOrThrowSync } from './projectFiles';

/**
 * Which (document, annotator) pairs an export holds, and reading their records one at a time:
 * in one pass (selectAndLoad) or, when the whole selection must be known first (splits, brat's
 * file names), in two (selectRecords, then loadSelected). Moved from projectExporter.ts.
 */

export interface ExportRequest {
  dir: string;
  project: ProjectFile;
  /** The current annotator (used when options.annotator is absent). */
  annotator: string;
  options: ExportOptions;
  version: string;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

function scopeStatuses(scope: ExportOptions['scope']): Set<DocStatus> {
  if (Array.isArray(scope)) return new Set(scope);
  if (scope === 'all') return new Set(['todo', 'in_progress', 'done']);
  return new Set([scope]);
}

export const describeScope = (scope: ExportOptions['scope']) =>
  Array.isArray(scope) ? `documents with status ${scope.join(', ')}` : scope === 'all' ? 'all documents' : `documents with status ${scope}`;

export interface Selected {
  meta: DocumentMeta;
  annotator: string;
  status: DocStatus;
}

export interface Candidate {
  meta: DocumentMeta;
  who: string;
}

/** Every (document, annotator) pair an export may hold, in document order. */
export async function listCandidates(req: ExportRequest): Promise<{ documents: number; pairs: Candidate[]; everyone: boolean; statuses: Set<DocStatus> }> {
  const everyone = req.options.annotator === ALL_ANNOTATORS;
  const annotators = everyone ? await listAnnotators(req.dir) : [req.options.annotator ?? (await defaultExportAnnotator(req.dir, req.annotator))];
  const { documents } = await listDocuments(req.dir, { sync: true });
  const all = documents.flatMap((meta) => annotators.map((who) => ({ meta, who })));
  // Blind mode (syncBlind.ts): others' annotations only of documents the reader has marked done.
  const { kept: pairs } = await filterBlind(req.dir, req.project, req.annotator, all, req.now, (p) => ({ docId: p.meta.id, annotator: p.who }));
  return { documents: documents.length, pairs, everyone, statuses: scopeStatuses(req.options.scope) };
}

/** Why an export holds nothing, as the user reads it. */
export function nothingToExport(req: ExportRequest, documents: number, everyone: boolean): Result<never> {
  const scope = req.options.scope;
  if (documents === 0) return fail('invalid-input', 'The project has no documents to export; import some first.');
  if (scope === 'done') return fail('invalid-input', "No documents are marked done; choose 'all' to export everything.");
  return fail('invalid-input', `No ${describeScope(scope)} to export${everyone ? ' (by any annotator)' : ''}; choose another scope.`);
}

/** A pair's status as the export's scope sees it; null: this annotator has no record of it (everyone's work). */
function statusFor(read: AnnotationRead, everyone: boolean): DocStatus | null {
  // Everyone's work: an annotator who never opened the document has no record of it.
  if (everyone && read.kind !== 'ok') return null;
  return read.kind === 'ok' ? read.annotation.status : 'todo';
}

/**
 * First pass (exports with splits, or brat's folder): which (document, annotator) pairs the
 * export holds. Only statuses are kept; spans and texts are read again, one document at a time,
 * when writing.
 */
export async function selectRecords(req: ExportRequest): Promise<Result<{ selected: Selected[]; annotators: string[] }>> {
  const { documents, pairs, everyone, statuses } = await listCandidates(req);
  const selected: Selected[] = [];
  for (const [i, { meta, who }] of pairs.entries()) {
    if (i > 0 && i % SYNC_BATCH === 0) await yieldToEventLoop();
    const status = statusFor(await readAnnotationSync(req.dir, who, meta.id, req.now), everyone);
    if (status !== null && statuses.has(status)) selected.push({ meta, annotator: who, status });
  }
  if (selected.length === 0) return nothingToExport(req, documents, everyone);
  return ok({ selected, annotators: [...new Set(selected.map((s) => s.annotator))] });
}

/** The record of an annotation as read; null when its text changed under its annotations. */
function recordOf(sel: Selected, annotation: AnnotationFile | null, text: { text: string; sha256: string }, split: SplitName | null): ExportRecord | null {
  if (annotation && annotation.textSha256 !== text.sha256) return null;
  return {
    meta: sel.meta,
    text: text.text,
    status: annotation?.status ?? 'todo',
    annotator: sel.annotator,
    spans: sortSpans(annotation?.spans ?? []),
    relations: annotation?.relations ?? [],
    split,
  };
}

/** A document text and its hash, read synchronously (one small file; callers yield between batches). */
function readTextSync(dir: string, docId: string): { text: string; sha256: string } {
  const file = documentTextPath(dir, docId);
  const bytes = readProjectFileOrThrowSync(file, 'text');
  if (bytes === null) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT', syscall: 'open', path: file });
  return { text: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
}

/** Read one selected record in full; null when its text changed under its annotations. */
export async function loadRecord(req: ExportRequest, sel: Selected, split: SplitName | null): Promise<ExportRecord | null> {
  const read = await readAnnotationSync(req.dir, sel.annotator, sel.meta.id, req.now);
  return recordOf(sel, read.kind === 'ok' ? read.annotation : null, readTextSync(req.dir, sel.meta.id), split);
}

/** A selected pair, its record (null: its text changed) and how many pairs were looked at so far. */
export interface Loaded {
  sel: Selected;
  record: ExportRecord | null;
  position: number;
}

/**
 * One pass (file formats without splits): each pair's annotation file is read once, for its
 * status and, when the scope selects it, for its record. Yields the selected pairs in order.
 */
export async function* selectAndLoad(req: ExportRequest, candidates: Candidate[], everyone: boolean, statuses: Set<DocStatus>): AsyncGenerator<Loaded> {
  for (const [i, { meta, who }] of candidates.entries()) {
    if (i > 0 && i % SYNC_BATCH === 0) await yieldToEventLoop();
    const read = await readAnnotationSync(req.dir, who, meta.id, req.now);
    const status = statusFor(read, everyone);
    if (status === null || !statuses.has(status)) continue;
    const sel: Selected = { meta, annotator: who, status };
    yield { sel, record: recordOf(sel, read.kind === 'ok' ? read.annotation : null, readTextSync(req.dir, meta.id), null), position: i + 1 };
  }
}

/** Two passes: the records of pairs selected before, read in order. */
export async function* loadSelected(req: ExportRequest, selected: Selected[], splitOf: Map<string, SplitName> | null): AsyncGenerator<Loaded> {
  for (const [i, sel] of selected.entries()) {
    if (i > 0 && i % SYNC_BATCH === 0) await yieldToEventLoop();
    yield { sel, record: await loadRecord(req, sel, splitOf?.get(sel.meta.id) ?? null), position: i + 1 };
  }
}
