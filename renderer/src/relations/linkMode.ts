import { allowedRelationTypes, canStartRelation, relationTargets } from '../../../shared/annotation/relations';
import type { RelationType } from '../../../shared/model/schemas';
import { appStore, showToast } from '../stores/appStore';
import { createStore } from '../stores/createStore';
import { article, documentStore } from '../stores/appDocumentStore';

/**
 * Link mode: with a span selected, `r` asks for the relation's target. The candidates are the
 * spans some relation type accepts from the source; Tab / Shift+Tab walk them (the focused one
 * is outlined and scrolled to), Enter or a click picks one; when several types fit, a chooser
 * asks which (number keys). Esc cancels at any step.
 */
export interface LinkState {
  /** The source span; null: not linking. */
  sourceId: string | null;
  /** Candidate target span ids, in text order. */
  candidates: string[];
  /** Index into candidates of the focused one (-1: none yet). */
  focus: number;
  /** A target was picked and several types fit: choose one. */
  chooser: { targetId: string; types: RelationType[] } | null;
}

const IDLE: LinkState = { sourceId: null, candidates: [], focus: -1, chooser: null };
export const linkStore = createStore<LinkState>(IDLE);

export const isLinking = () => linkStore.get().sourceId !== null;

const relationTypes = () => appStore.get().project?.relationTypes ?? [];

function highlight(state: LinkState): void {
  const focused = state.candidates[state.focus] ?? null;
  article.current?.markLinkCandidates(state.sourceId === null ? [] : state.candidates, focused);
}

function setLink(state: LinkState): void {
  linkStore.set(state);
  highlight(state);
}

/** `r`: start linking from the selected span. */
export function startLinkMode(): void {
  const doc = documentStore.get().doc;
  if (!doc) return;
  const source = doc.history.present.spans.find((s) => s.id === doc.selectedSpanId);
  if (!source) {
    showToast('Select a span first (click it), then press R to link it to another span.');
    return;
  }
  const types = relationTypes();
  if (!canStartRelation(types, source.label)) {
    const label = appStore.get().project?.labels.find((l) => l.id === source.label)?.name ?? source.label;
    showToast(types.length === 0 ? 'This project has no relation types.' : `No relation type starts at a span labelled ${label}.`, 'error');
    return;
  }
  const candidates = relationTargets(doc.history.present.spans, doc.history.present.relations, types, source).map((s) => s.id);
  if (candidates.length === 0) {
    showToast('No span in this document can be linked to the selected one yet: tag the other span first.', 'error');
    return;
  }
  setLink({ sourceId: source.id, candidates, focus: -1, chooser: null });
}

export function cancelLinkMode(): void {
  if (isLinking()) setLink(IDLE);
}

/** Tab / Shift+Tab: focus the next / previous candidate. */
export function cycleLinkTarget(delta: 1 | -1): void {
  const state = linkStore.get();
  if (state.sourceId === null || state.chooser || state.candidates.length === 0) return;
  const n = state.candidates.length;
  const focus = state.focus === -1 ? (delta === 1 ? 0 : n - 1) : (state.focus + delta + n) % n;
  setLink({ ...state, focus });
  const id = state.candidates[focus];
  if (id) article.current?.scrollToSpan(id);
}

/** Enter: pick the focused candidate. */
export function pickFocusedTarget(): void {
  const state = linkStore.get();
  const id = state.candidates[state.focus];
  if (id) pickLinkTarget(id);
  else showToast('Press Tab to walk through the spans you can link to, or click one.');
}

/** A click or Enter on a target: link, or ask which type when several fit. */
export function pickLinkTarget(targetId: string): void {
  const state = linkStore.get();
  const doc = documentStore.get().doc;
  if (state.sourceId === null || !doc) return;
  if (!state.candidates.includes(targetId)) {
    showToast(targetId === state.sourceId ? 'Pick another span: a relation joins two different spans.' : 'That span cannot be linked to the selected one; pick a highlighted span.', 'error');
    return;
  }
  const spans = doc.history.present.spans;
  const source = spans.find((s) => s.id === state.sourceId);
  const target = spans.find((s) => s.id === targetId);
  if (!source || !target) return cancelLinkMode();
  const types = allowedRelationTypes(relationTypes(), source.label, target.label).filter(
    (t) => !doc.history.present.relations.some((r) => r.type === t.id && r.from === source.id && r.to === target.id),
  );
  if (types.length === 1 && types[0]) link(types[0], targetId);
  else setLink({ ...state, chooser: { targetId, types } });
}

/** A number key (1-based) or a click in the chooser. */
export function chooseLinkType(index: number): void {
  const state = linkStore.get();
  const type = state.chooser?.types[index];
  if (!state.chooser || !type) return;
  link(type, state.chooser.targetId);
}

function link(type: RelationType, targetId: string): void {
  const sourceId = linkStore.get().sourceId;
  setLink(IDLE);
  if (sourceId === null) return;
  const result = documentStore.addRelation({ type: type.id, from: sourceId, to: targetId });
  if (!result.ok) showToast(result.message, 'error');
}

/** Keys while linking; true when the key was used. */
export function handleLinkKey(event: KeyboardEvent): boolean {
  const state = linkStore.get();
  if (state.sourceId === null) return false;
  if (event.key === 'Escape') {
    cancelLinkMode();
    return true;
  }
  if (state.chooser) {
    const n = Number.parseInt(event.key, 10);
    if (n >= 1 && n <= state.chooser.types.length) chooseLinkType(n - 1);
    return true;
  }
  if (event.key === 'Tab') {
    cycleLinkTarget(event.shiftKey ? -1 : 1);
    return true;
  }
  if (event.key === 'Enter') {
    pickFocusedTarget();
    return true;
  }
  // Other keys (labels, Delete, undo) wait until linking is done or cancelled.
  return true;
}

// Another document, an undo that removed the source, a read-only switch: linking ends.
let lastDocId: string | null = null;
documentStore.subscribe(() => {
  const { sourceId } = linkStore.get();
  const doc = documentStore.get().doc;
  const docId = doc?.docId ?? null;
  const changedDoc = docId !== lastDocId;
  lastDocId = docId;
  if (sourceId === null) return;
  if (changedDoc || !doc || !doc.history.present.spans.some((s) => s.id === sourceId)) cancelLinkMode();
});
