import type { ArticleViewHandle } from './article/ArticleView';
import type { ProjectView, SessionView } from '../../shared/api/views';
import type { Result } from '../../shared/api/result';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import type { LabelDef } from '../../shared/model/schemas';
import { bridge, isElectron } from './bridge';
import { appStore, setOverlay, showToast } from './stores/appStore';
import { createDocumentStore } from './stores/documentStore';
import { filterDocuments, neighbourDocument, nextUndoneDocument } from './stores/documentFilters';
import { bytesToBase64 } from './support/base64';
import { newSpanId } from './support/ids';

/**
 * The app's actions: what buttons, keyboard shortcuts and menu commands do. Components and the
 * keyboard handler call these; state lives in appStore and documentStore.
 */
export const documentStore = createDocumentStore({
  api: bridge,
  onProjectUpdated: (project) => appStore.set({ project }),
  newId: newSpanId,
  now: () => new Date().toISOString(),
});

/** The mounted article view (set by the article pane). */
export const article: { current: ArticleViewHandle | null; selectedWithAlt: boolean } = {
  current: null,
  selectedWithAlt: false,
};

const toastError = (result: { ok: false; error: { message: string } }) => showToast(result.error.message, 'error');

// ---------------------------------------------------------------- session and projects

function applySession(session: SessionView): void {
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
  if (project && project.ok) appStore.set({ project: project.value });
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
  if (!result.ok) showToast(result.message, 'error');
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
    const result = documentStore.tagRange(range, label.id, words);
    if (!result.ok) {
      showToast(result.message, 'error');
      return;
    }
    article.current?.clearSelection();
    article.selectedWithAlt = false;
    appStore.set({ hasTextSelection: false });
    return;
  }
  if (state.doc.selectedSpanId) {
    const result = documentStore.relabelSelected(label.id);
    if (!result.ok) showToast(result.message, 'error');
    return;
  }
  showToast(`Select some text in the article first, then press ${label.hotkeys[0] ?? 'a label'} to tag it as ${label.name}.`);
}

export function removeSelectedSpan(): void {
  const state = documentStore.get();
  if (!state.doc?.selectedSpanId) return;
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

export async function importFiles(files: readonly File[]): Promise<void> {
  const accepted: { name: string; base64: string }[] = [];
  for (const file of files) {
    if (!/\.(txt|md)$/i.test(file.name)) {
      showToast(`${file.name} was not imported: only .txt and .md files can be imported.`, 'error');
    } else if (file.size > MAX_IMPORT_BYTES) {
      showToast(`${file.name} was not imported: it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, 'error');
    } else {
      accepted.push({ name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
    }
  }
  if (accepted.length === 0) return;
  const result = await bridge.importDocuments({ files: accepted });
  if (!result.ok) {
    toastError(result);
    return;
  }
  appStore.set({ project: result.value.project });
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

export async function runExport(opts: { unit: 'codepoint' | 'utf16'; scope: 'done' | 'all'; outPath: string }) {
  // Export what is on screen: save the open document first.
  if (!(await documentStore.flush())) {
    return { ok: false as const, error: { code: 'io' as const, message: 'The open document could not be saved, so the export would miss your latest changes. Retry the save first.' } };
  }
  const outPath = opts.outPath.trim();
  return bridge.exportProject({ format: 'jsonl', unit: opts.unit, scope: opts.scope, ...(outPath ? { outPath } : {}) });
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
  else if (command === 'shortcuts') setOverlay(appStore.get().overlay === 'shortcuts' ? null : 'shortcuts');
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
