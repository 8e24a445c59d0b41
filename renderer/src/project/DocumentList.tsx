import { memo, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { DocumentSummary } from '../../../shared/api/views';
import type { LabelDef } from '../../../shared/model/schemas';
import { countByLabel } from '../../../shared/annotation/operations';
import { linkedEntities } from '../../../shared/annotation/entities';
import { entityStore } from '../attributes/entityStore';
import { DOC_STATUSES } from '../../../shared/model/schemas';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { filterDocuments, type StatusFilter } from './documentFilters';
import { importFiles } from '../import/importActions';
import { openDocument } from './documentActions';
import { documentStore } from '../stores/appDocumentStore';
import { STATUS_LABEL, StatusPill } from '../ui/StatusPill';
import { ownValue } from '../../../shared/model/keyed';
import { legibleTextColor } from '../../../shared/color/contrast';
import { paneLayout } from '../layout/paneLayout';
import { PaneToggle } from '../layout/Workspace';

const DocItem = memo(function DocItem({
  doc,
  labels,
  current,
}: {
  doc: DocumentSummary;
  labels: readonly LabelDef[];
  current: boolean;
}) {
  return (
    <li>
      <button
        type="button"
        className={current ? 'doc-item current' : 'doc-item'}
        data-testid="doc-item"
        data-doc-id={doc.id}
        data-status={doc.status}
        aria-current={current ? 'true' : undefined}
        onClick={() => void openDocument(doc.id)}
      >
        <span className="doc-title" dir="auto">{doc.title || doc.id}</span>
        <span className="doc-line">
          <span className="doc-outlet" dir="auto">{doc.outlet ?? '—'}</span>
          <StatusPill status={doc.status} />
        </span>
        <span className="doc-line">
          <span className="doc-counts">
            {labels.map((l) => {
              const n = ownValue(doc.counts, l.id) ?? 0;
              return n > 0 ? (
                <span key={l.id} className="count" style={{ color: legibleTextColor(l.color) }} title={`${n} ${l.name}`}>
                  {n}
                </span>
              ) : null;
            })}
          </span>
          {doc.textChanged && (
            <span className="text-changed-flag" title="The text changed after it was annotated: read-only.">
              ⚠ text changed
            </span>
          )}
        </span>
      </button>
    </li>
  );
});

/** The current document's live status and counts (before its save answers). */
function useLiveCurrent(): { docId: string | null; summaryPatch: Partial<DocumentSummary> | null } {
  const docId = useStore(documentStore, (s) => s.docId);
  const status = useStore(documentStore, (s) => s.doc?.status);
  const spans = useStore(documentStore, (s) => s.doc?.history.present.spans);
  const labels = useStore(appStore, (s) => s.project?.labels);
  const counts = useMemo(() => (spans ? countByLabel(spans) : null), [spans]);
  // The entities its actors link to, live too (the entity filter must see a link just made).
  const entities = useMemo(() => (spans && labels ? linkedEntities({ labels }, spans) : null), [spans, labels]);
  const summaryPatch = useMemo(() => (status && counts ? { status, counts, ...(entities ? { entities } : {}) } : null), [status, counts, entities]);
  return { docId, summaryPatch };
}

export function DocumentList() {
  const project = useStore(appStore, (s) => s.project);
  const statusFilter = useStore(appStore, (s) => s.statusFilter);
  const search = useStore(appStore, (s) => s.search);
  const { docId, summaryPatch } = useLiveCurrent();
  const [dragging, setDragging] = useState(false);
  const allEntities = useStore(entityStore, (s) => s.entities);
  const [entityFilter, setEntityFilter] = useState('');
  // Another project: its own entities.
  useEffect(() => setEntityFilter(''), [project?.path]);
  const inputRef = useRef<HTMLInputElement>(null);
  const collapsed = useStore(paneLayout, (s) => s.documentsCollapsed);

  const docs = useMemo(() => {
    const all = project?.documents ?? [];
    const live = summaryPatch ? all.map((d) => (d.id === docId ? { ...d, ...summaryPatch } : d)) : all;
    const shown = filterDocuments(live, statusFilter, search);
    return entityFilter ? shown.filter((d) => d.entities.includes(entityFilter)) : shown;
  }, [project, statusFilter, search, docId, summaryPatch, entityFilter]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) void importFiles(files);
  };

  const total = project?.documents.length ?? 0;
  const importInput = (
    <input
      ref={inputRef}
      type="file"
      multiple
      accept=".txt,.md,.html,.htm,.jsonl,.ndjson,.json,.jsonld,.ann,.conf,.conll,.csv,text/plain,text/markdown,text/html,application/json"
      data-testid="import-input"
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      onChange={(e) => {
        const files = Array.from(e.target.files ?? []);
        e.target.value = '';
        if (files.length > 0) void importFiles(files);
      }}
    />
  );
  if (collapsed) {
    return (
      <aside className="doc-pane pane-rail" aria-label="Documents">
        <PaneToggle pane="documents" name="Documents" count={total} collapsed />
        {importInput}
      </aside>
    );
  }
  return (
    <aside
      className={dragging ? 'doc-pane dragging' : 'doc-pane'}
      aria-label="Documents"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="doc-filters">
        <label className="visually-hidden" htmlFor="doc-search">
          Search titles
        </label>
        <input
          id="doc-search"
          type="search"
          data-testid="doc-search"
          dir="auto"
          placeholder="Search titles…"
          value={search}
          onChange={(e) => appStore.set({ search: e.target.value })}
        />
        <label className="visually-hidden" htmlFor="status-filter">
          Show documents with status
        </label>
        <select
          id="status-filter"
          data-testid="status-filter"
          value={statusFilter}
          onChange={(e) => appStore.set({ statusFilter: e.target.value as StatusFilter })}
        >
          <option value="all">All statuses</option>
          {DOC_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
        {allEntities.length > 0 && (
          <>
            <label className="visually-hidden" htmlFor="entity-filter">
              Show documents mentioning the entity
            </label>
            <select id="entity-filter" data-testid="entity-filter" value={entityFilter} onChange={(e) => setEntityFilter(e.target.value)}>
              <option value="">Any entity</option>
              {allEntities.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <div className="doc-count">
        <span>{docs.length === total ? `${total} documents` : `${docs.length} of ${total} documents`}</span>
        <PaneToggle pane="documents" name="Documents" collapsed={false} />
      </div>
      <ul className="doc-list" data-testid="doc-list">
        {docs.map((d) => (
          <DocItem key={d.id} doc={d} labels={project?.labels ?? []} current={d.id === docId} />
        ))}
        {docs.length === 0 && <li className="empty-note">{total === 0 ? 'No documents yet: import some below.' : 'No document matches.'}</li>}
      </ul>
      <div className="drop-zone">
        <p>Drop articles (.txt, .md, .html) or annotated files (JSONL, brat .txt+.ann, Label Studio, doccano, W3C) here,</p>
        <button type="button" onClick={() => inputRef.current?.click()} disabled={!project}>
          or choose files…
        </button>
        {importInput}
      </div>
    </aside>
  );
}
