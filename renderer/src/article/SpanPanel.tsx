import { memo, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { LabelDef, Span } from '../../../shared/model/schemas';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { removeSelectedSpan, selectSpan } from './taggingActions';
import { documentStore } from '../stores/appDocumentStore';
import { missingRequired } from '../../../shared/model/schemaEdits';
import { MissingRequiredMarks, SelectedSpanAttributes } from '../attributes/AttributePanel';
import { RelationList } from '../relations/RelationList';
import { LabelChip } from '../ui/LabelChip';
import { Splitter } from '../layout/Splitter';
import { MAX_SHARE, MIN_SHARE, paneLayout, setPaneLayout } from '../layout/paneLayout';
import { neighbourIndex } from '../keyboard/listNavigation';
import { PaneToggle } from '../layout/Workspace';

const QUOTE_MAX = 90;
const truncate = (s: string) => {
  const flat = s.length > QUOTE_MAX * 2 ? s.slice(0, QUOTE_MAX * 2) : s;
  const oneLine = flat.replace(/\s+/g, ' ').trim();
  return oneLine.length > QUOTE_MAX ? `${oneLine.slice(0, QUOTE_MAX - 1)}…` : oneLine;
};

export const spanItemId = (spanId: string) => `span-item-${spanId}`;

const SpanItem = memo(function SpanItem({ span, label, selected }: { span: Span; label: LabelDef | undefined; selected: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const missing = missingRequired(label, span.attributes);
  return (
    <li
      ref={ref}
      id={spanItemId(span.id)}
      className={selected ? 'span-item selected' : 'span-item'}
      data-testid="span-item"
      data-span-id={span.id}
      data-label={span.label}
      data-missing={missing.length > 0 ? 'true' : undefined}
      title={missing.length > 0 ? `Required: ${missing.join(', ')}` : undefined}
      role="option"
      aria-selected={selected}
      onClick={() => selectSpan(span.id, true)}
    >
      <LabelChip name={label?.name ?? span.label} color={label?.color} />
      <span className="span-quote" dir="auto">
        {truncate(span.quote)}
      </span>
      {missing.length > 0 && (
        <span className="missing-flag" aria-label={`missing ${missing.join(', ')}`}>
          !
        </span>
      )}
    </li>
  );
});

/**
 * The open document's spans in text order, one listbox: focus it (Tab) and ↑/↓, Home/End, PgUp/PgDn
 * select a span (and show it in the article); label keys relabel it, Delete removes it.
 */
function SpanList({ spans, labels, selectedSpanId }: { spans: readonly Span[]; labels: ReadonlyMap<string, LabelDef>; selectedSpanId: string | null }) {
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const at = spans.findIndex((s) => s.id === selectedSpanId);
    const next = neighbourIndex(e.key, at, spans.length, 10);
    if (next === null) return;
    e.preventDefault();
    const span = spans[next];
    if (span) selectSpan(span.id, true);
  };
  if (spans.length === 0) return <p className="empty-note">No spans yet. Select text in the article and press a label key.</p>;
  return (
    <ul
      className="span-list"
      data-testid="span-list"
      role="listbox"
      aria-label="Spans in text order"
      tabIndex={0}
      aria-activedescendant={selectedSpanId ? spanItemId(selectedSpanId) : undefined}
      onKeyDown={onKeyDown}
    >
      {spans.map((s) => (
        <SpanItem key={s.id} span={s} label={labels.get(s.label)} selected={s.id === selectedSpanId} />
      ))}
    </ul>
  );
}

/**
 * The span list above, the selected span's attributes and relations below, split by a bar that
 * can be dragged or moved with the keyboard; the list can be collapsed to give the attributes the
 * whole height (a short window never squeezes either to nothing).
 */
export function SpanPanel() {
  const spans = useStore(documentStore, (s) => s.doc?.history.present.spans);
  const selectedSpanId = useStore(documentStore, (s) => s.doc?.selectedSpanId ?? null);
  const readOnly = useStore(documentStore, (s) => (s.doc?.textChanged ?? false) || s.lockedReason !== null);
  const labels = useStore(appStore, (s) => s.project?.labels);
  const byId = useMemo(() => new Map((labels ?? []).map((l) => [l.id, l])), [labels]);
  const listCollapsed = useStore(paneLayout, (s) => s.spanListCollapsed);
  const share = useStore(paneLayout, (s) => s.spanListShare);
  const paneCollapsed = useStore(paneLayout, (s) => s.spansCollapsed);
  if (paneCollapsed) {
    return (
      <aside className="span-pane pane-rail" aria-label="Spans" data-testid="span-pane">
        <PaneToggle pane="spans" name="Spans" count={spans?.length ?? 0} collapsed />
        <MissingRequiredMarks />
      </aside>
    );
  }
  return (
    <aside className="span-pane" aria-label="Spans" data-testid="span-pane">
      <div
        id="span-list-region"
        className={listCollapsed ? 'span-list-region collapsed' : 'span-list-region'}
        style={listCollapsed ? undefined : { flexBasis: `${share * 100}%` }}
      >
        <div className="pane-header">
          <h2>
            <button
              type="button"
              className="pane-toggle"
              data-testid="span-list-toggle"
              aria-expanded={!listCollapsed}
              aria-controls="span-list-body"
              onClick={() => setPaneLayout({ spanListCollapsed: !listCollapsed })}
            >
              <span aria-hidden="true">{listCollapsed ? '▸' : '▾'}</span> Spans
            </button>
          </h2>
          <span className="muted" data-testid="span-count">
            {spans ? spans.length : 0}
          </span>
          <PaneToggle pane="spans" name="Spans" collapsed={false} />
        </div>
        {!listCollapsed && (
          <div id="span-list-body" className="span-list-body">
            <SpanList spans={spans ?? []} labels={byId} selectedSpanId={selectedSpanId} />
          </div>
        )}
      </div>
      {!listCollapsed && (
        <Splitter
          label="Resize the span list"
          controls="span-list-region"
          share={share}
          min={MIN_SHARE}
          max={MAX_SHARE}
          onChange={(v) => setPaneLayout({ spanListShare: v })}
        />
      )}
      <div className="span-details" data-testid="span-details">
        <SelectedSpanAttributes />
        <RelationList />
        <MissingRequiredMarks />
        {selectedSpanId && !readOnly && (
          <div className="span-actions">
            <button type="button" onClick={removeSelectedSpan}>
              Remove selected span
            </button>
          </div>
        )}
      </div>
    </aside>
  );
}
