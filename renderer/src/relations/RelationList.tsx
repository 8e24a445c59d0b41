import { useMemo } from 'react';
import { relationsOfSpan } from '../../../shared/annotation/relations';
import { appStore, showToast } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { selectSpan } from '../article/taggingActions';
import { documentStore } from '../stores/appDocumentStore';
import { startLinkMode } from './linkMode';

const EMPTY: never[] = [];
const short = (s: string) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
};

/**
 * The relations of the selected span (or of the whole document when none is selected): each
 * names its type and the span at the other end; a click selects it (Delete removes it), × removes it.
 */
export function RelationList() {
  const annotations = useStore(documentStore, (s) => s.doc?.history.present);
  const selectedSpanId = useStore(documentStore, (s) => s.doc?.selectedSpanId ?? null);
  const selectedRelationId = useStore(documentStore, (s) => s.doc?.selectedRelationId ?? null);
  const readOnly = useStore(documentStore, (s) => (s.doc?.textChanged ?? false) || s.lockedReason !== null);
  const types = useStore(appStore, (s) => s.project?.relationTypes ?? EMPTY);
  const labels = useStore(appStore, (s) => s.project?.labels ?? EMPTY);
  const spans = useMemo(() => new Map((annotations?.spans ?? []).map((s) => [s.id, s])), [annotations]);
  if (!annotations || types.length === 0) return null;
  const shown = selectedSpanId ? relationsOfSpan(annotations.relations, selectedSpanId) : annotations.relations;
  const remove = (id: string) => {
    const result = documentStore.removeRelation(id);
    if (!result.ok) showToast(result.message, 'error');
  };
  const describe = (spanId: string) => {
    const s = spans.get(spanId);
    if (!s) return spanId;
    return `${labels.find((l) => l.id === s.label)?.name ?? s.label} “${short(s.quote)}”`;
  };
  return (
    <section className="relation-section" aria-labelledby="relation-heading">
      <h3 id="relation-heading" className="relation-heading">
        Relations {selectedSpanId ? 'of this span' : 'in this document'} <span className="muted">{shown.length}</span>
      </h3>
      {shown.length === 0 ? (
        <p className="empty-note">{selectedSpanId && !readOnly ? 'None. Press R to link this span to another.' : 'None yet.'}</p>
      ) : (
        <ul className="relation-list" data-testid="relation-list">
          {shown.map((r) => {
            const type = types.find((t) => t.id === r.type);
            const name = type?.name ?? r.type;
            const outgoing = r.from === selectedSpanId;
            const text = selectedSpanId
              ? outgoing
                ? `${name} → ${describe(r.to)}`
                : `${describe(r.from)} ${name} → this`
              : `${describe(r.from)} ${name} → ${describe(r.to)}`;
            const selected = r.id === selectedRelationId;
            return (
              <li key={r.id} className={selected ? 'relation-item selected' : 'relation-item'} data-testid="relation-item" data-relation-id={r.id} data-type={r.type}>
                {/* A button: selecting a relation (then Delete removes it) works from the keyboard too. */}
                <button
                  type="button"
                  className="relation-text"
                  title={text}
                  aria-pressed={selected}
                  dir="auto"
                  onClick={() => {
                    if (selectedSpanId === null) selectSpan(r.from, true);
                    documentStore.selectRelation(selected ? null : r.id);
                  }}
                >
                  {text}
                </button>
                {!readOnly && (
                  <button
                    type="button"
                    data-testid="relation-delete"
                    aria-label={`Remove the relation ${text}`}
                    title="Remove this relation"
                    onClick={() => remove(r.id)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {selectedSpanId && !readOnly && (
        <div className="span-actions">
          <button type="button" data-testid="link-button" onClick={startLinkMode}>
            Link to… <kbd>R</kbd>
          </button>
        </div>
      )}
    </section>
  );
}
