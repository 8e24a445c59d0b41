import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ExportJobStatus, ExportPreview, ExportReport } from '../../shared/api/views';
import { countSuggested, datasetCard } from '../../shared/formats/datasetCard';
import { BRAT_ADAPTER, FILE_ADAPTERS, formatSchema } from '../../shared/formats/exportAdapters';
import { bratVisualConf } from '../../shared/formats/exportBrat';
import { filterBlind } from './syncBlind';
import type { JsonlSidecar } from '../../shared/formats/exportJsonl';
import {
  ALL_ANNOTATORS,
  FORMAT_INFO,
  OVERLAP_POLICIES,
  SPLIT_NAMES,
  resolveUnit,
  type ExportFormat,
  type ExportOptions,
  type SplitName,
} from '../../shared/formats/exportOptions';
import { checkDocument, type ExportProblem } from '../../shared/annotation/checkDocument';
import { addCounts, type DropCounts, type ExportRecord, type ExportSettings } from '../../shared/formats/exportRecord';
import { assignSplits } from '../../shared/formats/splits';
import { sortSpans } from '../../shared/annotation/operations';
import type { AnnotationFile, DocStatus, DocumentMeta, ProjectFile } from '../../shared/model/schemas';
import { isErrno, pathExists, stableJson, writeFileAtomic } from './atomicJson';
import { tempPathFor } from './tempFiles';
import { withPath } from './ioErrors';
import { defaultExportAnnotator } from './curationGoldDefault';
import { SYNC_BATCH, documentTextPath, exportsDir, listAnnotators, listDocuments, readAnnotationSync, type AnnotationRead } from './projectStore';
import { sha256Hex } from './textHash';

/**
 * Exports stream: documents are read, converted by a pure adapter (shared/formats) and written
 * one at a time, so memory does not grow with the project's size (only the list of selected
 * document ids is kept, for the split and the dataset card). Data goes to temporary files (or a
 * temporary folder) that are flushed and renamed into place only when everything was written:
 * a failed or interrupted export never leaves a half-written file under the final name.
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

const pad = (n: number) => String(n).padStart(2, '0');

/** 20261122-093000 in local time: export names are read by people, in their own time zone. */
export function localFileStamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

export function projectSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 80);
  return slug || 'project';
}

const FORMAT_SUFFIX: Record<ExportFormat, string> = {
  jsonl: '',
  conll: '',
  brat: '-brat',
  w3c: '-w3c',
  labelstudio: '-labelstudio',
  doccano: '-doccano',
  csv: '-review',
};

export const defaultExportName = (projectName: string, now: Date, format: ExportFormat = 'jsonl') =>
  `${projectSlug(projectName)}-${localFileStamp(now)}${FORMAT_SUFFIX[format]}${FORMAT_INFO[format].extension}`;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

async function isEmptyDirectory(path: string): Promise<boolean> {
  return (await isDirectory(path)) && (await readdir(path)).length === 0;
}

/** Where to write: never over an earlier default export made in the same second. */
async function resolveOutPath(req: ExportRequest): Promise<Result<string>> {
  const { format, outPath } = req.options;
  const folderLayout = FORMAT_INFO[format].layout === 'folder';
  const name = defaultExportName(req.project.name, req.now, format);
  let base: string;
  if (outPath !== undefined) {
    const requested = isAbsolute(outPath) ? outPath : resolve(req.dir, outPath);
    if (await isDirectory(requested)) {
      // brat writes a folder: an empty existing folder is used as it is.
      if (folderLayout && (await isEmptyDirectory(requested))) return ok(requested);
      base = join(requested, name);
    } else {
      const parent = dirname(requested);
      if (!(await isDirectory(parent))) return fail('io', `The folder ${parent} does not exist.`, parent);
      return ok(requested);
    }
  } else {
    base = join(exportsDir(req.dir), name);
  }
  const ext = FORMAT_INFO[format].extension;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : ext ? `${base.slice(0, -ext.length)}-${n}${ext}` : `${base}-${n}`;
    if (!(await pathExists(candidate)) && !(await pathExists(cardPathFor(format, candidate)))) return ok(candidate);
  }
}

/** The stem of a data path: `out.jsonl` -> `out`. */
const stemOf = (path: string) => (extname(path) ? path.slice(0, -extname(path).length) : path);

/** brat: README.md inside the folder; files: `<stem>.README.md` beside the file. */
const cardPathFor = (format: ExportFormat, out: string) =>
  FORMAT_INFO[format].layout === 'folder' ? join(out, 'README.md') : `${stemOf(out)}.README.md`;

function scopeStatuses(scope: ExportOptions['scope']): Set<DocStatus> {
  if (Array.isArray(scope)) return new Set(scope);
  if (scope === 'all') return new Set(['todo', 'in_progress', 'done']);
  return new Set([scope]);
}

const describeScope = (scope: ExportOptions['scope']) =>
  Array.isArray(scope) ? `documents with status ${scope.join(', ')}` : scope === 'all' ? 'all documents' : `documents with status ${scope}`;

interface Selected {
  meta: DocumentMeta;
  annotator: string;
  status: DocStatus;
}

interface Candidate {
  meta: DocumentMeta;
  who: string;
}

/** Every (document, annotator) pair an export may hold, in document order. */
async function listCandidates(req: ExportRequest): Promise<{ documents: number; pairs: Candidate[]; everyone: boolean; statuses: Set<DocStatus> }> {
  const everyone = req.options.annotator === ALL_ANNOTATORS;
  const annotators = everyone ? await listAnnotators(req.dir) : [req.options.annotator ?? (await defaultExportAnnotator(req.dir, req.annotator))];
  const { documents } = await listDocuments(req.dir, { sync: true });
  const all = documents.flatMap((meta) => annotators.map((who) => ({ meta, who })));
  // Blind mode (syncBlind.ts): others' annotations only of documents the reader has marked done.
  const { kept: pairs } = await filterBlind(req.dir, req.project, req.annotator, all, req.now, (p) => ({ docId: p.meta.id, annotator: p.who }));
  return { documents: documents.length, pairs, everyone, statuses: scopeStatuses(req.options.scope) };
}

/** Why an export holds nothing, as the user reads it. */
function nothingToExport(req: ExportRequest, documents: number, everyone: boolean): Result<never> {
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
async function selectRecords(req: ExportRequest): Promise<Result<{ selected: Selected[]; annotators: string[] }>> {
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
  const bytes = readFileSync(documentTextPath(dir, docId));
  return { text: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
}

/** Read one selected record in full; null when its text changed under its annotations. */
async function loadRecord(req: ExportRequest, sel: Selected, split: SplitName | null): Promise<ExportRecord | null> {
  const read = await readAnnotationSync(req.dir, sel.annotator, sel.meta.id, req.now);
  return recordOf(sel, read.kind === 'ok' ? read.annotation : null, readTextSync(req.dir, sel.meta.id), split);
}

/** A selected pair, its record (null: its text changed) and how many pairs were looked at so far. */
interface Loaded {
  sel: Selected;
  record: ExportRecord | null;
  position: number;
}

/**
 * One pass (file formats without splits): each pair's annotation file is read once, for its
 * status and, when the scope selects it, for its record. Yields the selected pairs in order.
 */
async function* selectAndLoad(req: ExportRequest, candidates: Candidate[], everyone: boolean, statuses: Set<DocStatus>): AsyncGenerator<Loaded> {
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
async function* loadSelected(req: ExportRequest, selected: Selected[], splitOf: Map<string, SplitName> | null): AsyncGenerator<Loaded> {
  for (const [i, sel] of selected.entries()) {
    if (i > 0 && i % SYNC_BATCH === 0) await yieldToEventLoop();
    yield { sel, record: await loadRecord(req, sel, splitOf?.get(sel.meta.id) ?? null), position: i + 1 };
  }
}

/**
 * The check before an export (shared/annotation/checkDocument.ts) over exactly the records the
 * export would hold. Documents whose text changed are skipped: the export itself refuses them.
 */
export async function checkExportRecords(req: ExportRequest): Promise<Result<{ problems: ExportProblem[]; documents: number }>> {
  const picked = await selectRecords(req);
  if (!picked.ok) return picked;
  const problems: ExportProblem[] = [];
  for (const sel of picked.value.selected) {
    const record = await loadRecord(req, sel, null);
    if (!record) continue;
    problems.push(
      ...checkDocument({
        docId: sel.meta.id,
        title: sel.meta.title,
        annotator: sel.annotator,
        text: record.text,
        spans: record.spans,
        relations: record.relations ?? [],
        labels: req.project.labels,
        relationTypes: req.project.relationTypes,
      }),
    );
  }
  return ok({ problems, documents: picked.value.selected.length });
}

/** A temporary file written in large pieces, flushed and renamed into place at the end. */
class Sink {
  private pending: string[] = [];
  private size = 0;
  items = 0;
  private constructor(
    readonly final: string,
    readonly temp: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(final: string): Promise<Sink> {
    const temp = tempPathFor(final);
    return new Sink(final, temp, await open(temp, 'wx'));
  }

  async write(text: string): Promise<void> {
    if (!text) return;
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.size = 0;
    await this.handle.write(chunk);
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await unlink(this.temp).catch(() => undefined);
  }
}

export interface ExportContext {
  settings: ExportSettings;
  unitWord: ExportReport['unit'];
}

function settingsFor(req: ExportRequest): Result<ExportContext> {
  const unit = resolveUnit(req.options.format, req.options.unit);
  if ('error' in unit) return fail('invalid-input', unit.error);
  return ok({
    settings: {
      unit: unit.unit,
      labels: req.project.labels,
      relationTypes: req.project.relationTypes,
      projectName: req.project.name,
      factmarkVersion: req.version,
      createdAt: req.now.toISOString(),
      conllScheme: req.options.conllScheme ?? 'iob2',
      overlapPolicy: req.options.overlapPolicy ?? 'longest-wins',
    },
    unitWord: unit.unit ?? 'none',
  });
}

const bratName = (rec: Selected, several: boolean) =>
  several ? `${rec.meta.id}.${rec.annotator.replace(/[^\p{L}\p{N}_-]/gu, '_')}` : rec.meta.id;

function changedFailure(changed: string[]): Result<never> {
  return fail(
    'text-changed',
    `Cannot export: the text of ${[...new Set(changed)].map((id) => `"${id}"`).join(', ')} changed after it was annotated, so its offsets no longer match. Restore the original text first.`,
  );
}

/** Export the selected documents in the chosen format, with a dataset card (and, for JSONL, a sidecar). */
export async function exportProject(req: ExportRequest): Promise<Result<ExportReport>> {
  const context = settingsFor(req);
  if (!context.ok) return context;
  const { settings, unitWord } = context.value;
  const { format, split: splitOptions } = req.options;
  // File formats without splits are written in one pass over the annotation files (each read
  // once). Splits are assigned over the whole selection and brat's file names depend on how many
  // annotators it holds, so those select first and read the selected files again when writing.
  const onePass = !splitOptions && FORMAT_INFO[format].layout !== 'folder';
  let selected: Selected[] | null = null;
  let annotators: string[] = [];
  let candidates: Awaited<ReturnType<typeof listCandidates>> | null = null;
  if (onePass) {
    candidates = await listCandidates(req);
    if (candidates.documents === 0) return nothingToExport(req, 0, candidates.everyone);
  } else {
    const picked = await selectRecords(req);
    if (!picked.ok) return picked;
    ({ selected, annotators } = picked.value);
  }
  const out = await resolveOutPath(req);
  if (!out.ok) return out;
  const outPath = out.value;

  const splitOf = splitOptions && selected ? assignSplits([...new Map(selected.map((s) => [s.meta.id, s.meta])).values()], splitOptions) : null;
  const groups: (SplitName | 'all')[] = splitOptions ? SPLIT_NAMES.filter((n) => splitOptions[n] > 0) : ['all'];
  const spans: Record<string, DropCounts> = Object.fromEntries(groups.map((g) => [g, {}]));
  const documents: Record<string, string[]> = Object.fromEntries(groups.map((g) => [g, []]));
  const dropped: Record<string, DropCounts> = Object.fromEntries(OVERLAP_POLICIES.map((p) => [p, {}]));
  const changed: string[] = [];
  const seenLabels = new Set<string>();
  /** Spans suggested, then accepted (origin "suggestion"), by suggester and label: for the dataset card. */
  const suggested: Record<string, Record<string, number>> = {};
  let total = selected?.length ?? 0;
  const files: string[] = [];

  const folderLayout = FORMAT_INFO[format].layout === 'folder';
  const ext = FORMAT_INFO[format].extension;
  const dataPath = (g: SplitName | 'all') =>
    g === 'all' ? outPath : folderLayout ? join(outPath, g) : `${stemOf(outPath)}-${g}${extname(outPath) || ext}`;

  // Temporary destinations.
  const sinks = new Map<string, Sink>();
  const tempFolder = folderLayout ? tempPathFor(outPath) : null;
  // A folder this export creates (the default exports/) is removed again if the export fails.
  const createdParent = (await pathExists(dirname(outPath))) ? null : dirname(outPath);
  const cleanup = async () => {
    for (const sink of sinks.values()) await sink.abandon();
    if (tempFolder) await rm(tempFolder, { recursive: true, force: true });
    if (createdParent) await rmdir(createdParent).catch(() => undefined);
  };
  try {
    if (tempFolder) {
      await mkdir(dirname(outPath), { recursive: true });
      await mkdir(tempFolder);
      for (const g of groups) if (g !== 'all') await mkdir(join(tempFolder, g));
    } else {
      await mkdir(dirname(outPath), { recursive: true });
      const adapter = FILE_ADAPTERS[format as Exclude<ExportFormat, 'brat'>];
      for (const g of groups) {
        const sink = await Sink.open(dataPath(g));
        sinks.set(g, sink);
        await sink.write(adapter.header(settings));
      }
    }

    let done = 0;
    const items = candidates
      ? selectAndLoad(req, candidates.pairs, candidates.everyone, candidates.statuses)
      : loadSelected(req, selected ?? [], splitOf);
    // One pass: progress counts the pairs looked at, out of all pairs.
    const progressTotal = candidates ? candidates.pairs.length : total;
    const seenAnnotators = new Set<string>();
    for await (const { sel, record, position } of items) {
      const split = splitOf?.get(sel.meta.id) ?? null;
      const group = split ?? 'all';
      done++;
      seenAnnotators.add(sel.annotator);
      if (!record) {
        changed.push(sel.meta.id);
        continue;
      }
      if (changed.length > 0) continue; // the export will fail: only look for more changed texts
      for (const s of record.spans) seenLabels.add(s.label);
      countSuggested(suggested, record.spans);
      let written: DropCounts;
      if (tempFolder) {
        const { files: brat, spans: bratSpans } = BRAT_ADAPTER.record(record, bratName(sel, annotators.length > 1), req.project.labels);
        const folder = group === 'all' ? tempFolder : join(tempFolder, group);
        await writeFile(join(folder, `${brat.name}.txt`), brat.txt);
        await writeFile(join(folder, `${brat.name}.ann`), brat.ann);
        written = bratSpans;
      } else {
        const adapter = FILE_ADAPTERS[format as Exclude<ExportFormat, 'brat'>];
        const sink = sinks.get(group) as Sink;
        const output = adapter.record(record, settings, sink.items);
        sink.items += output.items;
        await sink.write(output.text);
        written = output.spans;
        if (output.dropped) for (const p of OVERLAP_POLICIES) addCounts(dropped[p] as DropCounts, output.dropped[p]);
      }
      addCounts(spans[group] as DropCounts, written);
      const ids = documents[group] as string[];
      if (ids[ids.length - 1] !== sel.meta.id) ids.push(sel.meta.id);
      req.onProgress?.(position, progressTotal);
    }
    if (candidates) {
      total = done;
      annotators = [...seenAnnotators];
      if (total === 0) {
        await cleanup();
        return nothingToExport(req, candidates.documents, candidates.everyone);
      }
    }
    if (changed.length > 0) {
      await cleanup();
      return changedFailure(changed);
    }

    // Close and move into place.
    if (tempFolder) {
      await writeFile(join(tempFolder, 'annotation.conf'), BRAT_ADAPTER.annotationConf(req.project.labels, seenLabels, req.project.relationTypes));
      await writeFile(join(tempFolder, 'visual.conf'), bratVisualConf(req.project.labels));
      if (await isEmptyDirectory(outPath)) await rmdir(outPath);
      await rename(tempFolder, outPath);
      files.push(outPath);
    } else {
      const adapter = FILE_ADAPTERS[format as Exclude<ExportFormat, 'brat'>];
      for (const [g, sink] of sinks) {
        await sink.write(adapter.footer(settings, sink.items));
        await sink.finish();
        await rename(sink.temp, dataPath(g as SplitName | 'all'));
        files.push(dataPath(g as SplitName | 'all'));
      }
      sinks.clear();
    }
  } catch (err) {
    await cleanup();
    // A failed write() does not say which file (a full disk): name the export's destination.
    throw withPath(err, outPath);
  }

  const spanTotal = Object.values(spans).reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
  const droppedReport =
    format === 'conll'
      ? OVERLAP_POLICIES.map((policy) => {
          const byLabel = dropped[policy] as DropCounts;
          return { policy, chosen: policy === settings.overlapPolicy, total: Object.values(byLabel).reduce((a, b) => a + b, 0), byLabel };
        }).sort((a, b) => Number(b.chosen) - Number(a.chosen))
      : null;

  const cardPath = cardPathFor(format, outPath);
  const cardDir = dirname(cardPath);
  await writeFileAtomic(
    cardPath,
    datasetCard({
      format,
      projectName: req.project.name,
      createdAt: settings.createdAt,
      factmarkVersion: req.version,
      unit: settings.unit,
      labels: req.project.labels,
      scope: `${describeScope(req.options.scope)}; annotations of ${req.options.annotator === ALL_ANNOTATORS ? 'every annotator' : annotators.join(', ')}`,
      annotators,
      files: folderLayout
        ? [...groups.map((g) => (g === 'all' ? '*.txt + *.ann' : `${g}/*.txt + ${g}/*.ann`)), 'annotation.conf', 'visual.conf']
        : files.map((f) => relative(cardDir, f)),
      spans,
      documents,
      split: splitOptions ?? null,
      dropped: droppedReport,
      schema: formatSchema(format, settings, seenLabels),
      suggested,
    }),
  );
  files.push(cardPath);

  let sidecarPath = cardPath;
  if (format === 'jsonl') {
    sidecarPath = `${outPath}.meta.json`;
    const sidecar: JsonlSidecar = {
      format: 'factmark-jsonl',
      formatVersion: 1,
      offsetUnit: settings.unit ?? 'codepoint',
      offsetEnd: 'exclusive',
      labels: req.project.labels.map((l) => ({ id: l.id, name: l.name })),
      documents: total,
      spans: spanTotal,
      createdAt: settings.createdAt,
      factmarkVersion: req.version,
    };
    await writeFileAtomic(sidecarPath, stableJson(sidecar));
    files.push(sidecarPath);
  }

  const splitCounts = splitOptions
    ? { train: documents.train?.length ?? 0, dev: documents.dev?.length ?? 0, test: documents.test?.length ?? 0 }
    : null;
  return ok({
    format,
    path: files[0] as string,
    sidecarPath,
    cardPath,
    files,
    documents: total,
    spans: spanTotal,
    unit: unitWord,
    splits: splitCounts,
    dropped: droppedReport,
  });
}

const PREVIEW_LIMIT = 8000;

/** The first record of an export as it will be written, without writing anything. */
export async function previewExport(req: ExportRequest): Promise<Result<ExportPreview>> {
  const context = settingsFor(req);
  if (!context.ok) return context;
  const { settings, unitWord } = context.value;
  const picked = await selectRecords(req);
  if (!picked.ok) return picked;
  const { selected, annotators } = picked.value;
  const first = selected[0] as Selected;
  const record = await loadRecord(req, first, null);
  if (!record) return changedFailure([first.meta.id]);
  const format = req.options.format;
  const name = bratName(first, annotators.length > 1);
  const text =
    format === 'brat'
      ? BRAT_ADAPTER.preview(record, name, req.project.labels)
      : FILE_ADAPTERS[format].preview(record, settings);
  const file = format === 'brat' ? `${name}.ann` : defaultExportName(req.project.name, req.now, format);
  return ok({
    format,
    file,
    text: text.length > PREVIEW_LIMIT ? `${text.slice(0, PREVIEW_LIMIT)}\n…` : text,
    truncated: text.length > PREVIEW_LIMIT,
    unit: unitWord,
    records: selected.length,
  });
}

/** Exports running in the background, polled by the UI (works the same over IPC and HTTP). */
export function createExportJobs(maxKept = 20) {
  const jobs = new Map<string, ExportJobStatus>();
  return {
    start(run: (onProgress: (done: number, total: number) => void) => Promise<Result<ExportReport>>): string {
      const jobId = randomBytes(8).toString('hex');
      const status: ExportJobStatus = { jobId, done: 0, total: 0, finished: false, result: null, error: null };
      jobs.set(jobId, status);
      while (jobs.size > maxKept) {
        const oldest = [...jobs.values()].find((j) => j.finished);
        if (!oldest) break;
        jobs.delete(oldest.jobId);
      }
      void run((done, total) => {
        status.done = done;
        status.total = total;
      })
        .then((result) => {
          if (result.ok) {
            status.result = result.value;
            status.done = status.total = result.value.documents;
          } else status.error = result.error;
        })
        .catch((err: unknown) => {
          status.error = { code: 'internal', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}` };
        })
        .finally(() => {
          status.finished = true;
        });
      return jobId;
    },
    status(jobId: string): ExportJobStatus | null {
      const job = jobs.get(jobId);
      return job ? { ...job } : null;
    },
  };
}
