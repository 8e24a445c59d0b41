import { statSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { z } from 'zod';
import type { DocumentSummary, ProjectProblem } from '../../shared/api/views';
import { countByLabel } from '../../shared/annotation/operations';
import { linkedEntities } from '../../shared/annotation/entities';
import { docStatusSchema, type ProjectFile } from '../../shared/model/schemas';
import { isErrno, readdirOrEmpty, stableJson, writeFileAtomic } from './atomicJson';
import { ensureLocalStateIgnored, localStateDir } from './localState';
import {
  annotationPath,
  annotatorDir,
  documentMetaPath,
  documentsDir,
  documentTextPath,
  isDocumentId,
  readAnnotationSync,
  readDocumentEntry,
  SYNC_BATCH,
} from './projectStore';
import { sha256Hex } from './textHash';
import { readProjectBytes, readProjectBytesSync } from './projectFiles';

/**
 * The summary index: `<project>/.factmark/index/<annotator>.json` holds, per document, what the
 * document list shows (title, outlet, status, span counts per label, linked entities, the text's
 * hash) together with the size and modification time of the three files it was read from. A
 * listing then stats the files (cheap) instead of reading and validating 2 JSON files per
 * document, and reads in full only the documents whose files changed. It is a cache, never the
 * store of record: a missing, unreadable or invalid index is rebuilt from the project's files,
 * and a failed write only means the next listing reads more.
 */
export const SUMMARY_INDEX_VERSION = 1;

/** Documents stat'ed between two yields to the event loop (a few ms of synchronous work). */
const STAT_BATCH = 500;
/**
 * A file modified less than this before it was read is not trusted from the index: a second
 * change within the file system's timestamp resolution could keep its mtime and size.
 */
export const RACY_MS = 2000;

const NO_ANNOTATOR = '_no-annotator';

export const summaryIndexPath = (dir: string, annotator: string | null) =>
  join(localStateDir(dir), 'index', `${annotator ?? NO_ANNOTATOR}.json`);

const stampSchema = z.object({ mtimeMs: z.number(), size: z.number() });
type Stamp = z.infer<typeof stampSchema>;

const entrySchema = z.object({
  id: z.string(),
  meta: stampSchema,
  text: stampSchema,
  /** Absent file: null (the document reads as not started). */
  annotation: stampSchema.nullable(),
  title: z.string(),
  outlet: z.string().nullable(),
  date: z.string().nullable(),
  length: z.number(),
  status: docStatusSchema,
  counts: z.record(z.string(), z.number()),
  entities: z.array(z.string()),
  /** SHA-256 of the text file as it is, and the one the annotations were made against (null: none). */
  textSha256: z.string(),
  annotatedSha256: z.string().nullable(),
});
type Entry = z.infer<typeof entrySchema>;

const indexSchema = z.object({
  schemaVersion: z.literal(SUMMARY_INDEX_VERSION),
  annotator: z.string().nullable(),
  /** Which label attributes link entities: the entities of each entry depend on it. */
  entityKey: z.string(),
  entries: z.array(entrySchema),
});

/** The labels' entity attributes, as a key: a change invalidates every entry's `entities`. */
function entityKeyOf(project: ProjectFile): string {
  return project.labels
    .map((l) => `${l.id}:${l.attributes.filter((a) => a.type === 'entity').map((a) => a.id).join(',')}`)
    .join('|');
}

function stampOf(file: string): Stamp | null {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? { mtimeMs: st.mtimeMs, size: st.size } : null;
}

/** SHA-256 of a text file; null when it is gone; why it cannot be read (projectFiles.ts) otherwise. */
function hashTextSync(file: string): string | null | { problem: string } {
  const read = readProjectBytesSync(file, 'text');
  if (read.ok) return sha256Hex(read.bytes);
  return read.reason === 'missing' ? null : { problem: read.message };
}

const sameStamp = (a: Stamp | null, b: Stamp | null) =>
  a === null || b === null ? a === b : a.mtimeMs === b.mtimeMs && a.size === b.size;

/** The entries of a valid index for this annotator and these labels; empty otherwise. */
async function readIndex(file: string, annotator: string | null, entityKey: string): Promise<Map<string, Entry>> {
  let raw: string;
  try {
    const read = await readProjectBytes(file, 'json');
    if (!read.ok) return new Map();
    raw = read.bytes.toString('utf8');
  } catch (err) {
    if (isErrno(err, 'EACCES')) return new Map();
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return new Map();
  }
  const parsed = indexSchema.safeParse(data);
  if (!parsed.success || parsed.data.annotator !== annotator || parsed.data.entityKey !== entityKey) return new Map();
  return new Map(parsed.data.entries.map((e) => [e.id, e]));
}

export interface SummaryListing {
  /** Valid documents, sorted by id. */
  documents: DocumentSummary[];
  /** Broken documents (in file name order), then texts changed under their annotations. */
  problems: ProjectProblem[];
  /** How the listing was answered (tests and the bench). */
  stats: { fromIndex: number; read: number; indexWritten: boolean };
}

export interface SummaryListingInput {
  dir: string;
  project: ProjectFile;
  annotator: string | null;
  now: Date;
  /** Files younger than this are read rather than trusted (RACY_MS). */
  racyMs?: number;
}

const toSummary = (e: Entry): DocumentSummary => ({
  id: e.id,
  title: e.title,
  outlet: e.outlet,
  date: e.date,
  status: e.status,
  counts: e.counts,
  entities: e.entities,
  textChanged: e.annotatedSha256 !== null && e.annotatedSha256 !== e.textSha256,
  length: e.length,
});

/**
 * Every document's summary for one annotator (null: none chosen, all read as not started),
 * answered from the index where each document's files are unchanged, read fresh otherwise.
 * Invalid annotation files are set aside as by readAnnotation.
 */
export async function listDocumentSummaries({ dir, project, annotator, now, racyMs = RACY_MS }: SummaryListingInput): Promise<SummaryListing> {
  const names = await readdirOrEmpty(documentsDir(dir));
  const present = new Set(names);
  const annotated = annotator === null ? new Set<string>() : new Set(await readdirOrEmpty(annotatorDir(dir, annotator)));
  const entityKey = entityKeyOf(project);
  const indexFile = summaryIndexPath(dir, annotator);
  const cached = await readIndex(indexFile, annotator, entityKey);
  const metaNames = names.filter((n) => n.endsWith('.json')).sort();

  // Pass 1: stat each document's files and keep the entries that still describe them.
  const results = new Array<{ entry: Entry | null; summary: DocumentSummary | null; problem: ProjectProblem | null }>(metaNames.length);
  const toRead: { index: number; name: string; stamps: { meta: Stamp | null; text: Stamp | null; annotation: Stamp | null } | null }[] = [];
  for (let i = 0; i < metaNames.length; i++) {
    if (i > 0 && i % STAT_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
    const name = metaNames[i] as string;
    const stem = name.slice(0, -'.json'.length);
    if (!isDocumentId(stem) || !present.has(`${stem}.txt`)) {
      toRead.push({ index: i, name, stamps: null });
      continue;
    }
    const stamps = {
      meta: stampOf(documentMetaPath(dir, stem)),
      text: stampOf(documentTextPath(dir, stem)),
      annotation: annotator !== null && annotated.has(`${stem}.json`) ? stampOf(annotationPath(dir, annotator, stem)) : null,
    };
    const hit = cached.get(stem);
    if (hit && sameStamp(hit.meta, stamps.meta) && sameStamp(hit.text, stamps.text) && sameStamp(hit.annotation, stamps.annotation)) {
      results[i] = { entry: hit, summary: toSummary(hit), problem: null };
    } else toRead.push({ index: i, name, stamps });
  }

  // Pass 2: read the others in full (stamps were taken before these reads, so a change in
  // between shows as a stamp mismatch next time).
  const readAt = Date.now();
  // Small files read synchronously, SYNC_BATCH at a time between yields to the event loop: far
  // cheaper than fs/promises' round trips per file (docs/performance.md).
  for (const [n, { index, name, stamps }] of toRead.entries()) {
    if (n > 0 && n % SYNC_BATCH === 0) await yieldToEventLoop();
    const meta = await readDocumentEntry(dir, name, present, true);
    if (meta === null || 'kind' in meta) {
      results[index] = { entry: null, summary: null, problem: meta };
      continue;
    }
    const base = { id: meta.id, title: meta.title, outlet: meta.outlet, date: meta.date, length: meta.length };
    const textFile = documentTextPath(dir, meta.id);
    const textSha256 = hashTextSync(textFile);
    if (textSha256 === null) continue; // removed while listing
    if (typeof textSha256 === 'object') {
      results[index] = { entry: null, summary: null, problem: { kind: 'invalid-document', file: textFile, message: `${textFile}: ${textSha256.problem}` } };
      continue;
    }
    const read = annotator === null ? ({ kind: 'none' } as const) : await readAnnotationSync(dir, annotator, meta.id, now);
    const annotation = read.kind === 'ok' ? read.annotation : null;
    const entry: Entry = {
      ...base,
      meta: stamps?.meta ?? { mtimeMs: 0, size: 0 },
      text: stamps?.text ?? { mtimeMs: 0, size: 0 },
      annotation: stamps?.annotation ?? null,
      status: annotation?.status ?? 'todo',
      counts: annotation ? countByLabel(annotation.spans) : {},
      entities: annotation ? linkedEntities(project, annotation.spans) : [],
      textSha256,
      annotatedSha256: annotation?.textSha256 ?? null,
    };
    // Kept for next time only when what was read matches the stamps and no file is too young.
    const consistent =
      stamps !== null &&
      stamps.meta !== null &&
      stamps.text !== null &&
      (read.kind === 'ok' ? stamps.annotation !== null : read.kind === 'none' && stamps.annotation === null) &&
      [stamps.meta, stamps.text, stamps.annotation].every((s) => s === null || s.mtimeMs <= readAt - racyMs);
    results[index] = { entry: consistent ? entry : null, summary: toSummary(entry), problem: null };
  }

  const documents: DocumentSummary[] = [];
  const problems: ProjectProblem[] = [];
  const entries: Entry[] = [];
  for (const r of results) {
    if (!r) continue;
    if (r.problem) problems.push(r.problem);
    if (r.summary) documents.push(r.summary);
    if (r.entry) entries.push(r.entry);
  }
  documents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const doc of documents.filter((d) => d.textChanged)) {
    problems.push({
      kind: 'text-changed',
      file: documentTextPath(dir, doc.id),
      message: `The text of "${doc.title || doc.id}" changed after it was annotated; its annotations are read-only.`,
    });
  }

  // Written when it gained an entry or lost one. Documents read only because a file is too young
  // to trust do not rewrite it on every listing (their old entries fail the stamp check anyway).
  let indexWritten = false;
  const listed = new Set(entries.map((e) => e.id));
  const reread = new Set(toRead.map((t) => t.name));
  const gained = toRead.some(({ index }) => results[index]?.entry);
  const stale = gained || [...cached.keys()].some((id) => !listed.has(id) && !reread.has(`${id}.json`));
  if (stale) {
    try {
      await ensureLocalStateIgnored(dir);
      await writeFileAtomic(indexFile, stableJson({ schemaVersion: SUMMARY_INDEX_VERSION, annotator, entityKey, entries }));
      indexWritten = true;
    } catch {
      // A read-only or full disk: the listing stands, the next one reads the files again.
    }
  }
  return { documents, problems, stats: { fromIndex: metaNames.length - toRead.length, read: toRead.length, indexWritten } };
}
