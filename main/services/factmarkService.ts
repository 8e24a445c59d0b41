import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import {
  contract,
  parseInput,
  type FactmarkHandlers,
  type OperationName,
  type OperationOutput,
  type ParsedInput,
} from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ProjectView, SessionView } from '../../shared/api/views';
import { sortSpans, validateSpans } from '../../shared/annotation/operations';
import { DEFAULT_LABELS } from '../../shared/model/labels';
import {
  ANNOTATION_SCHEMA_VERSION,
  PROJECT_SCHEMA_VERSION,
  annotatorNameSchema,
  type AnnotationFile,
  type ProjectFile,
  type Span,
} from '../../shared/model/schemas';
import { resolveUserPath } from '../paths';
import { isErrno } from './atomicJson';
import { importDocuments, type ImportFile } from './documentImporter';
import { errorMessage, ioFailure } from './ioErrors';
import { exportProject } from './projectExporter';
import {
  annotationPath,
  documentTextPath,
  readAnnotation,
  readDocumentMeta,
  readProjectFile,
  setAnnotationAside,
  writeAnnotation,
  writeProjectFile,
} from './projectStore';
import { buildProjectView } from './projectView';
import { ensureSampleProject, sampleProjectDir } from './sampleProject';
import { readSettings, updateSettings, withRecentProject } from './settingsStore';
import { readTextFile } from './textHash';

export interface ServiceHost {
  chooseFolder?(purpose: 'open' | 'create' | 'export'): Promise<string | null>;
}

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
  /** The clock; tests pin it. */
  now?: () => Date;
}

const NEED_ANNOTATOR = 'Choose your annotator name first.';
const NO_PROJECT = 'No project is open; open or create one first.';
/** Files an OS puts into any folder: they do not make a folder "not empty" for a new project. */
const OS_CLUTTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

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
export function createFactmarkService(opts: ServiceOptions): FactmarkHandlers {
  const now = opts.now ?? (() => new Date());
  let projectPath: string | null = null;
  let projectError: SessionView['projectError'] = null;
  let annotatorOverride: string | null = opts.annotator ?? null;
  /** The first getSession opens a project by itself; after any open attempt the user's choice stands. */
  let openAttempted = false;

  const annotator = async () => annotatorOverride ?? (await readSettings(opts.dataDir)).annotator;

  async function isSample(dir: string): Promise<boolean> {
    try {
      return (await realpath(sampleProjectDir(opts.dataDir))) === dir;
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async function view(dir: string, project: ProjectFile, who: string | null): Promise<ProjectView> {
    return buildProjectView({ dir, project, annotator: who, isSample: await isSample(dir), now: now() });
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
      const projectView = await view(real, read.value, await annotator());
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
      annotator: annotatorOverride ?? settings.annotator,
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
    const read = await readAnnotation(dir, who, docId, now());
    const stored = read.kind === 'ok' ? read.annotation : null;
    return ok({ who, dir, project, meta, textFile, ...text, stored });
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

  async function saveDocument({ docId, status, spans }: ParsedInput<'saveAnnotations'>): Promise<Result<OperationOutput<'saveAnnotations'>>> {
    const ctx = await documentContext(docId);
    if (!ctx.ok) return ctx;
    const { who, dir, project, text, sha256, stored, textFile } = ctx.value;
    if (stored && stored.textSha256 !== sha256) {
      return fail(
        'text-changed',
        `The text of "${docId}" changed after it was annotated, so its annotations are read-only; nothing was saved.`,
        textFile,
      );
    }
    const problem = validateSpans(text, spans, allowedLabels(project, stored));
    if (problem) return fail('bad-span', problem);
    const full: Span[] = sortSpans(
      spans.map((s) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        label: s.label,
        quote: text.slice(s.start, s.end),
        createdAt: s.createdAt,
        updatedAt: s.updatedAt,
      })),
    );
    const updatedAt = now().toISOString();
    await writeAnnotation(dir, {
      schemaVersion: ANNOTATION_SCHEMA_VERSION,
      docId,
      textSha256: sha256,
      annotator: who,
      // A document with tags is started even if the UI did not say so.
      status: status === 'todo' && full.length > 0 ? 'in_progress' : status,
      spans: full,
      updatedAt,
    });
    return ok({ updatedAt, project: await view(dir, project, who) });
  }

  const handlers: FactmarkHandlers = {
    getSession: async () => ok(await session()),

    setAnnotator: async ({ name }) => {
      await updateSettings(opts.dataDir, (s) => ({ ...s, annotator: name }));
      annotatorOverride = null;
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
      await mkdir(dir, { recursive: true });
      await writeProjectFile(dir, {
        schemaVersion: PROJECT_SCHEMA_VERSION,
        name,
        labels: DEFAULT_LABELS,
        settings: { snapToWords: true },
      });
      await mkdir(join(dir, 'documents'), { recursive: true });
      await mkdir(join(dir, 'annotations'), { recursive: true });
      return openAt(dir);
    },

    chooseFolder: async ({ purpose }) => {
      if (!opts.host?.chooseFolder) {
        return fail('unsupported', 'Folder dialogs need the desktop app; type a path instead.');
      }
      return ok({ path: await opts.host.chooseFolder(purpose) });
    },

    getProject: async () => {
      const current = await currentProject();
      if (!current.ok) return current;
      return ok(await view(current.value.dir, current.value.project, await annotator()));
    },

    getDocument: async ({ docId }) => {
      const ctx = await documentContext(docId);
      if (!ctx.ok) return ctx;
      const { who, dir, project, meta, text, sha256 } = ctx.value;
      let stored = ctx.value.stored;
      const textChanged = stored !== null && stored.textSha256 !== sha256;
      if (stored && !textChanged) {
        // Offsets outside the text would break the editor: such a file is set aside like any invalid one.
        const problem = validateSpans(text, stored.spans, allowedLabels(project, stored));
        if (problem) {
          await setAnnotationAside(annotationPath(dir, who, docId), problem, now());
          stored = null;
        }
      }
      return ok({
        meta,
        text,
        status: stored?.status ?? 'todo',
        spans: stored?.spans ?? [],
        updatedAt: stored?.updatedAt ?? null,
        textChanged,
      });
    },

    // Saves of one document run one after another, so the last save requested is the one on disk.
    saveAnnotations: (input) => inOrder(`save:${input.docId}`, () => saveDocument(input)),

    importDocuments: async ({ files }) => {
      const current = await currentProject();
      if (!current.ok) return current;
      const { dir, project } = current.value;
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

    exportProject: async ({ unit, scope, outPath }) => {
      const who = await annotator();
      if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
      const current = await currentProject();
      if (!current.ok) return current;
      return exportProject({
        dir: current.value.dir,
        project: current.value.project,
        annotator: who,
        unit,
        scope,
        ...(outPath !== undefined ? { outPath } : {}),
        version: opts.version,
        now: now(),
      });
    },
  };
  return guardAll(handlers);
}

/** Wrap every handler so it answers a Result whatever happens. */
function guardAll(handlers: FactmarkHandlers): FactmarkHandlers {
  const guarded: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<Result<unknown>>][]) {
    guarded[name] = async (input) => {
      try {
        return await handler(input);
      } catch (err) {
        return ioFailure(err) ?? fail('internal', `Unexpected error: ${errorMessage(err)}`);
      }
    };
  }
  return guarded as unknown as FactmarkHandlers;
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
