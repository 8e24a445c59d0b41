import type { LabelDef } from '../../../shared/model/schemas';
import { askConfirm } from '../confirm/confirmStore';
import { appStore, showToast } from '../stores/appStore';
import { article, documentStore } from '../stores/appDocumentStore';
import { sweepingTagQuestion } from './sweepingTagQuestion';

/** What tagging does: label keys and the palette, removing and selecting spans, Esc. */

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
