import type { OrphanView } from '../../../shared/annotation/driftRepair';
import type { OrphanReason } from '../../../shared/annotation/reanchor';
import { bridge } from '../bridge';
import { appStore, showToast } from '../stores/appStore';
import { createStore, useStore } from '../stores/createStore';
import { article, documentStore } from '../stores/appDocumentStore';

const REASON: Record<OrphanReason, string> = {
  ambiguous: 'found in several places',
  'context-changed': 'found, but the text around it changed',
  edited: 'its text was edited',
  missing: 'not found in the new text',
};

type Decision = { kind: 'place'; start: number; end: number; text: string } | { kind: 'drop' };

/**
 * The repair being prepared, outside React: the article pane may remount while the document
 * reloads (e.g. a change on disk is noticed), and the annotator's choices must survive that.
 */
const repairStore = createStore({
  docId: null as string | null,
  open: false,
  rejected: new Set<string>(),
  decisions: new Map<string, Decision>(),
  busy: false,
});

const short = (text: string) => (text.length > 90 ? `${text.slice(0, 87)}…` : text);

/** The selected text in the article, as a placement, or null with a toast saying what to do. */
function selectionPlacement(text: string): Decision | null {
  const range = article.current?.getSelectedRange() ?? null;
  if (!range || range.start === range.end) {
    showToast('Select the text in the article where this span belongs, then press Place.', 'error');
    return null;
  }
  return { kind: 'place', start: range.start, end: range.end, text: text.slice(range.start, range.end) };
}

async function afterRepair(result: Awaited<ReturnType<typeof bridge.repairDrift>>, done: string): Promise<boolean> {
  if (!result.ok) {
    showToast(result.error.message, 'error');
    return false;
  }
  appStore.set({ project: result.value.project });
  repairStore.set({ open: false, rejected: new Set(), decisions: new Map() });
  const reloaded = await documentStore.reload();
  if (!reloaded.ok) showToast(reloaded.message, 'error');
  else showToast(done);
  return true;
}

function OrphanRow({ orphan, decision, onDecide }: { orphan: OrphanView; decision: Decision | undefined; onDecide(d: Decision | undefined): void }) {
  const text = useStore(documentStore, (s) => s.doc?.text ?? '');
  const label = useStore(appStore, (s) => s.project?.labels.find((l) => l.id === orphan.label));
  return (
    <li className="repair-row" data-testid="repair-orphan" data-span-id={orphan.id}>
      <span className="repair-label" style={{ borderColor: label?.color }}>{label?.name ?? orphan.label}</span>
      <q>{short(orphan.quote)}</q> <span className="repair-reason">({REASON[orphan.reason]})</span>
      {decision?.kind === 'place' && <span className="repair-decision"> → will be placed on “{short(decision.text)}”</span>}
      {decision?.kind === 'drop' && <span className="repair-decision"> → will be dropped</span>}
      <span className="repair-actions">
        {orphan.suggestion && (
          <button type="button" data-testid="repair-use-suggestion" title={`Place it on “${orphan.suggestion.text}”`} onClick={() => onDecide({ kind: 'place', ...orphan.suggestion! })}>
            Use “{short(orphan.suggestion.text)}”
          </button>
        )}
        <button
          type="button"
          data-testid="repair-place"
          title="Place it on the text selected in the article"
          onMouseDown={(e) => e.preventDefault() /* keep the article selection */}
          onClick={() => {
            const d = selectionPlacement(text);
            if (d) onDecide(d);
          }}
        >
          Place
        </button>
        <button type="button" data-testid="repair-drop" onClick={() => onDecide({ kind: 'drop' })}>
          Drop
        </button>
        {decision && (
          <button type="button" className="link-button" onClick={() => onDecide(undefined)}>
            undo
          </button>
        )}
      </span>
    </li>
  );
}

/**
 * Text drift, in the article pane: when the text changed under the annotations, the banner offers
 * a Repair (spans found with full confidence move, the others are orphans to place or drop); after
 * a repair, orphans still waiting are listed with Place / Drop (docs/project-format.md).
 */
export function RepairPanel() {
  const doc = useStore(documentStore, (s) => s.doc);
  const state = useStore(repairStore, (s) => s);
  if (!doc) return null;
  if (state.docId !== doc.docId) {
    // Another document: start over.
    queueMicrotask(() => repairStore.set({ docId: doc.docId, open: false, rejected: new Set(), decisions: new Map(), busy: false }));
    return null;
  }
  const { open, rejected, decisions, busy } = state;
  const setOpen = (value: boolean) => repairStore.set({ open: value });
  const setBusy = (value: boolean) => repairStore.set({ busy: value });
  const setRejected = (update: (prev: Set<string>) => Set<string>) => repairStore.set((s) => ({ rejected: update(s.rejected) }));
  const decide = (id: string, d: Decision | undefined) =>
    repairStore.set((s) => {
      const next = new Map(s.decisions);
      if (d) next.set(id, d);
      else next.delete(id);
      return { decisions: next };
    });
  const request = () => ({
    place: [...decisions].flatMap(([id, d]) => (d.kind === 'place' ? [{ id, start: d.start, end: d.end }] : [])),
    drop: [...decisions].flatMap(([id, d]) => (d.kind === 'drop' ? [id] : [])),
  });

  if (doc.textChanged) {
    const drift = doc.drift;
    return (
      <div className="banner banner-warning" data-testid="text-changed-banner" role="alert">
        <strong>Read-only.</strong> The text of this document changed after these annotations were made, so their
        offsets may no longer fit. Tagging is disabled and the annotation file is kept as it is until you repair it.{' '}
        {drift && !open && (
          <button type="button" data-testid="repair-button" onClick={() => setOpen(true)}>
            Repair…
          </button>
        )}
        {drift && open && (
          <div className="repair-panel" data-testid="repair-panel">
            <p>
              <strong>{drift.moved.length}</strong> span{drift.moved.length === 1 ? '' : 's'} found again exactly (same text, same
              surroundings) and will move; <strong>{drift.orphans.length}</strong> could not be placed with certainty: place each on the
              right text (select it in the article, then Place), accept a suggestion, or drop it. Orphans you leave are kept for later.
            </p>
            {drift.moved.length > 0 && (
              <details>
                <summary>Spans that move ({drift.moved.length - rejected.size} of {drift.moved.length})</summary>
                <ul>
                  {drift.moved.map((m) => (
                    <li key={m.id} data-testid="repair-moved" data-span-id={m.id}>
                      <label>
                        <input
                          type="checkbox"
                          checked={!rejected.has(m.id)}
                          onChange={(e) =>
                            setRejected((prev) => {
                              const next = new Set(prev);
                              if (e.target.checked) next.delete(m.id);
                              else next.add(m.id);
                              return next;
                            })
                          }
                        />{' '}
                        <q>{short(m.quote)}</q> ({m.oldStart} → {m.start})
                      </label>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {drift.orphans.length > 0 && (
              <ul className="repair-orphans">
                {drift.orphans.map((o) => (
                  <OrphanRow key={o.id} orphan={o} decision={decisions.get(o.id)} onDecide={(d) => decide(o.id, d)} />
                ))}
              </ul>
            )}
            <button
              type="button"
              className="primary"
              data-testid="repair-apply"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const result = await bridge.repairDrift({
                  docId: doc.docId,
                  textSha256: drift.textSha256,
                  accept: drift.moved.filter((m) => !rejected.has(m.id)).map((m) => m.id),
                  ...request(),
                });
                setBusy(false);
                await afterRepair(result, 'Repaired: the annotations now fit the new text and can be edited again.');
              }}
            >
              Apply repair
            </button>{' '}
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        )}
      </div>
    );
  }

  if (doc.orphans.length === 0) return null;
  return (
    <div className="banner banner-warning" data-testid="orphans-banner" role="status">
      <strong>{doc.orphans.length}</strong> span{doc.orphans.length === 1 ? '' : 's'} could not be placed after the text changed: place
      each on the right text (select it in the article, then Place), accept a suggestion, or drop it.
      <ul className="repair-orphans">
        {doc.orphans.map((o) => (
          <OrphanRow
            key={o.id}
            orphan={o}
            decision={undefined}
            onDecide={async (d) => {
              if (!d || busy) return;
              setBusy(true);
              if (await documentStore.flush()) {
                const result = await bridge.repairDrift({
                  docId: doc.docId,
                  place: d.kind === 'place' ? [{ id: o.id, start: d.start, end: d.end }] : [],
                  drop: d.kind === 'drop' ? [o.id] : [],
                });
                await afterRepair(result, d.kind === 'drop' ? 'Span dropped.' : 'Span placed.');
              }
              setBusy(false);
            }}
          />
        ))}
      </ul>
    </div>
  );
}
