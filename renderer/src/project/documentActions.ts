import { appStore, showToast } from '../stores/appStore';
import { filterDocuments, neighbourDocument, nextUndoneDocument } from './documentFilters';
import { documentStore } from '../stores/appDocumentStore';

/** What the document list and its shortcuts do: open a document, previous/next, done and next. */

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
