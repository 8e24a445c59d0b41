import { addSpan, relabelSpan, setSpanAttributes } from '../../../shared/annotation/operations';
import { attributesForLabel, initialAttributes } from '../../../shared/model/schemaEdits';
import {
  addRelation,
  keepFittingRelations,
  removeRelation,
  removeSpanWithRelations,
  type Annotations,
} from '../../../shared/annotation/relations';
import { canRedo, canUndo, pushHistory, redo as redoHistory, undo as undoHistory } from '../../../shared/annotation/history';
import type { Span } from '../../../shared/model/schemas';
import { snapRange } from '../../../shared/text/snap';
import type { Store } from './createStore';
import type { DocumentState, DocumentStore, DocumentStoreDeps, OpenDocument, SpanAddition } from './documentTypes';

/**
 * Editing the open document: tagging, relabelling, attributes, relations, removal, selection,
 * status, undo and redo. Every edit is one step of the undo history and goes through `change`, the
 * document store's one place that marks the document unsaved; loading, saving and conflicts are
 * documentStore.ts's.
 */

export const READ_ONLY_MESSAGE =
  'This document is read-only: its text changed after these annotations were made, so their offsets may no longer fit.';

/** What the edits need from the document store. */
export interface EditingCore {
  store: Store<DocumentState>;
  deps: Pick<DocumentStoreDeps, 'newId' | 'now' | 'schema'>;
  /** Patch the open document without marking it unsaved (selection). */
  patchDoc(patch: Partial<OpenDocument>): void;
  /** Patch the open document and mark it unsaved (spans, relations, status). */
  change(patch: Partial<OpenDocument>): void;
}

export type SpanEditing = Pick<
  DocumentStore,
  | 'tagRange'
  | 'addSpans'
  | 'relabelSelected'
  | 'setSpanAttributes'
  | 'removeSelected'
  | 'addRelation'
  | 'removeRelation'
  | 'selectRelation'
  | 'undo'
  | 'redo'
  | 'selectSpan'
  | 'setStatus'
>;

export function createSpanEditing({ store, deps, patchDoc, change }: EditingCore): SpanEditing {
  const currentDoc = () => store.get().doc;

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

  return {
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
  };
}
