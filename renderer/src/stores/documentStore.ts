import type { DocumentView } from '../../../shared/api/views';
import type { DocStatus, Span } from '../../../shared/model/schemas';
import type { Annotations } from '../../../shared/annotation/relations';
import { createHistory } from '../../../shared/annotation/history';
import { createAutosaver, type Autosaver } from './autosaver';
import { createStore } from './createStore';
import type { ChangeResult, ConflictChoice, DocumentState, DocumentStore, DocumentStoreDeps, OpenDocument } from './documentTypes';
import { createKeptHistories, HISTORY_DROPPED_MESSAGE } from './keptHistories';
import { createSpanEditing } from './spanEditing';
import { unionAnnotations } from './unionAnnotations';

/**
 * The document open in the centre pane, as a store: loading it (and joining or superseding loads),
 * autosaving it, and settling a clash with its file changed on disk. The edits themselves are
 * spanEditing.ts's; the state and interface are documentTypes.ts's.
 */

export type {
  ChangeResult,
  ConflictChoice,
  DocumentState,
  DocumentStore,
  DocumentStoreDeps,
  OpenDocument,
  SpanAddition,
} from './documentTypes';
export { READ_ONLY_MESSAGE } from './spanEditing';
export { unionAnnotations, unionSpans } from './unionAnnotations';

const EMPTY: DocumentState = {
  docId: null,
  loading: false,
  loadError: null,
  doc: null,
  saveState: 'saved',
  saveMessage: null,
  conflict: null,
  lockedReason: null,
};

/** The open document already shows this state of the files: same text, metadata and annotation file. */
function showsDiskState(doc: OpenDocument, disk: DocumentView): boolean {
  return (
    doc.revision === disk.revision &&
    doc.textChanged === disk.textChanged &&
    doc.text === disk.text &&
    JSON.stringify(doc.meta) === JSON.stringify(disk.meta)
  );
}

export const CONFLICT_MESSAGE =
  'This document was changed on disk (by another program, a sync or git) while you had unsaved edits here.';

/** The API's span input from a stored span (the quote is the service's to take from the text). */
const toInput = ({ id, start, end, label, createdAt, updatedAt, origin, provenance, attributes }: Span) => ({
  id,
  start,
  end,
  label,
  createdAt,
  updatedAt,
  ...(origin ? { origin } : {}),
  // A gold span's provenance (adjudication) stays with it through edits.
  ...(provenance ? { provenance } : {}),
  ...(attributes ? { attributes } : {}),
});

export function createDocumentStore(deps: DocumentStoreDeps): DocumentStore {
  const store = createStore<DocumentState>(EMPTY);
  let saver: Autosaver | null = null;
  let loadToken = 0;
  /** The load being waited for: asking for the same document again joins it instead of starting over. */
  let pending: { docId: string; token: number; result: Promise<ChangeResult> } | null = null;
  /** Undo histories of the documents left in this session (keptHistories.ts). */
  const histories = createKeptHistories();

  const currentDoc = () => store.get().doc;

  const patchDoc = (patch: Partial<OpenDocument>) =>
    store.set((s) => (s.doc ? { doc: { ...s.doc, ...patch } } : {}));

  const makeSaver = (docId: string): Autosaver =>
    createAutosaver({
      delayMs: deps.autosaveDelayMs ?? 600,
      async save() {
        const doc = currentDoc();
        if (!doc || doc.docId !== docId) return { ok: true };
        // An imported span keeps where it came from through edits (relabel keeps it too).
        const spans = doc.history.present.spans.map(toInput);
        const { relations } = doc.history.present;
        const result = await deps.api.saveAnnotations({ docId, status: doc.status, spans, relations, baseRevision: doc.revision });
        if (!result.ok) {
          if (result.error.code === 'text-changed' && currentDoc()?.docId === docId) patchDoc({ textChanged: true });
          // Never a silent overwrite: the user chooses (see resolveConflict).
          if (result.error.code === 'conflict' && currentDoc()?.docId === docId) store.set({ conflict: { message: CONFLICT_MESSAGE } });
          return { ok: false, message: result.error.message };
        }
        if (currentDoc()?.docId === docId) patchDoc({ updatedAt: result.value.updatedAt, revision: result.value.revision });
        deps.onProjectUpdated(result.value.project);
        return { ok: true };
      },
      onState(saveState, saveMessage) {
        if (store.get().docId === docId) store.set({ saveState, saveMessage });
      },
    });

  /** Every change of spans or status goes through here: one place that marks the doc unsaved. */
  const change = (patch: Partial<OpenDocument>) => {
    patchDoc(patch);
    saver?.markChanged();
  };

  const flush = async () => (saver ? saver.flush() : true);

  const saveFailedMessage = () => {
    const msg = store.get().saveMessage;
    return `Your changes to this document could not be saved${msg ? `: ${msg}` : '.'} Fix the problem or retry before leaving it.`;
  };

  /**
   * Load a document (its edits are saved by the caller first). `join`: a load of the same
   * document already under way is the answer (a second click while it opens); a reload after a
   * change on disk asks again. A load overtaken by a later one answers `superseded`, silently.
   */
  const load = (docId: string, { join = false } = {}): Promise<ChangeResult> => {
    if (join && pending && pending.docId === docId && pending.token === loadToken) return pending.result;
    const leaving = currentDoc();
    // Left for another document: its undo history waits for the annotator to come back.
    if (leaving && leaving.docId !== docId) histories.keep(leaving.docId, { history: leaving.history, revision: leaving.revision, text: leaving.text });
    const token = ++loadToken;
    saver?.dispose();
    saver = null;
    store.set({ docId, loading: true, loadError: null, doc: null, saveState: 'saved', saveMessage: null, conflict: null });
    const result = (async (): Promise<ChangeResult> => {
      const read = await deps.api.getDocument({ docId });
      if (token !== loadToken) return { ok: false, superseded: true, message: 'Another document was opened meanwhile.' };
      if (!read.ok) {
        store.set({ loading: false, loadError: read.error.message });
        return { ok: false, message: read.error.message };
      }
      return show(docId, read.value) ? { ok: true, notice: HISTORY_DROPPED_MESSAGE } : { ok: true };
    })();
    pending = { docId, token, result };
    const forget = () => {
      if (pending?.result === result) pending = null;
    };
    void result.then(forget, forget);
    return result;
  };

  /**
   * Show a document as read from disk: nothing selected, a new autosaver, and its undo history
   * from earlier in the session when the disk still holds what it was left at (else a fresh one).
   * True when a kept history had to be dropped.
   */
  const show = (docId: string, view: DocumentView): boolean => {
    saver?.dispose();
    saver = makeSaver(docId);
    const annotations: Annotations = { spans: view.spans, relations: view.relations ?? [] };
    const kept = histories.take(docId, view);
    store.set({
      docId,
      loading: false,
      loadError: null,
      saveState: 'saved',
      saveMessage: null,
      conflict: null,
      doc: {
        docId,
        meta: view.meta,
        text: view.text,
        textChanged: view.textChanged,
        status: view.status,
        // What is shown is what is on disk; the kept past and future are undone and redone from it.
        history: kept.history ? { ...kept.history, present: annotations } : createHistory<Annotations>(annotations),
        selectedSpanId: null,
        selectedRelationId: null,
        updatedAt: view.updatedAt,
        revision: view.revision,
        drift: view.drift ?? null,
        orphans: view.orphans ?? [],
      },
    });
    return kept.dropped;
  };

  /** Reload the open document from disk (its unsaved edits, if any, are dropped by the caller's choice). */
  const reloadFromDisk = async (docId: string): Promise<ChangeResult> => {
    saver?.dispose();
    saver = null;
    return load(docId);
  };

  async function resolveConflict(choice: ConflictChoice): Promise<ChangeResult> {
    const doc = currentDoc();
    if (!doc) return { ok: true };
    const docId = doc.docId;
    // No autosave races the resolution.
    saver?.dispose();
    saver = null;
    const disk = await deps.api.getDocument({ docId });
    if (!disk.ok) return { ok: false, message: disk.error.message };
    const mine = doc.history.present;
    const save = (a: Annotations, status: DocStatus, baseRevision: string | null) =>
      deps.api.saveAnnotations({ docId, status, spans: a.spans.map(toInput), relations: a.relations, baseRevision });
    if (choice === 'mine' || choice === 'both') {
      const theirs = { spans: disk.value.spans, relations: disk.value.relations ?? [] };
      const annotations = choice === 'mine' ? mine : unionAnnotations(mine, theirs, deps.newId);
      // The disk version is kept in the document's history by this save (it was written elsewhere).
      const saved = await save(annotations, doc.status, disk.value.revision);
      if (!saved.ok) return { ok: false, message: saved.error.message };
      deps.onProjectUpdated(saved.value.project);
    } else if (disk.value.revision !== null) {
      // Take theirs, yet keep my edits in history: save mine (theirs goes to history), then restore theirs.
      const saved = await save(mine, doc.status, disk.value.revision);
      if (!saved.ok) return { ok: false, message: saved.error.message };
      const versions = await deps.api.listVersions({ docId });
      const theirs = versions.ok ? versions.value.versions[0] : undefined;
      if (!theirs) return { ok: false, message: 'The version on disk could not be found in the history; nothing was changed.' };
      const restored = await deps.api.restoreVersion({ docId, versionId: theirs.id });
      if (!restored.ok) return { ok: false, message: restored.error.message };
      deps.onProjectUpdated(restored.value.project);
    }
    store.set({ conflict: null });
    return load(docId);
  }

  return {
    ...store,
    ...createSpanEditing({ store, deps, patchDoc, change }),
    async open(docId) {
      if (!(await flush())) return { ok: false, message: saveFailedMessage() };
      return load(docId, { join: true });
    },
    async close() {
      if (!(await flush())) return { ok: false, message: saveFailedMessage() };
      // Another project or annotator: the kept histories belong to what is being closed.
      histories.clear();
      loadToken += 1;
      saver?.dispose();
      saver = null;
      store.set(EMPTY);
      return { ok: true };
    },
    async reload() {
      const docId = store.get().docId;
      if (!docId) return { ok: true };
      if (!(await flush())) return { ok: false, message: saveFailedMessage() };
      return load(docId);
    },
    flush,
    hasUnsaved: () => saver?.hasUnsaved() ?? false,
    async externalChange() {
      const doc = currentDoc();
      if (!doc || store.get().conflict) return 'none';
      if (saver?.hasUnsaved()) {
        store.set({ conflict: { message: CONFLICT_MESSAGE } });
        return 'conflict';
      }
      // A change may already be in what is shown: one made before this document was opened (a
      // page's first poll reports everything since the server started), or our own write seen
      // late. Reloading then would only rebuild the article under the reader's selection.
      const disk = await deps.api.getDocument({ docId: doc.docId });
      const now = currentDoc();
      if (!now || now.docId !== doc.docId || store.get().conflict) return 'none';
      if (disk.ok && showsDiskState(now, disk.value)) return 'none';
      if (saver?.hasUnsaved()) {
        store.set({ conflict: { message: CONFLICT_MESSAGE } });
        return 'conflict';
      }
      if (!disk.ok) {
        // Unreadable now (deleted, invalid): a reload shows why.
        const reloaded = await reloadFromDisk(doc.docId);
        return reloaded.ok ? 'reloaded' : 'none';
      }
      // What was just read is what a reload would read: shown as it is, and a load still in
      // flight for this document is superseded.
      loadToken++;
      show(doc.docId, disk.value);
      return 'reloaded';
    },
    resolveConflict,
    async restore(versionId) {
      const docId = store.get().docId;
      if (!docId) return { ok: false, message: 'Open a document first.' };
      if (!(await flush())) return { ok: false, message: saveFailedMessage() };
      const restored = await deps.api.restoreVersion({ docId, versionId });
      if (!restored.ok) return { ok: false, message: restored.error.message };
      deps.onProjectUpdated(restored.value.project);
      return reloadFromDisk(docId);
    },
    setLocked(reason) {
      if (store.get().lockedReason !== reason) store.set({ lockedReason: reason });
    },
  };
}
