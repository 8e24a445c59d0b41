import type { ProjectView, SessionView } from '../../../shared/api/views';
import type { Result } from '../../../shared/api/result';
import { bridge } from '../bridge';
import { appStore, setOverlay, showToast, toastError } from '../stores/appStore';
import { documentStore, setProject } from '../stores/appDocumentStore';
import { openDocument } from './documentActions';

/** What the session and project commands do: start, the annotator's name, open, create and switch projects. */

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
  // The annotator may already have picked a document while the project was being read: theirs wins.
  if (documentStore.get().docId !== null) return;
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
