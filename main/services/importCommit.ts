import { readFile } from 'node:fs/promises';
import type { ImportedDocument, ImportError } from '../../shared/formats/importTypes';
import { ANNOTATION_SCHEMA_VERSION, DOCUMENT_SCHEMA_VERSION, type DocumentMeta, type ProjectFile, type Relation, type Span } from '../../shared/model/schemas';
import { isErrno } from './atomicJson';
import { slugId, titleFor, uniqueId } from './documentNaming';
import { openJournal, type JournalSession, type Transaction } from './journal';
import {
  annotationJson,
  annotationPath,
  documentMetaJson,
  documentMetaPath,
  documentTextPath,
  listDocuments,
  projectFileJson,
  projectFilePath,
} from './projectStore';
import { sha256Hex } from './textHash';
import { readProjectFileOrThrow } from './projectFiles';

/**
 * How an import's files reach the project (the parsing is datasetImporter's and documentImporter's):
 * every file (or brat/W3C pair) is written all or nothing, across crashes and Ctrl-C too.
 *
 * The project's journal (journal.ts) is held for the whole import, so no other import takes the
 * same document ids meanwhile. Each file's documents (text, annotations, metadata) are planned
 * into a journaled transaction; transactions are committed in batches of about BATCH_FILES
 * files, one flush to disk each instead of three fsyncs per document. A crash mid-plan loses the
 * uncommitted batch only (its files are simply not in the project: importing them again works);
 * a crash mid-commit is completed on the next start. Stopped (Ctrl-C: `signal`), the file being
 * planned is dropped and the files planned before it are committed.
 */
const BATCH_FILES = 6_000;

export interface ImportStep {
  /** planning: documents of `file` turned into files; writing: files written to the project. */
  phase: 'planning' | 'writing';
  file: string;
  done: number;
  total: number;
}

export interface ImportWriterOptions {
  dir: string;
  annotator: string | null;
  now: Date;
  /** Aborted (Ctrl-C): the file being planned is dropped, those before it are committed. */
  signal?: AbortSignal;
  onStep?: (step: ImportStep) => void;
}

/** A document already in the project, by the SHA-256 of its text. */
interface Known {
  id: string;
  source: string | null;
  /** Imported earlier in this same import. */
  here: boolean;
}

export type GroupCheck =
  | { kind: 'new'; shas: Map<ImportedDocument, string> }
  /** Every document of the file is in the project from an earlier import of this same file (an import resumed after a crash or Ctrl-C). */
  | { kind: 'already'; docIds: string[] }
  /** existingId: the document with that text (when it was written already). */
  | { kind: 'duplicate'; error: ImportError; existingId: string | null };

export interface GroupToWrite {
  /** How the file is named to the user ("a.jsonl", "a.txt + a.ann"): the documents' source. */
  label: string;
  /** The file the documents come from, for messages. */
  file: string;
  /** Text files name their documents' titles differently. */
  kind: string;
  documents: readonly ImportedDocument[];
  shas: Map<ImportedDocument, string>;
  /** A document's spans and relations as the project's (labels mapped, ids new: importedAnnotations.ts). */
  annotations: (doc: ImportedDocument) => { spans: Span[]; relations: Relation[] };
}

export type GroupWritten = { ok: true; docIds: string[] } | { ok: false; reason: string };

export class ImportStopped extends Error {
  constructor() {
    super('The import was stopped.');
  }
}

export class ImportWriter {
  private tx: Transaction | null = null;
  /** Files (groups) planned into `tx`, with their ids, waiting for its commit. */
  private planned: { label: string; ids: string[] }[] = [];
  private constructor(
    private readonly opts: ImportWriterOptions,
    private readonly journal: JournalSession,
    private readonly known: Map<string, Known>,
    private readonly taken: Set<string>,
  ) {}

  /** Hold the project's journal and read what is in the project (ids and texts), for the checks. */
  static async open(opts: ImportWriterOptions): Promise<ImportWriter> {
    const journal = await openJournal(opts.dir);
    try {
      const listing = await listDocuments(opts.dir, { sync: true });
      const known = new Map(listing.documents.map((d) => [d.textSha256, { id: d.id, source: d.source, here: false }]));
      return new ImportWriter(opts, journal, known, new Set(listing.takenIds));
    } catch (err) {
      await journal.release();
      throw err;
    }
  }

  /**
   * Whether a file's documents may be imported: refused (with the line) when a text is already a
   * document of the project or of this import; "already imported" when every text is a document
   * from an earlier import of this same file (and, when it has spans, with this annotator's
   * annotations), so a retried import resumes instead of failing.
   */
  async check(file: string, label: string, documents: readonly ImportedDocument[]): Promise<GroupCheck> {
    const shas = new Map<ImportedDocument, string>();
    for (const doc of documents) shas.set(doc, sha256Hex(Buffer.from(doc.text, 'utf8')));
    const existing = documents.map((d) => this.known.get(shas.get(d) as string));
    if (documents.length > 0 && existing.every((k) => k !== undefined && !k.here && k.source === label.slice(0, 500))) {
      const docIds = existing.map((k) => (k as Known).id);
      if (await this.annotationsPresent(documents, docIds)) return { kind: 'already', docIds };
    }
    for (const doc of documents) {
      const k = this.known.get(shas.get(doc) as string);
      if (k !== undefined) {
        const what = k.here ? `in ${k.source}` : `document "${k.id}"`;
        return {
          kind: 'duplicate',
          error: { file, line: documents.length > 1 ? doc.line : null, reason: `this text is already ${what}; nothing of this file was imported.` },
          existingId: k.id === '' ? null : k.id,
        };
      }
    }
    for (const doc of documents) this.known.set(shas.get(doc) as string, { id: '', source: `${label}${documents.length > 1 ? ` (line ${doc.line})` : ''}`, here: true });
    return { kind: 'new', shas };
  }

  /** The file's spans are in the project too (this annotator's files for those documents). */
  private async annotationsPresent(documents: readonly ImportedDocument[], docIds: string[]): Promise<boolean> {
    if (this.opts.annotator === null) return documents.every((d) => d.spans.length === 0);
    for (const [i, doc] of documents.entries()) {
      if (doc.spans.length === 0) continue;
      try {
        await readFile(annotationPath(this.opts.dir, this.opts.annotator, docIds[i] as string));
      } catch (err) {
        if (isErrno(err, 'ENOENT')) return false;
        throw err;
      }
    }
    return true;
  }

  private async transaction(): Promise<Transaction> {
    this.tx ??= await this.journal.transaction();
    return this.tx;
  }

  /**
   * The new project.json (labels the import adds), in the first batch. Refused when project.json
   * changed since the import was planned (another window changed the labels).
   */
  async setProject(before: ProjectFile, after: ProjectFile): Promise<void> {
    const file = projectFilePath(this.opts.dir);
    const raw = (await readProjectFileOrThrow(file, 'json'))?.toString('utf8') ?? '';
    if (raw !== projectFileJson(before)) throw new Error(`${file} changed while the import was being prepared (another window changed the labels); nothing was imported. Try again.`);
    (await this.transaction()).write(file, projectFileJson(after), raw);
  }

  /** Plan one file's documents; committed with its batch. Answers their ids, or why the file is not taken. */
  async write(group: GroupToWrite): Promise<GroupWritten> {
    const { dir, annotator, now, signal, onStep } = this.opts;
    const tx = await this.transaction();
    const mark = tx.mark();
    const ids: string[] = [];
    const stamp = now.toISOString();
    try {
      for (const [i, doc] of group.documents.entries()) {
        if (signal?.aborted) throw new ImportStopped();
        const id = uniqueId(slugId(`${doc.name}.txt`), this.taken);
        const sha = group.shas.get(doc) as string;
        this.taken.add(id.toLowerCase());
        ids.push(id);
        tx.write(documentTextPath(dir, id), doc.text, null);
        if (doc.spans.length > 0 && annotator !== null) {
          const { spans, relations } = group.annotations(doc);
          tx.write(
            annotationPath(dir, annotator, id),
            annotationJson({
              schemaVersion: ANNOTATION_SCHEMA_VERSION,
              docId: id,
              textSha256: sha,
              annotator,
              status: 'in_progress',
              spans,
              ...(relations.length > 0 ? { relations } : {}),
              updatedAt: stamp,
            }),
            null,
          );
        }
        const meta: DocumentMeta = {
          schemaVersion: DOCUMENT_SCHEMA_VERSION,
          id,
          title: doc.title ?? titleFor(doc.text, group.kind === 'text' ? group.file : 'x.txt'),
          outlet: doc.outlet ?? null,
          date: doc.date ?? null,
          source: group.label.slice(0, 500),
          textSha256: sha,
          length: doc.text.length,
          importedAt: stamp,
          importNotices: doc.notices,
        };
        // The metadata file is what makes a document exist: planned (and so written) last.
        tx.write(documentMetaPath(dir, id), documentMetaJson(meta), null);
        const known = this.known.get(sha);
        if (known) known.id = id;
        if ((i + 1) % 1000 === 0) onStep?.({ phase: 'planning', file: group.label, done: i + 1, total: group.documents.length });
      }
    } catch (err) {
      // All or nothing: this file's writes are taken out of the plan again.
      tx.rollbackTo(mark);
      for (const id of ids) this.taken.delete(id.toLowerCase());
      if (err instanceof ImportStopped) throw err;
      return { ok: false, reason: `could not be saved (${err instanceof Error ? err.message : String(err)}); nothing of it was kept.` };
    }
    this.planned.push({ label: group.label, ids });
    if (tx.size >= BATCH_FILES) await this.commit();
    return { ok: true, docIds: ids };
  }

  /** Commit the planned batch (its files are in the project afterwards, even after a crash). */
  async commit(): Promise<void> {
    const tx = this.tx;
    this.tx = null;
    if (!tx) return;
    const label = this.planned.length === 1 ? (this.planned[0]?.label ?? '') : `${this.planned.length} files`;
    this.planned = [];
    if (tx.size === 0) return tx.abort();
    await tx.commit({ now: this.opts.now, onProgress: (done, total) => this.opts.onStep?.({ phase: 'writing', file: label, done, total }) });
  }

  /** Commit what is planned and let other imports and schema changes run again. */
  async finish(): Promise<void> {
    try {
      await this.commit();
    } finally {
      await this.journal.release();
    }
  }

  /** Drop what is planned and not committed (an error outside any one file). */
  async abandon(): Promise<void> {
    try {
      await this.tx?.abort();
    } finally {
      this.tx = null;
      await this.journal.release();
    }
  }
}
