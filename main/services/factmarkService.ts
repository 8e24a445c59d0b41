import { readdir, realpath, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import {
  contract,
  parseInput,
  type FactmarkHandlers,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
} from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ProjectProblem, ProjectView, SessionView } from '../../shared/api/views';
import { sortSpans, validateSpans } from '../../shared/annotation/operations';
import { sortRelations, validateRelations } from '../../shared/annotation/relations';
import { describeRemovals, spansAttributeProblem } from '../../shared/model/schemaEdits';
import { CommitError, commitFiles, planProjectChange } from './schemaChange';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../../shared/model/labels';
import {
  ANNOTATION_SCHEMA_VERSION,
  PROJECT_SCHEMA_VERSION,
  annotatorNameSchema,
  type AnnotationFile,
  type ProjectFile,
  type Span,
} from '../../shared/model/schemas';
import { resolveUserPath } from '../paths';
import { applyRepair, planDrift } from '../../shared/annotation/driftRepair';
import { spanContext } from '../../shared/annotation/reanchor';
import { listVersions, keepVersion, readVersion } from './annotationHistory';
import { createAnnotatorLock, liveLockHolders } from './annotatorLock';
import { isErrno } from './atomicJson';
import { guardedWrite } from './guardedWrite';
import { FileBusyError } from './fileLock';
import { JournalBusyError } from './journal';
import { importDocuments, type ImportFile } from './documentImporter';
import { importDataset, inspectFiles } from './datasetImporter';
import { createImportJobs, type ImportProgress } from './importJobs';
import { noteExportInFlight, sweepExportDestination, sweepInterruptedWrites, tidyProject } from './interruptedWrites';
import { unwritableReason } from './writableProject';
import { errorMessage, ioFailure } from './ioErrors';
import { isConfined } from './pathConfinement';
import { readProjectBytes } from './projectFiles';
import { readExportedFiles } from './exportDownload';
import { checkExportRecords, createExportJobs, exportProject, previewExport, type ExportRequest } from './projectExporter';
import { applyEntityEdit, entitiesPath, readEntities, writeEntities } from './entityStore';
import {
  annotationJson,
  annotationPath,
  documentTextPath,
  exportsDir,
  readAnnotation,
  readDocumentMeta,
  readProjectFile,
  setAnnotationAside,
  writeProjectFile,
} from './projectStore';
import { buildProjectView } from './projectView';
import { createProjectWatcher, type ProjectWatcher } from './projectWatcher';
import { ensureSampleProject, sampleProjectDir } from './sampleProject';
import { readSettings, updateSettings, withRecentProject } from './settingsStore';
import { createSessionAnnotator } from './sessionAnnotator';
import { readTextFile, sha256Hex } from './textHash';
import { documentSuggestions, rejectDocumentSuggestion } from './suggestionService';
import { allLearningSettled, learnFromSave } from './learningService';
import { aboutView } from './aboutService';
import { reviewHandlers } from './reviewHandlers';
import { projectAgreement } from './agreementService';
import { curationView, saveGold } from './curationService';
import { syncHandlers } from './syncService';
import { createSuggestPool, type SuggestPool } from './suggestWorkerPool';
import { makeFolder } from './makeFolder';

export interface ServiceHost {
  chooseFolder?(purpose: 'open' | 'create' | 'export'): Promise<string | null>;
}

/** The handlers, plus what the host calls when the window or process closes. */
export type FactmarkService = FactmarkHandlers & {
  /** Write the saves already asked for, release this annotator's lock, stop the worker and the watcher. */
  dispose(): Promise<void>;
};

export interface ServiceOptions {
  /** The user's data folder (settings.json, projects/sample). */
  dataDir: string;
  /** The shipped sample corpus, copied into the data folder on first use. */
  corpusDir: string;
  version: string;
  host?: ServiceHost;
  /** Opened by the first getSession instead of the last project (`--project`). */
  initialProject?: string;
  /** A fixed annotator for this instance (CLI `--annotator`), used instead of the saved one and never saved. */
  annotator?: string;
  /**
   * Paths come from the user's own command line (the CLI), not from a UI: exports may go anywhere.
   * Off by default: paths sent by the renderer or a browser are confined (pathConfinement.ts).
   */
  trustedPaths?: boolean;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** Where the suggesters run (default: a worker thread of dist/main/suggestWorker.js beside the bundle); tests give their own. */
  suggestPool?: SuggestPool;
  /** Tests only: runs inside a save after its new file is written, before the last check and the rename. */
  testHooks?: { beforeFinalCheck?: (file: string) => Promise<void> };
}

const NEED_ANNOTATOR = 'Choose your annotator name first.';
const NO_PROJECT = 'No project is open; open or create one first.';
/** Files an OS puts into any folder: they do not make a folder "not empty" for a new project. */
const OS_CLUTTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** Import files from the contract (base64) as bytes; refuses the whole request if one is garbled. */
function decodeImportFiles(files: readonly { name: string; base64: string }[]): Result<{ name: string; bytes: Uint8Array }[]> {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const f of files) {
    const b64 = f.base64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
      return fail('invalid-input', `${f.name} did not arrive intact (its contents are not valid base64); nothing was imported.`);
    }
    out.push({ name: f.name, bytes: new Uint8Array(Buffer.from(b64, 'base64')) });
  }
  return ok(out);
}

/** The OS user name, made into a valid annotator name, offered as the default on first start. */
export function suggestedAnnotatorName(): string {
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall through to the generic name.
  }
  const cleaned = name
    .replace(/[^\p{L}\p{N} ._-]/gu, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .slice(0, 64);
  return annotatorNameSchema.safeParse(cleaned).success ? cleaned : 'annotator';
}

/**
 * The Factmark service: every operation of shared/api/contract.ts over one window's state (the
 * open project). Handlers never throw: file-system errors come back as 'io' failures naming
 * the file, anything else as 'internal'.
 */
/** How long the first pollChanges waits for the watcher's initial scan. */
const WATCH_READY_MS = 5000;

export function createFactmarkService(opts: ServiceOptions): FactmarkService {
  const now = opts.now ?? (() => new Date());
  let projectPath: string | null = null;
  let projectError: SessionView['projectError'] = null;
  /** The first getSession opens a project by itself; after any open attempt the user's choice stands. */
  let openAttempted = false;

  /** Folders the user picked in the native chooser during this session. */
  const chosenFolders = new Set<string>();

  /** This window's annotator: the saved one at first use, then only what this window sets (sessionAnnotator.ts). */
  const sessionAnnotator = createSessionAnnotator(async () => (await readSettings(opts.dataDir)).annotator, opts.annotator);
  const annotator = () => sessionAnnotator.get();

  /** The suggesters run in a worker thread (started on first use), so other operations are answered meanwhile. */
  let pool: SuggestPool | null = opts.suggestPool ?? null;
  const suggestPool = () => (pool ??= createSuggestPool());

  /** One writer per project and annotator (docs/project-format.md, "Locks"). */
  const lock = createAnnotatorLock();
  /** Why this window is read-only (another holds the lock, or the folder cannot be written), as last seen; null: it may write. */
  let lockReason: string | null = null;
  let readOnlyKind: 'locked' | 'unwritable' = 'locked';
  /** Interrupted changes of the open project that could not be completed when it was opened (interruptedWrites.ts). */
  let interrupted: ProjectProblem[] = [];

  /** Take (or keep) the lock for this project and annotator; answers why not, or null. */
  async function lockStatus(dir: string, who: string | null): Promise<string | null> {
    // A folder that cannot be written (read-only disk, no permission) is read-only for everyone: no lock is written.
    const unwritable = await unwritableReason(dir);
    readOnlyKind = unwritable === null ? 'locked' : 'unwritable';
    if (unwritable !== null) {
      await lock.release();
      lockReason = unwritable;
      return unwritable;
    }
    if (who === null) {
      await lock.release();
      lockReason = null;
      return null;
    }
    const state = await lock.acquire(dir, who, now());
    // Just taken: saves a crash interrupted may have left temp files; nobody else writes here now.
    if (state.held && state.fresh) await sweepInterruptedWrites(dir, who);
    lockReason = state.held ? null : state.reason;
    return lockReason;
  }

  /** Started by the first pollChanges on a project (one-off CLI services never watch). */
  let watcher: { key: string; watcher: ProjectWatcher } | null = null;
  const noteContent = (file: string, content: string | null) => watcher?.watcher.noteContent(file, content);

  /** An annotation file's bytes as text; null when missing or not readable as one (readAnnotation then says why). */
  async function readRaw(file: string): Promise<string | null> {
    const read = await readProjectBytes(file, 'json');
    return read.ok ? read.bytes.toString('utf8') : null;
  }

  async function isSample(dir: string): Promise<boolean> {
    try {
      return (await realpath(sampleProjectDir(opts.dataDir))) === dir;
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async function view(dir: string, project: ProjectFile, who: string | null): Promise<ProjectView> {
    const readOnlyReason = await lockStatus(dir, who);
    const built = await buildProjectView({ dir, project, annotator: who, isSample: await isSample(dir), now: now(), readOnlyReason });
    return {
      ...built,
      problems: [...interrupted, ...built.problems],
      readOnlyKind: readOnlyReason === null ? null : readOnlyKind,
    };
  }

  /** The open project, re-read: project.json may have been edited since it was opened. */
  async function currentProject(): Promise<Result<{ dir: string; project: ProjectFile }>> {
    if (projectPath === null) return fail('no-project', NO_PROJECT);
    const read = await readProjectFile(projectPath);
    return read.ok ? ok({ dir: projectPath, project: read.value }) : read;
  }

  async function openAt(path: string): Promise<Result<ProjectView>> {
    openAttempted = true;
    try {
      const dir = resolveUserPath(path);
      const read = await readProjectFile(dir);
      if (!read.ok) {
        projectError = { message: read.error.message, file: read.error.file ?? dir };
        return read;
      }
      const real = await realpath(dir);
      // What a crash left (an unfinished import or schema change, temp files) is tidied before anything is read.
      let project = read.value;
      interrupted = [];
      if ((await unwritableReason(real)) === null) {
        const tidied = await tidyProject(real, now());
        interrupted = tidied.failed.map((f) => ({ kind: 'interrupted-change' as const, file: f.journal, message: f.message }));
        if (tidied.rolledForward > 0) {
          const reread = await readProjectFile(real);
          if (!reread.ok) {
            projectError = { message: reread.error.message, file: reread.error.file ?? real };
            return reread;
          }
          project = reread.value;
        }
      }
      const projectView = await view(real, project, await annotator());
      projectPath = real;
      projectError = null;
      await updateSettings(opts.dataDir, (s) => withRecentProject(s, real));
      return ok(projectView);
    } catch (err) {
      const io = ioFailure(err);
      if (!io) throw err;
      projectError = { message: io.error.message, ...(io.error.file ? { file: io.error.file } : {}) };
      return io;
    }
  }

  async function openSample(): Promise<Result<ProjectView>> {
    openAttempted = true;
    let dir: string;
    try {
      dir = await ensureSampleProject(opts.dataDir, opts.corpusDir);
    } catch (err) {
      const io = ioFailure(err);
      if (!io) throw err;
      projectError = { message: `The sample project could not be set up: ${io.error.message}`, file: io.error.file };
      return io;
    }
    return openAt(dir);
  }

  async function session(): Promise<SessionView> {
    let project: ProjectView | null = null;
    if (projectPath === null && !openAttempted) {
      const settings = await readSettings(opts.dataDir);
      const target = opts.initialProject ?? settings.lastProject;
      const opened = target ? await openAt(target) : await openSample();
      if (opened.ok) project = opened.value;
    } else if (projectPath !== null) {
      const current = await currentProject();
      if (current.ok) project = await view(current.value.dir, current.value.project, await annotator());
      else {
        projectError = { message: current.error.message, file: current.error.file ?? projectPath };
        projectPath = null;
      }
    }
    const settings = await readSettings(opts.dataDir);
    return {
      version: opts.version,
      annotator: await annotator(),
      suggestedAnnotator: suggestedAnnotatorName(),
      recentProjects: settings.recentProjects,
      project,
      projectError: project ? null : projectError,
      nativeDialogs: typeof opts.host?.chooseFolder === 'function',
    };
  }

  /** What document operations need: a project, an annotator and the document itself. */
  async function documentContext(docId: string) {
    const who = await annotator();
    if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
    const current = await currentProject();
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
    const read = await readAnnotation(dir, who, docId, now());
    const stored = read.kind === 'ok' ? read.annotation : null;
    // The revision of the bytes that were validated (null: no valid file, e.g. just set aside).
    const revision = stored && raw !== null ? sha256Hex(raw) : null;
    return ok({ who, dir, project, meta, textFile, ...text, stored, file, raw: stored ? raw : null, revision });
  }

  /**
   * Spans may keep labels that were removed from project.json after they were made: refusing
   * them would make the whole document unsaveable.
   */
  const allowedLabels = (project: ProjectFile, stored: AnnotationFile | null) => [
    ...new Set([...project.labels.map((l) => l.id), ...(stored?.spans.map((s) => s.label) ?? [])]),
  ];

  /** Per-key queues: work on one key runs in call order, work on different keys runs freely. */
  const queues = new Map<string, Promise<unknown>>();
  function inOrder<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    queues.set(key, run);
    const forget = () => {
      if (queues.get(key) === run) queues.delete(key);
    };
    run.then(forget, forget);
    return run;
  }

  /** The revision this service last wrote to each annotation file. */
  const lastWritten = new Map<string, string>();

  async function saveDocument(
    { docId, status, spans, relations = [], baseRevision }: ParsedInput<'saveAnnotations'>,
    { forceVersion = false, repair }: { forceVersion?: boolean; repair?: { orphans: Span[] } } = {},
  ): Promise<Result<OperationOutput<'saveAnnotations'>>> {
    const ctx = await documentContext(docId);
    if (!ctx.ok) return ctx;
    const { who, dir, project, text, sha256, stored, textFile, file, raw, revision, meta } = ctx.value;
    const readOnly = await lockStatus(dir, who);
    if (readOnly !== null) return fail('read-only', `${readOnly} Nothing was saved.`);
    if (baseRevision !== undefined && baseRevision !== revision) {
      return fail(
        'conflict',
        `The annotations of "${meta.title || docId}" were changed on disk since you opened them (by another program, a sync or git); nothing was saved. Choose which version to keep.`,
        file,
      );
    }
    // A repair (repairDrift) is the one write allowed on a changed text: it re-anchors the spans to it.
    if (stored && stored.textSha256 !== sha256 && !repair) {
      return fail(
        'text-changed',
        `The text of "${docId}" changed after it was annotated, so its annotations are read-only; nothing was saved.`,
        textFile,
      );
    }
    const problem = validateSpans(text, spans, allowedLabels(project, stored));
    if (problem) return fail('bad-span', problem);
    // Relations of a type removed from project.json since they were made stay, like such labels.
    const relationProblem = validateRelations(spans, relations, project.relationTypes, stored?.relations?.map((r) => r.type) ?? []);
    if (relationProblem) return fail('bad-relation', relationProblem);
    const attributeProblem = spansAttributeProblem(project.labels, spans, stored?.spans);
    if (attributeProblem) return fail('bad-span', attributeProblem);
    const full: Span[] = sortSpans(
      spans.map((s) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        label: s.label,
        quote: text.slice(s.start, s.end),
        ...spanContext(text, s.start, s.end),
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
        ...(s.origin ? { origin: s.origin } : {}),
        ...(s.provenance ? { provenance: s.provenance } : {}),
        ...(s.attributes && Object.keys(s.attributes).length > 0 ? { attributes: s.attributes } : {}),
      })),
    );
    const updatedAt = now().toISOString();
    // A document with tags is started even if the UI did not say so.
    const nextStatus = status === 'todo' && full.length > 0 ? 'in_progress' : status;
    const annotation: AnnotationFile = {
      schemaVersion: ANNOTATION_SCHEMA_VERSION,
      docId,
      textSha256: sha256,
      annotator: who,
      status: nextStatus,
      spans: full,
      relations: sortRelations(relations),
      // Orphans of an earlier repair stay until placed or dropped (repairDrift).
      orphans: repair ? repair.orphans : stored?.orphans,
      updatedAt,
    };
    const json = annotationJson(annotation);
    // Known to the watcher before it lands, so our own write is never reported as someone else's.
    noteContent(file, json);
    // Compare-and-write (guardedWrite.ts): replaced only if it still holds the bytes read above.
    const replaced = await guardedWrite({
      dir,
      file,
      expected: raw,
      content: json,
      beforeReplace: async (current) => {
        if (!stored) return;
        // A file this service did not write (another tool, a sync, an earlier session) is always
        // kept before it is replaced: "keep mine" in a conflict can then still be undone.
        const external = lastWritten.get(file) !== revision;
        await keepVersion({ dir, annotator: who, docId, previousRaw: current, previous: stored, nextStatus, now: now(), force: forceVersion || external });
      },
      keep: async (mine) => {
        await keepVersion({ dir, annotator: who, docId, previousRaw: mine, previous: annotation, nextStatus, now: now(), force: true });
      },
      ...(opts.testHooks?.beforeFinalCheck ? { beforeFinalCheck: () => opts.testHooks!.beforeFinalCheck!(file) } : {}),
    });
    if (!replaced.ok) {
      noteContent(file, replaced.current);
      return fail(
        'conflict',
        replaced.displaced
          ? `The annotations of "${meta.title || docId}" were rewritten by another program while they were being saved; that version was put back and yours kept in History. Choose which version to keep.`
          : `The annotations of "${meta.title || docId}" were changed on disk since you opened them (by another program, a sync or git); nothing was saved. Choose which version to keep.`,
        file,
      );
    }
    const written = sha256Hex(json);
    lastWritten.set(file, written);
    // Every tag, accept, relabel, correction and removal teaches the suggesters (off this answer's
    // path); a repair moves spans for the text, not by the annotator's choice.
    if (!repair) learnFromSave({ dir, who, docId, text, sha256, now: updatedAt, pool: suggestPool() }, stored, { status: nextStatus, spans: full }).catch((err: unknown) =>
      console.warn(`Factmark: learning from the save of ${docId} failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    return ok({ updatedAt, revision: written, project: await view(dir, project, who) });
  }

  /**
   * Rewrite project.json and every annotator's annotation files for a new label schema, all or
   * nothing (schemaChange.ts). Refused while this window is read-only or another annotator has
   * the project open: their files would change under them.
   */
  async function applySchema({ labels, relationTypes, renames, confirmDeletes }: ParsedInput<'applySchemaChange'>) {
    const current = await currentProject();
    if (!current.ok) return current;
    const { dir, project } = current.value;
    const who = await annotator();
    if (who !== null) {
      const readOnly = await lockStatus(dir, who);
      if (readOnly !== null) return fail('read-only', `${readOnly} The schema was not changed.`);
    }
    const others = await liveLockHolders(dir, who ?? '', now());
    if (others.length > 0) {
      const names = others.map((o) => `${o.annotator} (${o.where})`).join(', ');
      return fail('read-only', `The project is open for ${names}; the schema changes everyone's annotation files, so close it there first. Nothing was changed.`);
    }
    const planned = await planProjectChange(dir, project, { labels, relationTypes }, renames);
    const { summary } = planned;
    if (summary.schemaProblems.length > 0) return fail('invalid-input', `The schema was not changed: ${summary.schemaProblems.join(' ')}`);
    if (summary.needsConfirmation && !confirmDeletes) {
      return fail('invalid-input', `This change removes ${describeRemovals(summary)}; confirm it to apply. Nothing was changed.`);
    }
    // Known to the watcher before they land, so this window does not report its own writes.
    for (const w of planned.writes) noteContent(w.file, w.content);
    try {
      await commitFiles(dir, planned.writes, { now: now() });
    } catch (err) {
      for (const w of planned.writes) noteContent(w.file, w.previous);
      if (err instanceof CommitError) return fail('conflict', err.message);
      throw err;
    }
    for (const w of planned.writes) lastWritten.set(w.file, sha256Hex(w.content));
    return ok({ summary, project: await view(dir, planned.project, who) });
  }

  const exportJobs = createExportJobs();
  const importJobs = createImportJobs();

  /** A dataset import (importDataset, startImportDataset), with its progress when asked for. */
  async function runDatasetImport({ files, format, labels }: ParsedInput<'importDataset'>, progress?: ImportProgress): Promise<Result<OperationOutput<'importDataset'>>> {
    const current = await currentProject();
    if (!current.ok) return current;
    const { dir, project } = current.value;
    const decoded = decodeImportFiles(files);
    if (!decoded.ok) return decoded;
    const who = await annotator();
    const readOnly = await lockStatus(dir, who);
    if (readOnly !== null) return fail('read-only', `${readOnly} Nothing was imported.`);
    const outcome = await importDataset({
      dir,
      project,
      annotator: who,
      files: decoded.value,
      format,
      decisions: labels,
      now: now(),
      ...(progress ? { onStep: progress.step, onProgress: progress.file } : {}),
    });
    if (!outcome.ok) return fail('import-refused', outcome.message);
    const after = await readProjectFile(dir);
    const finalProject = after.ok ? after.value : project;
    return ok({ files: outcome.files, addedLabels: outcome.addedLabels, project: await view(dir, finalProject, who) });
  }

  /** What every export operation needs: the open project, the annotator and the options. */
  async function exportRequest(options: ParsedInput<'exportProject'>): Promise<Result<ExportRequest>> {
    const who = await annotator();
    if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
    const current = await currentProject();
    if (!current.ok) return current;
    // Every export operation (exportProject, startExport) is confined alike.
    if (options.outPath !== undefined && !opts.trustedPaths && projectPath !== null) {
      if (!(await isConfined(options.outPath, projectPath, [projectPath, ...chosenFolders]))) {
        return fail(
          'invalid-input',
          `Exports from the app go inside the project folder or a folder picked with Choose…; ${options.outPath} is outside them. To write elsewhere, use \`factmark export --out\`.`,
        );
      }
    }
    return ok({ dir: current.value.dir, project: current.value.project, annotator: who, options, version: opts.version, now: now() });
  }

  /**
   * Run an export with its destination noted, so a crash's temp files there are tidied at the
   * next start (interruptedWrites.ts); earlier crashes' leftovers there are tidied first.
   */
  async function exportNoted<T>(req: ExportRequest, run: () => Promise<T>): Promise<T> {
    const out = req.options.outPath;
    const requested = out === undefined ? null : isAbsolute(out) ? out : resolvePath(req.dir, out);
    const folders = requested === null ? [exportsDir(req.dir)] : [requested, dirname(requested)];
    await sweepExportDestination(folders);
    const forget = (await unwritableReason(req.dir)) === null ? await noteExportInFlight(req.dir, folders) : async () => undefined;
    try {
      return await run();
    } finally {
      await forget();
    }
  }

  const handlers: FactmarkHandlers = {
    getSession: async () => ok(await session()),

    getAbout: async () => ok(aboutView(opts.version)),

    setAnnotator: async ({ name }) => {
      // Saved for the windows and processes started from now on; the ones running keep theirs.
      const saved = await updateSettings(opts.dataDir, (s) => ({ ...s, annotator: annotatorNameSchema.parse(name) }));
      if (saved.annotator !== null) sessionAnnotator.set(saved.annotator);
      return ok(await session());
    },

    openProject: async ({ path }) => openAt(path),

    openSampleProject: async () => openSample(),

    createProject: async ({ path, name }) => {
      const dir = resolveUserPath(path);
      let entries: string[] | null = null;
      try {
        if (!(await stat(dir)).isDirectory()) return fail('invalid-input', `${dir} is a file, not a folder.`, dir);
        entries = await readdir(dir);
      } catch (err) {
        if (!isErrno(err, 'ENOENT')) throw err;
      }
      if (entries?.includes('project.json')) {
        return fail('invalid-input', `${dir} is already a Factmark project; open it instead.`, dir);
      }
      if (entries && entries.some((e) => !OS_CLUTTER.has(e))) {
        return fail('invalid-input', `${dir} is not empty; choose a new or empty folder for the project.`, dir);
      }
      await makeFolder(dir);
      await writeProjectFile(dir, {
        schemaVersion: PROJECT_SCHEMA_VERSION,
        name,
        labels: DEFAULT_LABELS,
        relationTypes: DEFAULT_RELATION_TYPES,
        settings: { snapToWords: true },
      });
      await makeFolder(join(dir, 'documents'));
      await makeFolder(join(dir, 'annotations'));
      return openAt(dir);
    },

    chooseFolder: async ({ purpose }) => {
      if (!opts.host?.chooseFolder) {
        return fail('unsupported', 'Folder dialogs need the desktop app; type a path instead.');
      }
      const chosen = await opts.host.chooseFolder(purpose);
      // The user picked it in the OS dialog: exports may go there (see isConfined).
      if (chosen !== null) chosenFolders.add(chosen);
      return ok({ path: chosen });
    },

    getProject: async () => {
      const current = await currentProject();
      if (!current.ok) return current;
      return ok(await view(current.value.dir, current.value.project, await annotator()));
    },

    getDocument: async ({ docId }) => {
      const ctx = await documentContext(docId);
      if (!ctx.ok) return ctx;
      const { who, dir, project, meta, text, sha256, file, raw } = ctx.value;
      let stored = ctx.value.stored;
      let revision = ctx.value.revision;
      noteContent(file, raw);
      const textChanged = stored !== null && stored.textSha256 !== sha256;
      if (stored && !textChanged) {
        // Offsets outside the text would break the editor: such a file is set aside like any invalid one.
        const problem = validateSpans(text, stored.spans, allowedLabels(project, stored));
        if (problem) {
          await setAnnotationAside(annotationPath(dir, who, docId), problem, now());
          stored = null;
          revision = null;
        }
      }
      return ok({
        meta,
        text,
        status: stored?.status ?? 'todo',
        spans: stored?.spans ?? [],
        relations: stored?.relations ?? [],
        updatedAt: stored?.updatedAt ?? null,
        textChanged,
        revision,
        ...driftViews(text, sha256, stored, textChanged),
      });
    },

    // Saves of one document run one after another, so the last save requested is the one on disk.
    saveAnnotations: (input) => inOrder(`save:${input.docId}`, () => saveDocument(input)),

    importDocuments: async ({ files }) => {
      const current = await currentProject();
      if (!current.ok) return current;
      const { dir, project } = current.value;
      const unwritable = await unwritableReason(dir);
      if (unwritable !== null) return fail('read-only', `${unwritable} Nothing was imported.`);
      const decoded: ImportFile[] = [];
      const refused = new Map<number, string>();
      files.forEach((f, i) => {
        const b64 = f.base64.replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
          refused.set(i, `${f.name} did not arrive intact (its contents are not valid base64).`);
        }
        decoded.push({ name: f.name, bytes: refused.has(i) ? new Uint8Array() : Buffer.from(b64, 'base64') });
      });
      const imported = await importDocuments(
        dir,
        decoded.filter((_, i) => !refused.has(i)),
        now(),
      );
      // Results in the order the files were given.
      let next = 0;
      const results = files.map((f, i) => {
        const reason = refused.get(i);
        if (reason !== undefined) return { name: f.name, ok: false, notices: [], error: reason };
        const result = imported[next++];
        if (!result) throw new Error('importer returned fewer results than files');
        return result;
      });
      return ok({ results, project: await view(dir, project, await annotator()) });
    },

    exportProject: async (options) => {
      const req = await exportRequest(options);
      return req.ok ? exportNoted(req.value, () => exportProject(req.value)) : req;
    },

    listVersions: async ({ docId }) => {
      const ctx = await documentContext(docId);
      if (!ctx.ok) return ctx;
      return ok({ versions: await listVersions(ctx.value.dir, ctx.value.who, docId) });
    },

    restoreVersion: ({ docId, versionId }) =>
      inOrder(`save:${docId}`, async () => {
        const ctx = await documentContext(docId);
        if (!ctx.ok) return ctx;
        const version = await readVersion(ctx.value.dir, ctx.value.who, docId, versionId);
        if (!version) return fail('not-found', `Version ${versionId} of "${docId}" is not in its history (it may have been pruned).`);
        if (version.textSha256 !== ctx.value.sha256) {
          return fail('text-changed', `Version ${versionId} was made against another text of "${docId}", so it cannot be restored onto this one.`);
        }
        // Restoring is a save like any other; the state it replaces is kept first, so it can be undone.
        return saveDocument({ docId, status: version.status, spans: version.spans, relations: version.relations ?? [] }, { forceVersion: true });
      }),

    pollChanges: async ({ since }) => {
      const who = await annotator();
      if (projectPath === null || who === null) {
        return ok({ cursor: since, changes: [], readOnly: false, readOnlyReason: null });
      }
      const key = `${projectPath}\n${who}`;
      if (watcher?.key !== key) {
        await watcher?.watcher.close();
        watcher = { key, watcher: createProjectWatcher(projectPath, who) };
        // Changes are only seen once the initial scan is done: wait for it (bounded) so that the
        // first poll's answer means "from now on, every change is reported".
        await Promise.race([watcher.watcher.ready, new Promise((r) => setTimeout(r, WATCH_READY_MS))]);
      }
      const before = lockReason;
      const reason = await lockStatus(projectPath, who);
      // The other window closed (or took over): the UI reloads the project view.
      if ((before === null) !== (reason === null)) watcher.watcher.push('project', null);
      const { changes, cursor } = watcher.watcher.changesSince(since);
      const seen = new Set<string>();
      const unique = changes
        .map(({ kind, docId }) => ({ kind, docId }))
        .filter((c) => {
          const k = `${c.kind}:${c.docId ?? ''}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      return ok({ cursor, changes: unique, readOnly: reason !== null, readOnlyReason: reason, readOnlyKind: reason === null ? null : readOnlyKind });
    },

    repairDrift: ({ docId, textSha256, accept, place, drop }) =>
      inOrder(`save:${docId}`, async () => {
        const ctx = await documentContext(docId);
        if (!ctx.ok) return ctx;
        const { text, sha256, stored, textFile, revision } = ctx.value;
        if (!stored) return fail('not-found', `"${docId}" has no annotations of yours to repair.`);
        if (textSha256 !== undefined && textSha256 !== sha256) {
          return fail('text-changed', `The text of "${docId}" changed again since the repair was proposed; nothing was saved. Review the repair again.`, textFile);
        }
        const textChanged = stored.textSha256 !== sha256;
        const orphans = stored.orphans ?? [];
        if (!textChanged && orphans.length === 0) return fail('invalid-input', `"${docId}" needs no repair: its text did not change and it has no orphans.`);
        const plan = planDrift(text, textChanged ? stored.spans : [], orphans);
        const applied = applyRepair(text, stored.spans, orphans, plan, { accept, place, drop }, textChanged, now().toISOString());
        if (!applied.ok) return fail('invalid-input', applied.message);
        // Written like a save (validated, versioned first, against the current text's hash).
        return saveDocument(
          {
            docId,
            status: stored.status,
            spans: applied.spans,
            // A span left an orphan (or dropped) takes its relations with it.
            relations: (stored.relations ?? []).filter((r) => applied.spans.some((s) => s.id === r.from) && applied.spans.some((s) => s.id === r.to)),
            baseRevision: revision,
          },
          { forceVersion: true, repair: { orphans: applied.orphans } },
        );
      }),

    previewExport: async (options) => {
      const req = await exportRequest(options);
      return req.ok ? previewExport(req.value) : req;
    },

    startExport: async (options) => {
      const req = await exportRequest(options);
      if (!req.ok) return req;
      return ok({ jobId: exportJobs.start((onProgress) => exportNoted(req.value, () => exportProject({ ...req.value, onProgress }))) });
    },

    exportStatus: async ({ jobId }) => {
      const status = exportJobs.status(jobId);
      return status ? ok(status) : fail('not-found', 'That export is not known to this window (it may have finished long ago); start it again.');
    },

    exportedFiles: async ({ jobId }) => {
      const report = exportJobs.status(jobId)?.result;
      return report ? readExportedFiles(report) : fail('not-found', 'That export is not finished or not known to this window; its files are in the project’s exports folder.');
    },

    inspectDataset: async ({ files, format }) => {
      const current = await currentProject();
      if (!current.ok) return current;
      const decoded = decodeImportFiles(files);
      if (!decoded.ok) return decoded;
      return ok(inspectFiles(decoded.value, format, current.value.project));
    },

    importDataset: (input) => runDatasetImport(input),

    startImportDataset: async (input) => {
      const current = await currentProject();
      if (!current.ok) return current;
      return ok({ jobId: importJobs.start((progress) => guarded(() => runDatasetImport(input, progress))) });
    },

    importStatus: async ({ jobId }) => {
      const status = importJobs.status(jobId);
      return status ? ok(status) : fail('not-found', 'That import is not known to this window (it may have finished long ago).');
    },

    previewSchemaChange: async ({ labels, relationTypes, renames }) => {
      const current = await currentProject();
      if (!current.ok) return current;
      const planned = await planProjectChange(current.value.dir, current.value.project, { labels, relationTypes }, renames);
      return ok(planned.summary);
    },

    // One schema change at a time, and never while one of this window's saves is being written.
    applySchemaChange: (input) => inOrder('schema', () => applySchema(input)),

    listEntities: async () => {
      const current = await currentProject();
      if (!current.ok) return current;
      return ok({ entities: (await readEntities(current.value.dir, now())).entities });
    },

    // Edits of entities.json run one after another, so none is lost.
    saveEntity: (edit) =>
      inOrder('entities', async () => {
        const current = await currentProject();
        if (!current.ok) return current;
        const { dir } = current.value;
        const who = await annotator();
        if (who !== null) {
          const readOnly = await lockStatus(dir, who);
          if (readOnly !== null) return fail('read-only', `${readOnly} The entity was not saved.`);
        }
        const { entities } = await readEntities(dir, now());
        const applied = applyEntityEdit(entities, edit);
        if (!applied.ok) return applied;
        noteContent(entitiesPath(dir), await writeEntities(dir, applied.value.entities));
        const saved = (await readEntities(dir, now())).entities;
        return ok({ entity: applied.value.entity, entities: saved });
      }),

    checkExport: async (options) => {
      const req = await exportRequest({ ...options, outPath: undefined });
      return req.ok ? checkExportRecords(req.value) : req;
    },

    getSuggestions: async ({ docId }) => {
      const ctx = await documentContext(docId);
      if (!ctx.ok) return ctx;
      const { dir, who, text, sha256, stored } = ctx.value;
      return documentSuggestions({ dir, who, docId, text, sha256, stored, now: now().toISOString(), pool: suggestPool() });
    },

    // Rejections of one document run one after another, so none is lost.
    rejectSuggestion: ({ docId, suggestionId, span }) =>
      inOrder(`suggestions:${docId}`, async () => {
        const ctx = await documentContext(docId);
        if (!ctx.ok) return ctx;
        const { dir, who, text, sha256, stored } = ctx.value;
        const readOnly = await lockStatus(dir, who);
        if (readOnly !== null) return fail('read-only', `${readOnly} The rejection was not saved.`);
        return rejectDocumentSuggestion({ dir, who, docId, text, sha256, stored, now: now().toISOString(), pool: suggestPool() }, { suggestionId, span });
      }),

    // Project sync over git and blind mode (syncService.ts).
    ...syncHandlers({ currentProject, annotator, lockStatus, view, now, inOrder }),

    getAgreement: async ({ annotators, labels }) => {
      const current = await currentProject();
      if (!current.ok) return current;
      return projectAgreement({ dir: current.value.dir, project: current.value.project, annotators, labels });
    },

    getCuration: async ({ docId, policy, annotators }) => {
      const current = await currentProject();
      if (!current.ok) return current;
      return curationView({ dir: current.value.dir, project: current.value.project, docId, policy, annotators, reader: await annotator(), now: now() });
    },

    // Gold saves of one document run one after another, like any save.
    saveGold: (input) =>
      inOrder(`gold:${input.docId}`, async () => {
        const who = await annotator();
        if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
        const current = await currentProject();
        if (!current.ok) return current;
        return saveGold({ ...input, dir: current.value.dir, project: current.value.project, adjudicator: who, reader: who, now: now() });
      }),

    // Claim review across documents and its decisions in claims.json (reviewHandlers.ts).
    ...reviewHandlers({
      currentProject,
      annotator,
      lockStatus,
      inOrder,
      now,
      version: opts.version,
      allowedOutDir: async (outDir, dir) => opts.trustedPaths === true || isConfined(outDir, dir, [dir, ...chosenFolders]),
      writeAnnotationFiles: async (dir, writes) => {
        // Known to the watcher before they land, so this window does not report its own writes.
        for (const w of writes) noteContent(w.file, w.content);
        try {
          await commitFiles(dir, writes, { now: now() });
        } catch (err) {
          for (const w of writes) noteContent(w.file, w.previous);
          throw err;
        }
        for (const w of writes) lastWritten.set(w.file, sha256Hex(w.content));
      },
    }),
  };
  const service = guardAll(handlers) as FactmarkService;
  service.dispose = async () => {
    // Nothing lost on close or quit: saves and schema changes already asked for are written first;
    // then the lock goes (another window or process may write from then on), whatever the
    // suggestion worker and the file watcher take to stop.
    while (queues.size > 0) await Promise.allSettled([...queues.values()]);
    // The learning those saves and rejections started writes under .factmark/ and needs the worker.
    await allLearningSettled();
    await lock.dispose();
    const stopping = [pool?.close(), watcher?.watcher.close()];
    pool = null;
    watcher = null;
    await Promise.allSettled(stopping);
  };
  return service;
}

/** The repair proposal (text changed) and the orphans waiting to be placed, for DocumentView. */
function driftViews(text: string, sha256: string, stored: AnnotationFile | null, textChanged: boolean) {
  if (!stored) return { drift: null, orphans: [] };
  if (textChanged) return { drift: { ...planDrift(text, stored.spans, stored.orphans ?? []), textSha256: sha256 }, orphans: [] };
  return { drift: null, orphans: planDrift(text, [], stored.orphans ?? []).orphans };
}

/** Run work so it answers a Result whatever happens: file-system errors name their file. */
async function guarded<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof FileBusyError || err instanceof JournalBusyError) return fail('busy', err.message);
    return ioFailure(err) ?? fail('internal', `Unexpected error: ${errorMessage(err)}`);
  }
}

/** Wrap every handler so it answers a Result whatever happens. */
function guardAll(handlers: FactmarkHandlers): FactmarkHandlers {
  const wrapped: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<Result<unknown>>][]) {
    wrapped[name] = (input) => guarded(() => handler(input));
  }
  return wrapped as unknown as FactmarkHandlers;
}

const isOperationName = (name: string): name is OperationName => Object.prototype.hasOwnProperty.call(contract, name);

/**
 * The one entry point for untrusted callers (IPC, HTTP): checks the operation name and its
 * input against the contract, then runs the handler. Never throws.
 */
export async function dispatch(handlers: FactmarkHandlers, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (typeof name !== 'string' || !isOperationName(name)) {
    return fail('invalid-input', `Unknown operation "${String(name).slice(0, 80)}".`);
  }
  const parsed = parseInput(name, rawInput);
  if (!parsed.ok) return fail('invalid-input', parsed.message);
  try {
    const handler = handlers[name] as (input: ParsedInput<OperationName>) => Promise<Result<OperationOutput<OperationName>>>;
    return await handler(parsed.value);
  } catch (err) {
    return fail('internal', `Unexpected error: ${errorMessage(err)}`);
  }
}
