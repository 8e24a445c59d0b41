import { memo, useEffect, useMemo, useRef } from 'react';
import type { LabelDef, Span } from '../../../shared/model/schemas';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { documentStore, removeSelectedSpan, selectSpan } from '../controller';
import { missingRequired } from '../../../shared/model/schemaEdits';
import { MissingRequiredMarks, SelectedSpanAttributes } from './AttributePanel';
import { RelationList } from './RelationList';

const QUOTE_MAX = 90;
const truncate = (s: string) => {
  const flat = s.length > QUOTE_MAX * 2 ? s.slice(0, QUOTE_MAX * 2) : s;
  const oneLine = flat.replace(/\s+/g, ' ').trim();
  return oneLine.length > QUOTE_MAX ? `${oneLine.slice(0, QUOTE_MAX - 1)}…` : oneLine;
};

const SpanItem = memo(function SpanItem({ span, label, selected }: { span: Span; label: LabelDef | undefined; selected: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const missing = missingRequired(label, span.attributes);
  return (
    <li
      ref={ref}
      className={selected ? 'span-item selected' : 'span-item'}
      data-testid="span-item"
      data-span-id={span.id}
      data-label={span.label}
      data-missing={missing.length > 0 ? 'true' : undefined}
      title={missing.length > 0 ? `Required: ${missing.join(', ')}` : undefined}
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      onClick={() => selectSpan(span.id, true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          selectSpan(span.id, true);
        }
      }}
    >
      <span className="label-chip" style={{ backgroundColor: label?.color ?? '#6b7280' }}>
        {label?.name ?? span.label}
      </span>
      <span className="span-quote">{truncate(span.quote)}</span>
      {missing.length > 0 && (
        <span className="missing-flag" aria-label={`missing ${missing.join(', ')}`}>
          !
        </span>
      )}
    </li>
  );
});

/** The open document's spans in text order; the selected one is marked and kept in view. */
export function SpanPanel() {
  const spans = useStore(documentStore, (s) => s.doc?.history.present.spans);
  const selectedSpanId = useStore(documentStore, (s) => s.doc?.selectedSpanId ?? null);
  const readOnly = useStore(documentStore, (s) => (s.doc?.textChanged ?? false) || s.lockedReason !== null);
  const labels = useStore(appStore, (s) => s.project?.labels);
  const byId = useMemo(() => new Map((labels ?? []).map((l) => [l.id, l])), [labels]);
  return (
    <aside className="span-pane" aria-label="Spans">
      <header className="pane-header">
        <h2>Spans</h2>
        <span className="muted">{spans ? spans.length : 0}</span>
      </header>
      <ul className="span-list" data-testid="span-list" role="listbox" aria-label="Spans in text order">
        {spans?.map((s) => (
          <SpanItem key={s.id} span={s} label={byId.get(s.label)} selected={s.id === selectedSpanId} />
        ))}
        {spans && spans.length === 0 && (
          <li className="empty-note">No spans yet. Select text in the article and press a label key.</li>
        )}
      </ul>
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
    </aside>
  );
}
