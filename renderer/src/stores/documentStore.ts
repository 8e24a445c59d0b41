import type { FactmarkApi } from '../../../shared/api/contract';
import type { DocumentView, ProjectView } from '../../../shared/api/views';
import type { AttributeValue, DocStatus, DocumentMeta, LabelDef, Relation, RelationType, Span } from '../../../shared/model/schemas';
import { addSpan, relabelSpan, setSpanAttributes } from '../../../shared/annotation/operations';
import { attributesForLabel, initialAttributes } from '../../../shared/model/schemaEdits';
import {
  addRelation,
  keepFittingRelations,
  removeRelation,
  removeSpanWithRelations,
  type Annotations,
  type RelationDraft,
} from '../../../shared/annotation/relations';
import {
  canRedo,
  canUndo,
  createHistory,
  pushHistory,
  redo as redoHistory,
  undo as undoHistory,
  type History,
} from '../../../shared/annotation/history';
import { snapRange } from '../../../shared/text/snap';
import { createAutosaver, type Autosaver, type SaveState } from './autosaver';
import { createStore, type Store } from './createStore';
import { createKeptHistories, HISTORY_DROPPED_MESSAGE } from './keptHistories';

/** The document open in the centre pane: its immutable text and the annotator's editable spans. */
export interface OpenDocument {
  docId: string;
  meta: DocumentMeta;
  text: string;
  /** The stored annotations were made against another text: nothing may be changed. */
  textChanged: boolean;
  status: DocStatus;
  /** Undo/redo covers the spans and their relations; the status is a separate, explicit choice. */
  history: History<Annotations>;
  selectedSpanId: string | null;
  /** A relation picked in the side panel (Delete removes it); null when none. */
  selectedRelationId: string | null;
  updatedAt: string | null;
  /** The revision of the annotation file these edits build on; sent with every save. */
  revision: string | null;
  /** When textChanged: the re-anchoring proposal, for the Repair flow (RepairPanel). */
  drift: DocumentView['drift'];
  /** Spans an earlier repair left unplaced, waiting to be placed or dropped. */
  orphans: NonNullable<DocumentView['orphans']>;
}

/** How to settle edits that clash with a file changed on disk by someone else. */
export type ConflictChoice = 'mine' | 'theirs' | 'both';

export interface DocumentState {
  /** The document being shown or loaded. */
  docId: string | null;
  loading: boolean;
  loadError: string | null;
  doc: OpenDocument | null;
  saveState: SaveState;
  saveMessage: string | null;
  /** The open document's file changed on disk while it had unsaved edits: the user must choose. */
  conflict: { message: string } | null;
  /** Another window holds this annotator's lock: nothing may be changed here (the reason). */
  lockedReason: string | null;
}

/**
 * `notice`: something the user should know although it worked (e.g. an undo history cleared).
 * `superseded`: a load given up because another document was asked for meanwhile; not an error
 * (the user's latest choice is what opens), so nothing is reported.
 */
export type ChangeResult = { ok: true; notice?: string } | { ok: false; message: string; superseded?: true };

/** A span to add exactly as given (no snapping), with its origin and attribute values. */
export interface SpanAddition {
  start: number;
  end: number;
  label: string;
  origin?: Span['origin'];
  attributes?: Record<string, AttributeValue>;
  /** Relations from the new span (e.g. a claim's attributed_to) to the span with this range and label, tagged or added in the same step. */
  links?: readonly { type: string; to: { start: number; end: number; label: string } }[];
}

export interface DocumentStoreDeps {
  api: Pick<FactmarkApi, 'getDocument' | 'saveAnnotations' | 'listVersions' | 'restoreVersion'>;
  /** A save answered with the project's new view (counts, statuses). */
  onProjectUpdated(project: ProjectView): void;
  newId(): string;
  now(): string;
  autosaveDelayMs?: number;
  /** The open project's labels and relation types, which relations are checked against (none when left out). */
  schema?(): { labels: readonly LabelDef[]; relationTypes: readonly RelationType[] };
}

export const READ_ONLY_MESSAGE =
  'This document is read-only: its text changed after these annotations were made, so their offsets may no longer fit.';

export interface DocumentStore extends Store<DocumentState> {
  /** Save the open document, then load another. False (and nothing switched) when the save failed. */
  open(docId: string): Promise<ChangeResult>;
  /** Save and forget the open document (project switch). */
  close(): Promise<ChangeResult>;
  reload(): Promise<ChangeResult>;
  tagRange(range: { start: number; end: number }, label: string, words: boolean): ChangeResult;
  relabelSelected(label: string): ChangeResult;
  /** Add spans as they are (accepted suggestions: origin and attributes given), all as one undoable step. */
  addSpans(drafts: readonly SpanAddition[]): ChangeResult;
  /** Set a span's attribute values (all of them), as one undoable step. */
  setSpanAttributes(spanId: string, values: Record<string, AttributeValue>): ChangeResult;
  /** Remove the selected relation if one is selected, else the selected span (and its relations). */
  removeSelected(): ChangeResult;
  /** Link two spans of the open document by a relation type of the project. */
  addRelation(draft: RelationDraft): ChangeResult;
  removeRelation(relationId: string): ChangeResult;
  selectRelation(relationId: string | null): void;
  undo(): boolean;
  redo(): boolean;
  selectSpan(spanId: string | null): void;
  setStatus(status: DocStatus): ChangeResult;
  flush(): Promise<boolean>;
  hasUnsaved(): boolean;
  /** The open document's file changed on disk: reload it, or ask (unsaved edits). */
  externalChange(): Promise<'reloaded' | 'conflict' | 'none'>;
  resolveConflict(choice: ConflictChoice): Promise<ChangeResult>;
  /** Make the open document the kept version `versionId` (saved as a new version). */
  restore(versionId: string): Promise<ChangeResult>;
  setLocked(reason: string | null): void;
}

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

/**
 * Mine plus theirs, spans and relations: theirs that repeat mine are left out, an id both use for
 * different things is renewed, and their relations follow their spans to the ids they end up with.
 */
export function unionAnnotations(mine: Annotations, theirs: Annotations, newId: () => string): Annotations {
  const key = (s: Span) => `${s.start}:${s.end}:${s.label}`;
  const mineByKey = new Map(mine.spans.map((s) => [key(s), s.id]));
  const spans = unionSpans(mine.spans, theirs.spans, newId);
  // Their span id -> the id it has in the union (mine, when it repeats one of mine).
  const idOf = new Map<string, string>();
  let next = mine.spans.length;
  for (const s of theirs.spans) {
    const existing = mineByKey.get(key(s));
    if (existing !== undefined) idOf.set(s.id, existing);
    else {
      const placed = spans[next++];
      if (placed) idOf.set(s.id, placed.id);
      mineByKey.set(key(s), placed?.id ?? s.id);
    }
  }
  const relKey = (r: Relation) => `${r.type}\n${r.from}\n${r.to}`;
  const keys = new Set(mine.relations.map(relKey));
  const ids = new Set(mine.relations.map((r) => r.id));
  const relations = [...mine.relations];
  for (const r of theirs.relations) {
    const from = idOf.get(r.from);
    const to = idOf.get(r.to);
    if (from === undefined || to === undefined) continue;
    const moved = { ...r, from, to };
    if (keys.has(relKey(moved))) continue;
    keys.add(relKey(moved));
    const id = ids.has(r.id) ? newId() : r.id;
    ids.add(id);
    relations.push({ ...moved, id });
  }
  return { spans, relations };
}

/** Mine plus theirs, without the same start/end/label twice; an id both use for different spans is renewed. */
export function unionSpans(mine: Span[], theirs: Span[], newId: () => string): Span[] {
  const key = (s: Span) => `${s.start}:${s.end}:${s.label}`;
  const keys = new Set(mine.map(key));
  const ids = new Set(mine.map((s) => s.id));
  const out = [...mine];
  for (const s of theirs) {
    if (keys.has(key(s))) continue;
    keys.add(key(s));
    const id = ids.has(s.id) ? newId() : s.id;
    ids.add(id);
    out.push(id === s.id ? s : { ...s, id });
  }
  return out;
}

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

  const editable = (): OpenDocument | { message: string } => {
    const doc = currentDoc();
    if (!doc) return { message: 'Open a document first.' };
    if (doc.textChanged) return { message: READ_ONLY_MESSAGE };
    const locked = store.get().lockedReason;
    if (locked !== null) return { message: locked };
    if (store.get().conflict) return { message: 'Choose which version to keep first.' };
    return doc;
  };

  const pushAnnotations = (doc: OpenDocument, next: Annotations, selectedSpanId: string | null, extra: Partial<OpenDocument> = {}) =>
    change({ history: pushHistory(doc.history, next), selectedSpanId, selectedRelationId: null, ...extra });

  /** New spans, the relations unchanged. */
  const pushSpans = (doc: OpenDocument, spans: Span[], selectedSpanId: string | null, extra: Partial<OpenDocument> = {}) =>
    pushAnnotations(doc, { spans, relations: doc.history.present.relations }, selectedSpanId, extra);

  const schema = () => deps.schema?.() ?? { labels: [], relationTypes: [] };

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
    tagRange(range, label, words) {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      const snapped = snapRange(doc.text, range.start, range.end, { words });
      if (!snapped) return { ok: false, message: 'Only spaces are selected: select some words to tag.' };
      const added = addSpan(doc.text, doc.history.present.spans, { ...snapped, label }, deps.newId(), deps.now());
      if (!added.ok) return { ok: false, message: added.message };
      // A new span starts with its label's defaults; a Number with what its text says ("72 hours").
      const initial = initialAttributes(schema().labels.find((l) => l.id === label), added.span.quote);
      if (Object.keys(initial).length > 0) {
        const filled = setSpanAttributes(added.spans, added.span.id, initial, added.span.updatedAt);
        if (filled.ok) added.spans = filled.spans;
      }
      // Tagging the first span means work has started on this document.
      const extra: Partial<OpenDocument> = doc.status === 'todo' ? { status: 'in_progress' } : {};
      pushSpans(doc, added.spans, added.span.id, extra);
      return { ok: true };
    },
    addSpans(drafts) {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      if (drafts.length === 0) return { ok: true };
      let spans = doc.history.present.spans;
      let lastId: string | null = null;
      const linksFrom: { from: string; links: NonNullable<SpanAddition['links']> }[] = [];
      for (const draft of drafts) {
        const added = addSpan(doc.text, spans, draft, deps.newId(), deps.now());
        if (!added.ok) return { ok: false, message: added.message };
        added.span.origin = draft.origin;
        if (!draft.origin) delete added.span.origin;
        // What the label's attributes can hold: its defaults and the quote's number, then the suggester's values that fit.
        const labelDef = schema().labels.find((l) => l.id === draft.label);
        const given = draft.attributes ?? {};
        const fitting = Object.fromEntries(Object.entries(attributesForLabel(labelDef, given)).filter(([id]) => id in given));
        const values = { ...initialAttributes(labelDef, added.span.quote), ...fitting };
        spans = added.spans;
        if (Object.keys(values).length > 0) {
          const filled = setSpanAttributes(spans, added.span.id, values, added.span.updatedAt);
          if (filled.ok) spans = filled.spans;
        }
        lastId = added.span.id;
        if (draft.links?.length) linksFrom.push({ from: added.span.id, links: draft.links });
      }
      // Links whose target span is not there (not tagged, not added with it) are left out.
      let relations = doc.history.present.relations;
      for (const { from, links } of linksFrom) {
        for (const link of links) {
          const to = spans.find((t) => t.start === link.to.start && t.end === link.to.end && t.label === link.to.label);
          if (!to) continue;
          const linked = addRelation(spans, relations, { type: link.type, from, to: to.id }, schema().relationTypes, schema().labels, deps.newId(), deps.now());
          if (!linked.ok) return { ok: false, message: linked.message };
          relations = linked.relations;
        }
      }
      const extra: Partial<OpenDocument> = doc.status === 'todo' ? { status: 'in_progress' } : {};
      pushAnnotations(doc, { spans, relations }, drafts.length === 1 ? lastId : null, extra);
      return { ok: true };
    },
    relabelSelected(label) {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      const id = doc.selectedSpanId;
      if (!id) return { ok: false, message: 'Select some text or a span first.' };
      const current = doc.history.present.spans.find((s) => s.id === id);
      if (!current) return { ok: false, message: 'The selected span no longer exists.' };
      if (current.label === label) return { ok: true };
      const relabelled = relabelSpan(doc.history.present.spans, id, label, deps.now());
      if (!relabelled.ok) return { ok: false, message: relabelled.message };
      // Values the new label has no attribute for go (undo brings them back); its defaults come in.
      const carried = attributesForLabel(schema().labels.find((l) => l.id === label), current.attributes);
      const withValues = setSpanAttributes(relabelled.spans, id, carried, relabelled.span.updatedAt);
      if (withValues.ok) relabelled.spans = withValues.spans;
      // Relations whose type does not join the new label go (undo brings them back).
      const relations = keepFittingRelations(relabelled.spans, doc.history.present.relations, schema().relationTypes);
      pushAnnotations(doc, { spans: relabelled.spans, relations }, id);
      return { ok: true };
    },
    setSpanAttributes(spanId, values) {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      const { spans, relations } = doc.history.present;
      const current = spans.find((s) => s.id === spanId);
      if (!current) return { ok: false, message: 'That span no longer exists.' };
      if (JSON.stringify(current.attributes ?? {}) === JSON.stringify(values)) return { ok: true };
      const set = setSpanAttributes(spans, spanId, values, deps.now());
      if (!set.ok) return { ok: false, message: set.message };
      pushAnnotations(doc, { spans: set.spans, relations }, spanId);
      return { ok: true };
    },
    removeSelected() {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      if (doc.selectedRelationId !== null) {
        pushAnnotations(doc, { spans: doc.history.present.spans, relations: removeRelation(doc.history.present.relations, doc.selectedRelationId) }, doc.selectedSpanId);
        return { ok: true };
      }
      const id = doc.selectedSpanId;
      if (!id) return { ok: false, message: 'Select a span to remove first.' };
      pushAnnotations(doc, removeSpanWithRelations(doc.history.present, id), null);
      return { ok: true };
    },
    addRelation(draft) {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      const { spans, relations } = doc.history.present;
      const { labels, relationTypes } = schema();
      const added = addRelation(spans, relations, draft, relationTypes, labels, deps.newId(), deps.now());
      if (!added.ok) return { ok: false, message: added.message };
      pushAnnotations(doc, { spans, relations: added.relations }, draft.from);
      return { ok: true };
    },
    removeRelation(relationId) {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      const { spans, relations } = doc.history.present;
      if (!relations.some((r) => r.id === relationId)) return { ok: false, message: 'That relation no longer exists.' };
      pushAnnotations(doc, { spans, relations: removeRelation(relations, relationId) }, doc.selectedSpanId);
      return { ok: true };
    },
    selectRelation(relationId) {
      const doc = currentDoc();
      if (!doc || doc.selectedRelationId === relationId) return;
      patchDoc({ selectedRelationId: relationId });
    },
    undo() {
      const doc = currentDoc();
      if (!doc || doc.textChanged || !canUndo(doc.history)) return false;
      const history = undoHistory(doc.history);
      const keep = history.present.spans.some((s) => s.id === doc.selectedSpanId);
      change({ history, selectedSpanId: keep ? doc.selectedSpanId : null, selectedRelationId: null });
      return true;
    },
    redo() {
      const doc = currentDoc();
      if (!doc || doc.textChanged || !canRedo(doc.history)) return false;
      const history = redoHistory(doc.history);
      const keep = history.present.spans.some((s) => s.id === doc.selectedSpanId);
      change({ history, selectedSpanId: keep ? doc.selectedSpanId : null, selectedRelationId: null });
      return true;
    },
    selectSpan(spanId) {
      const doc = currentDoc();
      if (!doc || (doc.selectedSpanId === spanId && doc.selectedRelationId === null)) return;
      patchDoc({ selectedSpanId: spanId, selectedRelationId: null });
    },
    setStatus(status) {
      const doc = editable();
      if (!('docId' in doc)) return { ok: false, message: doc.message };
      if (doc.status !== status) change({ status });
      return { ok: true };
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
