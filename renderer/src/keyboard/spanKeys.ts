import { selectSpan } from '../article/taggingActions';
import { article, documentStore } from '../stores/appDocumentStore';
import { showToast } from '../stores/appStore';
import { neighbourSpan } from './spanNavigation';

/**
 * J / K: select the next / previous span, show it, and put the caret at its start so the arrows
 * carry on from there. False when there is no open document.
 */
export function selectNeighbourSpan(delta: 1 | -1): boolean {
  const doc = documentStore.get().doc;
  if (!doc) return false;
  const spans = doc.history.present.spans;
  const target = neighbourSpan(spans, doc.selectedSpanId, article.current?.caretOffset() ?? null, delta);
  if (!target) {
    showToast(spans.length === 0 ? 'This document has no spans yet.' : delta === 1 ? 'This is the last span.' : 'This is the first span.');
    return true;
  }
  selectSpan(target.id, true);
  article.current?.placeCaret(target.start);
  return true;
}
