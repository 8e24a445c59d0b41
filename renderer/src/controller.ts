import type { ArticleViewHandle } from './article/ArticleView';
import type { DatasetImportReport, ExportReport, ProjectView, SessionView } from '../../shared/api/views';
import type { ExportOptionsInput } from '../../shared/formats/exportOptions';
import type { ErrorCode, Result } from '../../shared/api/result';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import type { AttributeValue, LabelDef, RelationType } from '../../shared/model/schemas';
import type { SchemaChangeSummary, SchemaRenames } from '../../shared/model/schemaEdits';
import { bridge, isElectron } from './bridge';
import { appStore, setOverlay, showToast } from './stores/appStore';
import { createDocumentStore, type ConflictChoice } from './stores/documentStore';
import { filterDocuments, neighbourDocument, nextUndoneDocument } from './stores/documentFilters';
import { bytesToBase64 } from './support/base64';
import { importStore } from './stores/importStore';
import type { LabelDecision } from '../../shared/formats/labelMapping';
import { newSpanId } from './support/ids';
import { sweepingTagQuestion } from './article/sweepingTagQuestion';
import { askConfirm } from './confirm/confirmStore';

/**
 * The app's actions: what buttons, keyboard shortcuts and menu commands do. Components and the
 * keyboard handler call these; state lives in appStore and documentStore.
 */
export const documentStore = createDocumentStore({
  api: bridge,
  onProjectUpdated: (project) => setProject(project),
  newId: newSpanId,
  now: () => new Date().toISOString(),
  schema: () => ({ labels: appStore.get().project?.labels ?? [], relationTypes: appStore.get().project?.relationTypes ?? [] }),
});

/** The mounted article view (set by the article pane). */
export const article: { current: ArticleViewHandle | null; selectedWithAlt: boolean } = {
  current: null,
  selectedWithAlt: false,
};

/** Every new project view goes through here: the lock state travels with it. */
function setProject(project: ProjectView | null): void {
  documentStore.setLocked(project?.readOnlyReason ?? null);
  appStore.set({ project });
}

const toastError = (result: { ok: false; error: { message: string } }) => showToast(result.error.message, 'error');

// ---------------------------------------------------------------- session and projects

function applySession(session: SessionView): void {
  documentStore.setLocked(session.project?.readOnlyReason ?? null);
  appStore.set({
    phase: 'ready',
    session,
    project: session.project,
    projectError: session.project ? null : session.projectError,
  });
}

/** Open the first document that is not done yet (else the first one). */
async function openInitialDocument(project: ProjectView | null): Promise<void> {
  if (!project || !appStore.get().session?.annotator) return;
  const first = project.documents.find((d) => d.status !== 'done') ?? project.documents[0];
  if (first) await openDocument(first.id);
}

export async function start(): Promise<void> {
  const result = await bridge.getSession({});
  if (!result.ok) {
    appStore.set({ phase: 'fatal', fatalMessage: result.error.message });
    return;
  }
  applySession(result.value);
  await openInitialDocument(result.value.project);
}

export async function saveAnnotator(name: string): Promise<string | null> {
  const flushed = await documentStore.close();
  if (!flushed.ok) return flushed.message;
  const result = await bridge.setAnnotator({ name });
  if (!result.ok) return result.error.message;
  applySession(result.value);
  setOverlay(null);
  // Statuses and spans belong to the annotator: reload the project view for the new name.
  const project = result.value.project ? await bridge.getProject({}) : null;
  if (project && project.ok) setProject(project.value);
  await openInitialDocument(project && project.ok ? project.value : result.value.project);
  return null;
}

async function refreshSession(): Promise<void> {
  const result = await bridge.getSession({});
  if (result.ok) appStore.set({ session: result.value });
}

/** Save the open document, run a project operation, and show the project it answers. */
async function switchProject(run: () => Promise<Result<ProjectView>>, inDialog: boolean): Promise<string | null> {
  // Errors go where the user acted: into the dialog, else a toast.
  const report = (message: string) => {
    if (!inDialog) showToast(message, 'error');
    return message;
  };
  if (!(await documentStore.flush())) {
    return report('The open document could not be saved, so the project was not switched. Retry the save first.');
  }
  const result = await run();
  if (!result.ok) return report(result.error.message);
  await documentStore.close();
  documentStore.setLocked(result.value.readOnlyReason);
  appStore.set({ project: result.value, projectError: null, statusFilter: 'all', search: '' });
  setOverlay(null);
  await refreshSession();
  await openInitialDocument(result.value);
  return null;
}

export const openProjectAt = (path: string, inDialog = false) => switchProject(() => bridge.openProject({ path }), inDialog);
export const openSampleProject = () => switchProject(() => bridge.openSampleProject({}), false);
export const createProjectAt = (path: string, name: string) =>
  switchProject(() => bridge.createProject({ path, name }), true);

/** Native folder picker (Electron); null when cancelled or unavailable. */
export async function chooseFolder(purpose: 'open' | 'create' | 'export'): Promise<string | null> {
  const result = await bridge.chooseFolder({ purpose });
  if (!result.ok) {
    if (result.error.code !== 'unsupported') toastError(result);
    return null;
  }
  return result.value.path;
}

/** "Open project": the native dialog where there is one, else the path dialog. */
export async function openProjectCommand(): Promise<void> {
  if (appStore.get().session?.nativeDialogs) {
    const path = await chooseFolder('open');
    if (path) await openProjectAt(path);
    return;
  }
  setOverlay('open-project');
}

// ---------------------------------------------------------------- documents

export async function openDocument(docId: string): Promise<void> {
  if (documentStore.get().docId === docId && documentStore.get().doc) return;
  appStore.set({ hasTextSelection: false });
  const result = await documentStore.open(docId);
  // A load overtaken by a later choice (a click while the first document opens) is not an error.
  if (!result.ok && !result.superseded) showToast(result.message, 'error');
  if (result.ok && result.notice) showToast(result.notice);
}

/** The list as shown (filtered), for previous/next. */
function visibleDocuments() {
  const { project, statusFilter, search } = appStore.get();
  return project ? filterDocuments(project.documents, statusFilter, search) : [];
}

export async function goToNeighbour(delta: 1 | -1): Promise<void> {
  const target = neighbourDocument(visibleDocuments(), documentStore.get().docId, delta);
  if (target) await openDocument(target);
  else showToast(delta === 1 ? 'This is the last document in the list.' : 'This is the first document in the list.');
}

/** Ctrl+Enter: mark done, save, and move on to the next document that is not done. */
export async function markDoneAndNext(): Promise<void> {
  const state = documentStore.get();
  if (!state.doc) return;
  if (!state.doc.textChanged) {
    documentStore.setStatus('done');
    if (!(await documentStore.flush())) {
      showToast('The document could not be saved as done; see the save state above the article.', 'error');
      return;
    }
  }
  const docs = appStore.get().project?.documents ?? [];
  const live = docs.map((d) => (d.id === state.docId ? { ...d, status: 'done' as const } : d));
  const next = nextUndoneDocument(live, state.docId);
  if (next) await openDocument(next);
  else showToast('All documents are done. Well done!');
}

// ---------------------------------------------------------------- tagging

/** A label key or palette click: tag the selected text, or relabel the selected span. */
export function applyLabel(label: LabelDef, exact: boolean): void {
  const state = documentStore.get();
  if (!state.doc) return;
  const range = article.current?.getSelectedRange() ?? null;
  if (range && range.start !== range.end) {
    const project = appStore.get().project;
    const words = (project?.snapToWords ?? true) && !exact && !article.selectedWithAlt;
    // Ctrl+A (or a long keyboard selection) then a label key: ask before one span covers it all.
    const question = sweepingTagQuestion(label, state.doc.text, range);
    if (question) void askConfirm(question).then((ok) => ok && tagSelection(label, range, words));
    else tagSelection(label, range, words);
    return;
  }
  if (state.doc.selectedSpanId) {
    const result = documentStore.relabelSelected(label.id);
    if (!result.ok) showToast(result.message, 'error');
    return;
  }
  showToast(`Select some text in the article first, then press ${label.hotkeys[0] ?? 'a label'} to tag it as ${label.name}.`);
}

function tagSelection(label: LabelDef, range: { start: number; end: number }, words: boolean): void {
  const result = documentStore.tagRange(range, label.id, words);
  if (!result.ok) {
    showToast(result.message, 'error');
    return;
  }
  article.current?.clearSelection();
  article.selectedWithAlt = false;
  appStore.set({ hasTextSelection: false });
}

export function removeSelectedSpan(): void {
  const state = documentStore.get();
  if (!state.doc?.selectedSpanId && !state.doc?.selectedRelationId) return;
  const result = documentStore.removeSelected();
  if (!result.ok) showToast(result.message, 'error');
}

export function selectSpan(spanId: string | null, scroll: boolean): void {
  documentStore.selectSpan(spanId);
  if (spanId && scroll) article.current?.scrollToSpan(spanId);
}

/** Esc: drop the text selection, the selected span and any overlay. */
export function escape(): void {
  article.current?.clearSelection();
  article.selectedWithAlt = false;
  documentStore.selectSpan(null);
  appStore.set({ overlay: null, hasTextSelection: false });
}

// ---------------------------------------------------------------- import and export

/** Files that carry annotations or need extraction go through the dataset importer. */
// .conf (brat's configuration), .conll and .csv (Factmark's own exports) go to the dialog, which says why they are not documents.
const DATASET_FILE = /\.(html?|json|jsonl|jsonld|ndjson|ann|conf|conll|csv)$/i;
const IMPORTABLE_FILE = /\.(txt|md|markdown|html?|json|jsonl|jsonld|ndjson|ann|conf|conll|csv)$/i;

/** The picked files a pattern accepts, read as base64; each refused one is named in a toast. */
async function readPickedFiles(files: readonly File[], accepts: RegExp): Promise<{ name: string; base64: string }[]> {
  const accepted: { name: string; base64: string }[] = [];
  for (const file of files) {
    if (!accepts.test(file.name)) {
      showToast(`${file.name} was not imported: Factmark imports .txt, .md, .html, .jsonl, .json/.jsonld (Label Studio, doccano, W3C) and brat .ann files.`, 'error');
    } else if (file.size > MAX_IMPORT_BYTES) {
      showToast(`${file.name} was not imported: it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, 'error');
    } else {
      accepted.push({ name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
    }
  }
  return accepted;
}

export async function importFiles(files: readonly File[]): Promise<void> {
  if (files.some((f) => DATASET_FILE.test(f.name))) {
    await inspectDatasetFiles(files);
    return;
  }
  const accepted = await readPickedFiles(files, /\.(txt|md)$/i);
  if (accepted.length === 0) return;
  const result = await bridge.importDocuments({ files: accepted });
  if (!result.ok) {
    toastError(result);
    return;
  }
  setProject(result.value.project);
  const imported = result.value.results.filter((r) => r.ok);
  for (const r of result.value.results) {
    if (!r.ok) showToast(r.error ?? `${r.name} was not imported.`, 'error');
    else if (r.notices.length > 0) showToast(`${r.name}: ${r.notices.join(' ')}`);
  }
  if (imported.length > 0) {
    showToast(imported.length === 1 ? `Imported ${imported[0]?.name}.` : `Imported ${imported.length} documents.`);
    if (!documentStore.get().docId && imported[0]?.docId) await openDocument(imported[0].docId);
  }
}

/** Read the files, ask the services what they hold, and show the import dialog. */
async function inspectDatasetFiles(files: readonly File[]): Promise<void> {
  const accepted = await readPickedFiles(files, IMPORTABLE_FILE);
  if (accepted.length === 0) return;
  const inspected = await bridge.inspectDataset({ files: accepted, format: 'auto' });
  if (!inspected.ok) {
    toastError(inspected);
    return;
  }
  importStore.set({ pending: { files: accepted, inspection: inspected.value, busy: false } });
  setOverlay('import-dataset');
}

/** Import the pending files with the user's label decisions; answers an error message or null. */
export async function confirmDatasetImport(labels: Record<string, LabelDecision>): Promise<string | null> {
  const pending = importStore.get().pending;
  if (!pending) return null;
  importStore.set({ pending: { ...pending, busy: true } });
  // The new documents' spans go to this annotator's files: save the open document first.
  await documentStore.flush();
  const result = await runDatasetImport(labels, (progress) => {
    const now = importStore.get().pending;
    if (now) importStore.set({ pending: { ...now, progress } });
  });
  importStore.set({ pending: { ...pending, busy: false, progress: null } });
  if (!result.ok) return result.error.message;
  setProject(result.value.project);
  importStore.set({ pending: null });
  setOverlay(null);
  const done = result.value.files.filter((f) => f.ok);
  for (const f of result.value.files) if (!f.ok) showToast(f.error?.message ?? `${f.name} was not imported.`, 'error');
  // What the label decisions made the import leave out (attributes, relations) was not in the dialog yet: say it now.
  const shown = new Set(pending.inspection.files.flatMap((f) => f.warnings));
  for (const f of result.value.files) for (const w of f.warnings) if (!shown.has(w)) showToast(w);
  const spans = done.reduce((n, f) => n + f.spans, 0);
  const docs = done.reduce((n, f) => n + (f.docIds?.length ?? 0), 0);
  if (docs > 0) {
    const added = result.value.addedLabels.map((l) => l.name);
    showToast(`Imported ${docs} document${docs === 1 ? '' : 's'} with ${spans} span${spans === 1 ? '' : 's'}${added.length ? `; added labels ${added.join(', ')}` : ''}.`);
    const first = done[0]?.docIds?.[0];
    if (first) await openDocument(first);
  }
  return null;
}

/** The import runs in the background and is polled, so a long one shows how far it is (IPC and HTTP alike). */
async function runDatasetImport(labels: Record<string, LabelDecision>, onProgress: (text: string) => void): Promise<Result<DatasetImportReport>> {
  const pending = importStore.get().pending;
  if (!pending) return { ok: false as const, error: { code: 'internal' as const, message: 'Nothing to import.' } };
  const started = await bridge.startImportDataset({ files: pending.files, format: 'auto', labels });
  if (!started.ok) return started;
  for (;;) {
    const status = await bridge.importStatus({ jobId: started.value.jobId });
    if (!status.ok) return status;
    const s = status.value;
    if (s.finished) {
      if (s.result) return { ok: true as const, value: s.result };
      return { ok: false as const, error: { code: (s.error?.code ?? 'internal') as ErrorCode, message: s.error?.message ?? 'The import ended without a result.' } };
    }
    if (s.phase !== null && s.total > 0) {
      const what = s.phase === 'planning' ? 'Preparing documents' : 'Writing files';
      onProgress(`${what}: ${s.done.toLocaleString()} of ${s.total.toLocaleString()}${s.filesTotal > 1 ? ` (file ${Math.min(s.filesDone + 1, s.filesTotal)} of ${s.filesTotal})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function cancelDatasetImport(): void {
  importStore.set({ pending: null });
  setOverlay(null);
}

export async function runExport(
  options: Omit<ExportOptionsInput, 'outPath'> & { outPath: string },
  onProgress: (done: number, total: number) => void = () => undefined,
  onStarted: (jobId: string) => void = () => undefined,
): Promise<Result<ExportReport>> {
  // Export what is on screen: save the open document first.
  if (!(await documentStore.flush())) {
    return { ok: false as const, error: { code: 'io' as const, message: 'The open document could not be saved, so the export would miss your latest changes. Retry the save first.' } };
  }
  const outPath = options.outPath.trim();
  // Started in the background and polled, so a long export shows its progress (IPC and HTTP alike).
  const started = await bridge.startExport({ ...options, outPath: outPath || undefined });
  if (!started.ok) return started;
  onStarted(started.value.jobId);
  for (;;) {
    const status = await bridge.exportStatus({ jobId: started.value.jobId });
    if (!status.ok) return status;
    const s = status.value;
    onProgress(s.done, s.total);
    if (s.finished) {
      if (s.result) return { ok: true as const, value: s.result };
      return { ok: false as const, error: { code: (s.error?.code ?? 'internal') as ErrorCode, message: s.error?.message ?? 'The export ended without a result.' } };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The check before an export: what the documents it would hold lack (claimants, values, required attributes). */
export async function checkExport(options: Omit<ExportOptionsInput, 'outPath'>) {
  // Check what is on screen: save the open document first.
  await documentStore.flush();
  return bridge.checkExport(options);
}

/** "Jump to" a problem: close the dialog, open the document (when it is this annotator's) and select the span. */
export async function jumpToSpan(docId: string, spanId: string): Promise<void> {
  setOverlay(null);
  await openDocument(docId);
  if (documentStore.get().doc?.history.present.spans.some((s) => s.id === spanId)) selectSpan(spanId, true);
  else showToast('That span is in another annotator’s annotations of this document; open the project as that annotator to fix it.');
}

/** The first record of an export with these options, as it would be written. */
export function previewExport(options: Omit<ExportOptionsInput, 'outPath'>) {
  return bridge.previewExport(options);
}

/** The hidden file input lives in the document list; buttons and the menu open it. */
export function openImportPicker(): void {
  document.querySelector<HTMLInputElement>('input[data-testid=import-input]')?.click();
}

// ---------------------------------------------------------------- menu and window

export function runMenuCommand(command: string): void {
  if (command === 'new-project') setOverlay('new-project');
  else if (command === 'open-project') void openProjectCommand();
  else if (command === 'open-sample') void openSampleProject();
  else if (command.startsWith('open-recent:')) void openProjectAt(command.slice('open-recent:'.length));
  else if (command === 'import') openImportPicker();
  else if (command === 'export') setOverlay('export');
  else if (command === 'schema' || command === 'agreement' || command === 'review') setOverlay(appStore.get().project ? command : null);
  // Loaded when used: the sync actions import this module.
  else if (command === 'sync') void import('./sync/syncActions').then((m) => m.syncFromMenu());
  else if (command === 'shortcuts') setOverlay(appStore.get().overlay === 'shortcuts' ? null : 'shortcuts');
  else if (command === 'about') setOverlay('about');
}

/**
 * Closing with unsaved changes: ask the browser to hold the page, save, and (Electron, which
 * cancels a close silently) close the window once the save is done.
 */
export function installUnloadGuard(): () => void {
  let closingAfterFlush = false;
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!documentStore.hasUnsaved()) return;
    event.preventDefault();
    event.returnValue = '';
    if (closingAfterFlush) return;
    closingAfterFlush = true;
    void documentStore.flush().then((saved) => {
      closingAfterFlush = false;
      if (saved && isElectron()) window.close();
    });
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}

export function installMenuCommands(): () => void {
  return bridge.onMenuCommand?.(runMenuCommand) ?? (() => undefined);
}

// ---------------------------------------------------------------- history, changes on disk, lock

/** Restore a kept version of the open document (the current state is kept too: undoable). */
export async function restoreVersion(versionId: string, savedAt: string): Promise<string | null> {
  const result = await documentStore.restore(versionId);
  if (!result.ok) return result.message;
  setOverlay(null);
  showToast(`Restored the version saved ${new Date(savedAt).toLocaleString()}.`);
  return null;
}

export async function resolveConflict(choice: ConflictChoice): Promise<void> {
  const result = await documentStore.resolveConflict(choice);
  if (!result.ok) {
    showToast(result.message, 'error');
    return;
  }
  const done = { mine: 'Kept your version; the one from disk is in History.', theirs: 'Took the version from disk; yours is in History.', both: 'Kept the spans of both versions; the one from disk is in History.' };
  showToast(done[choice]);
}

async function refreshProject(): Promise<void> {
  const result = await bridge.getProject({});
  if (result.ok) setProject(result.value);
}

let pollCursor = 0;
let polling = false;

/** One poll: what others changed on disk, and whether this window may write. */
export async function pollChanges(): Promise<void> {
  if (polling || !appStore.get().project) return;
  polling = true;
  try {
    const result = await bridge.pollChanges({ since: pollCursor });
    if (!result.ok) return;
    const { changes, cursor, readOnlyReason } = result.value;
    pollCursor = cursor;
    const lockChanged = (appStore.get().project?.readOnlyReason ?? null) !== readOnlyReason;
    documentStore.setLocked(readOnlyReason);
    if (changes.length > 0 || lockChanged) await refreshProject();
    const openId = documentStore.get().docId;
    if (openId && changes.some((c) => c.docId === openId && (c.kind === 'annotation' || c.kind === 'document'))) {
      const history = documentStore.get().doc?.history;
      const outcome = await documentStore.externalChange();
      // Undoing would put back what was there before their change: the history starts again.
      const undone = history && (history.past.length > 0 || history.future.length > 0) ? ' Its undo history starts again from this version.' : '';
      if (outcome === 'reloaded') showToast(`Reloaded: this document changed on disk.${undone}`);
    }
  } finally {
    polling = false;
  }
}

export const CHANGE_POLL_MS = 1500;

/** Ask for changes on disk every CHANGE_POLL_MS (the same over IPC and HTTP). */
export function installChangePoller(): () => void {
  const timer = setInterval(() => void pollChanges(), CHANGE_POLL_MS);
  return () => clearInterval(timer);
}

// ---------------------------------------------------------------- attributes and the label schema

/** Set the attribute values of a span of the open document (undoable). */
export function setSpanAttributes(spanId: string, values: Record<string, AttributeValue>): void {
  const result = documentStore.setSpanAttributes(spanId, values);
  if (!result.ok) showToast(result.message, 'error');
}

export type SchemaChange = { labels: LabelDef[]; relationTypes: RelationType[]; renames: SchemaRenames };

/** What a schema change would do to the project's files; writes nothing. */
export function previewSchemaChange(change: SchemaChange) {
  return bridge.previewSchemaChange(change);
}

/** Apply a schema change to project.json and every annotation file; the open document is reloaded. */
export async function applySchemaChange(change: SchemaChange, confirmDeletes: boolean): Promise<Result<SchemaChangeSummary>> {
  // The open document's edits land first, so the migration includes them.
  if (!(await documentStore.flush())) {
    return { ok: false, error: { code: 'io', message: 'The open document could not be saved, so the schema was not changed. Retry the save first.' } };
  }
  const result = await bridge.applySchemaChange({ ...change, confirmDeletes });
  if (!result.ok) return result;
  setProject(result.value.project);
  await documentStore.reload();
  return { ok: true, value: result.value.summary };
}
