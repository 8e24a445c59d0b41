import { useCallback, useEffect, useMemo, useRef } from 'react';
import { ArticleView, type ArticleViewHandle } from './ArticleView';
import type { DocStatus } from '../../../shared/model/schemas';
import { DOC_STATUSES } from '../../../shared/model/schemas';
import { appStore, setOverlay, showToast } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { selectSpan } from './taggingActions';
import { article, documentStore } from '../stores/appDocumentStore';
import { RepairPanel } from './RepairPanel';
import { LinkBanner } from '../relations/LinkBanner';
import { RelationsOverlay } from './RelationsOverlay';
import { isLinking, pickLinkTarget } from '../relations/linkMode';
import { SaveStateIndicator } from './SaveStateIndicator';
import { STATUS_LABEL } from '../ui/StatusPill';
import { SuggestionBar } from '../suggestions/SuggestionBar';
import { SuggestionsOverlay } from './SuggestionsOverlay';
import { ArticleCaret } from './caret/ArticleCaret';
import { aboveThreshold, suggestionStore, visibleSuggestions } from '../suggestions/suggestionStore';
import { loadSuggestions } from '../suggestions/suggestionActions';

const EMPTY_LABELS: never[] = [];
const EMPTY_TYPES: never[] = [];
const EMPTY_SUGGESTIONS: never[] = [];

export function ArticlePane() {
  const doc = useStore(documentStore, (s) => s.doc);
  const loading = useStore(documentStore, (s) => s.loading);
  const loadError = useStore(documentStore, (s) => s.loadError);
  const labels = useStore(appStore, (s) => s.project?.labels ?? EMPTY_LABELS);
  const locked = useStore(documentStore, (s) => s.lockedReason !== null);

  const setHandle = useCallback((handle: ArticleViewHandle | null) => {
    article.current = handle;
  }, []);
  // In link mode a click picks the relation's target instead of selecting.
  const onSpanClick = useCallback((spanId: string) => (isLinking() ? pickLinkTarget(spanId) : selectSpan(spanId, false)), []);
  const scrollRef = useRef<HTMLDivElement>(null);
  const relationTypes = useStore(appStore, (s) => s.project?.relationTypes ?? EMPTY_TYPES);
  const spans = doc?.history.present.spans;
  const spanLabels = useMemo(() => new Map((spans ?? []).map((s) => [s.id, s.label])), [spans]);
  const onSelectionChange = useCallback((has: boolean) => appStore.set({ hasTextSelection: has }), []);
  const suggestionState = useStore(suggestionStore, (s) => s);
  const openDocId = doc?.docId ?? null;
  const textChanged = doc?.textChanged ?? false;
  // Each opened document asks for its suggestions (computed by the services, off this thread).
  useEffect(() => {
    if (openDocId && !textChanged) void loadSuggestions(openDocId);
  }, [openDocId, textChanged]);
  const ownSuggestions = suggestionState.docId === openDocId && !textChanged ? suggestionState.suggestions : EMPTY_SUGGESTIONS;
  const scored = useMemo(() => visibleSuggestions(ownSuggestions, [], spans ?? []), [ownSuggestions, spans]);
  // Below a label's threshold (its slider in the bar), a suggestion is not shown.
  const available = useMemo(() => aboveThreshold(scored, suggestionState), [scored, suggestionState]);
  const shown = useMemo(() => visibleSuggestions(available, suggestionState.hiddenLabels, []), [available, suggestionState.hiddenLabels]);

  if (loadError) {
    return (
      <main className="article-pane">
        <div className="article-message" role="alert">
          <h2>This document could not be opened</h2>
          <p>{loadError}</p>
        </div>
      </main>
    );
  }
  if (!doc) {
    return (
      <main className="article-pane">
        <div className="article-message">{loading ? 'Opening the document…' : 'Choose a document in the list to start.'}</div>
      </main>
    );
  }
  const changeStatus = (status: DocStatus) => {
    const result = documentStore.setStatus(status);
    if (!result.ok) showToast(result.message, 'error');
  };
  return (
    <main className="article-pane" aria-label="Article">
      <header className="article-header">
        <div className="article-title">
          <h2 dir="auto">{doc.meta.title || doc.docId}</h2>
          <p className="article-meta">
            {[doc.meta.outlet, doc.meta.date].filter(Boolean).join(' · ') || 'No outlet or date'}
          </p>
        </div>
        <div className="article-controls">
          <label htmlFor="doc-status">Status</label>
          <select
            id="doc-status"
            data-testid="doc-status"
            value={doc.status}
            disabled={doc.textChanged || locked}
            onChange={(e) => changeStatus(e.target.value as DocStatus)}
          >
            {DOC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
          <button type="button" data-testid="history-button" title="Earlier versions of these annotations" onClick={() => setOverlay('history')}>
            History
          </button>
          <SaveStateIndicator />
        </div>
      </header>
      {/* Text changed under the annotations: the Repair flow; afterwards, orphans to place or drop. */}
      <RepairPanel />
      <LinkBanner />
      <SuggestionBar
        docId={doc.docId}
        loading={suggestionState.loading && suggestionState.docId === doc.docId}
        available={available}
        hiddenLabels={suggestionState.hiddenLabels}
        labels={labels}
        disabled={locked}
        focused={shown.find((s) => s.id === suggestionState.focusedId) ?? null}
        scored={scored}
      />
      {loading && <div className="article-loading">Opening…</div>}
      <div
        className="article-scroll"
        ref={scrollRef}
        onMouseDown={() => {
          article.selectedWithAlt = false;
        }}
        onMouseUp={(e) => {
          // Alt held while selecting means "exactly this", like Alt with the label key.
          article.selectedWithAlt = e.altKey;
        }}
      >
        <ArticleView
          ref={setHandle}
          docId={doc.docId}
          text={doc.text}
          spans={doc.history.present.spans}
          labels={labels}
          selectedSpanId={doc.selectedSpanId}
          onSpanClick={onSpanClick}
          onSelectionChange={onSelectionChange}
        />
        <RelationsOverlay
          containerRef={scrollRef}
          article={article}
          relations={doc.history.present.relations}
          relationTypes={relationTypes}
          labels={labels}
          spanLabels={spanLabels}
          selectedRelationId={doc.selectedRelationId}
          selectedSpanId={doc.selectedSpanId}
          layoutKey={doc.history.present}
        />
        <SuggestionsOverlay
          containerRef={scrollRef}
          suggestions={shown}
          labels={labels}
          focusedId={suggestionState.focusedId}
          layoutKey={doc.history.present}
        />
        <ArticleCaret containerRef={scrollRef} />
      </div>
    </main>
  );
}
