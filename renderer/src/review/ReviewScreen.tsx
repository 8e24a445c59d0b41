import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/api/result';
import { sourceName } from '../../../shared/review/collectClaims';
import type { ConfirmDerivedView, ReviewCluster, ReviewFlag, ReviewView } from '../../../shared/review/types';
import { bridge } from '../bridge';
import { confirmDerivedValues, undoConfirmation } from './reviewActions';
import { Dialog } from '../ui/Dialog';
import { jumpToSpan } from '../export/exportActions';
import { documentStore } from '../stores/appDocumentStore';
import { appStore, showToast } from '../stores/appStore';
import { claimsWithDerived, follow, reviewKey, type Cursor } from './reviewCursor';
import { pushEscapeHandler } from '../keyboard/escapeHandlers';
import './review.css';

/**
 * The claim review (docs/review.md): clusters of claims across documents, conflicts
 * first, then by number of outlets; per cluster each outlet's wording, claimant and numbers
 * with their normalised values, and the flags with their reasons. Keyboard first (reviewCursor.ts).
 */
const FLAG_LABEL: Record<ReviewFlag['kind'], string> = {
  'number-conflict': 'Numbers disagree',
  'attribution-different': 'Different sources',
  'attribution-partial': 'Sources differ in part',
  'attribution-missing': 'Attribution missing',
};

const hasConflict = (c: ReviewCluster) => c.flags.some((f) => f.kind === 'number-conflict');

/** A value the review read from the words, not from the annotator's file: shown as such until confirmed (c). */
function Derived({ what }: { what: string }) {
  return (
    <span className="review-derived" title={`${what} read from the text, not in your annotations: c writes this cluster's derived values into them`}>
      derived
    </span>
  );
}

/** What an undo (u) takes back: a decision in claims.json, or a confirmation of derived values (this session). */
type UndoStep = { kind: 'decision' } | { kind: 'confirm'; undoId: string };

function ClusterDetail({ cluster, cursor, selected, onOpen }: { cluster: ReviewCluster; cursor: Cursor; selected: boolean; onOpen: (claim: number) => void }) {
  return (
    <div className="review-detail">
      {cluster.flags.length > 0 && (
        <ul className="review-flags">
          {cluster.flags.map((f, i) => (
            <li key={i} className={`review-flag flag-${f.kind}`} data-testid="review-flag" data-kind={f.kind}>
              <strong>{FLAG_LABEL[f.kind]}:</strong> {f.reason}
            </li>
          ))}
        </ul>
      )}
      <table className="review-claims">
        <thead>
          <tr>
            <th>Outlet</th>
            <th>Claim as worded</th>
            <th>Attributed to</th>
            <th>Numbers (normalised)</th>
          </tr>
        </thead>
        <tbody>
          {cluster.claims.map((m, i) => (
            <tr
              key={m.key}
              data-testid="review-claim"
              data-claim={m.key}
              className={[selected && i === cursor.claim ? 'claim-current' : '', cursor.moving === m.key ? 'claim-moving' : ''].join(' ')}
              onClick={() => onOpen(i)}
              title="Open this claim in its article (Enter)"
            >
              <td className="review-outlet">{sourceName(m.source)}</td>
              <td dir="auto">{m.text}</td>
              <td dir="auto">
                {m.claimants.length === 0 && <span className="muted">unattributed</span>}
                {m.claimants.map((x, k) => (
                  <span key={x.spanId} className="review-claimant" data-testid="review-claimant" data-derived={x.derived}>
                    {k > 0 && ', '}
                    {x.name}
                    {x.derived && <Derived what={x.derivedFrom === 'next-sentence' ? 'Claimant (from the next sentence)' : 'Claimant (from the attribution frame)'} />}
                  </span>
                ))}
              </td>
              <td>
                {m.numbers.length === 0 && <span className="muted">—</span>}
                {m.numbers.map((n) => (
                  <div key={n.spanId} className="review-number" data-testid="review-number" data-derived={n.derived.length > 0}>
                    “{n.quote}” → <span className="review-norm">{n.normalised}</span>
                    {n.unit ? ` ${n.unit}` : ''}
                    {n.quantity && <span className="muted"> ({n.quantity})</span>}
                    {n.derived.length > 0 && <Derived what={`${n.derived.join(', ')}`} />}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReviewScreen() {
  const [view, setView] = useState<ReviewView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState<Cursor>({ cluster: 0, claim: 0, moving: null });
  const [busy, setBusy] = useState(false);
  const [undoSteps, setUndoSteps] = useState<UndoStep[]>([]);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    // Review what is on screen: the open document's pending edits are saved first.
    void documentStore
      .flush()
      .then(() => bridge.getReview({}))
      .then((r) => {
        if (!live) return;
        if (r.ok) setView(r.value);
        else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, []);

  // Keys go to the list; Dialog focused its first button before this effect ran.
  const loaded = view !== null;
  useEffect(() => {
    if (loaded) listRef.current?.focus();
  }, [loaded]);

  useEffect(() => {
    listRef.current?.querySelector('[data-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [cursor.cluster, view]);

  // While a claim is being moved, Esc cancels the move; the next Esc closes the review.
  const moving = cursor.moving !== null;
  useEffect(() => {
    if (!moving) return undefined;
    return pushEscapeHandler(() => {
      setCursor((c) => ({ ...c, moving: null }));
      return true;
    });
  }, [moving]);

  const apply = useCallback(async (request: Promise<Result<ReviewView>>, followKey: string | null) => {
    setBusy(true);
    const r = await request;
    setBusy(false);
    if (!r.ok) {
      showToast(r.error.message, 'error');
      return;
    }
    setView(r.value);
    setCursor((c) => (followKey ? follow(r.value.clusters, followKey) : { cluster: Math.min(c.cluster, r.value.clusters.length - 1), claim: 0, moving: null }));
  }, []);

  /** Write the cluster's derived values into the annotations (and show the open document's new state). */
  const confirm = useCallback(async (claims: string[]) => {
    setBusy(true);
    const r: Result<ConfirmDerivedView> = await confirmDerivedValues(claims);
    setBusy(false);
    if (!r.ok) {
      showToast(r.error.message, 'error');
      return;
    }
    setView(r.value.review);
    setCursor((c) => follow(r.value.review.clusters, claims[0]!) ?? c);
    if (r.value.undoId) setUndoSteps((steps) => [...steps, { kind: 'confirm', undoId: r.value.undoId! }]);
    const written = [r.value.numbers && `${r.value.numbers} number${r.value.numbers === 1 ? '' : 's'}`, r.value.relations && `${r.value.relations} claimant link${r.value.relations === 1 ? '' : 's'}`].filter(Boolean).join(' and ');
    showToast(`${written ? `Confirmed ${written} into your annotations (u undoes it).` : 'Nothing to confirm.'}${r.value.skipped.length ? ` Not written: ${r.value.skipped.join(' ')}` : ''}`, r.value.skipped.length ? 'error' : 'info');
  }, []);

  /** u: the last step of this session (a confirmation or a decision), else the last decision saved in claims.json. */
  const undo = useCallback(async () => {
    const last = undoSteps[undoSteps.length - 1];
    setUndoSteps((steps) => steps.slice(0, -1));
    if (last?.kind === 'confirm') {
      setBusy(true);
      const r = await undoConfirmation(last.undoId);
      setBusy(false);
      if (!r.ok) showToast(r.error.message, 'error');
      else {
        setView(r.value.review);
        showToast('The confirmed values were taken out of your annotations again.');
      }
      return;
    }
    await apply(bridge.undoReviewDecision({}), null);
  }, [undoSteps, apply]);

  const exportSet = useCallback(async () => {
    const r = await bridge.exportReview({});
    if (r.ok) showToast(`Review set written: ${r.value.files.join(', ')}`);
    else showToast(r.error.message, 'error');
  }, []);

  const readOnly = appStore.get().project?.readOnly ?? false;
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!view || busy || event.ctrlKey || event.metaKey || event.altKey) return;
    const action = reviewKey(event.key, cursor, view.clusters);
    if (action.kind === 'none') return;
    event.preventDefault();
    if (action.kind === 'cursor') setCursor(action.cursor);
    else if (action.kind === 'open') void jumpToSpan(action.docId, action.spanId);
    else if (action.kind === 'decide') {
      setUndoSteps((steps) => [...steps, { kind: 'decision' }]);
      void apply(bridge.saveReviewDecision({ decision: action.decision }), action.follow);
    } else if (action.kind === 'undo') void undo();
    else if (action.kind === 'export') void exportSet();
    else if (action.kind === 'confirm') {
      if (readOnly) showToast('This window is read-only: the derived values cannot be written into the annotations.', 'error');
      else void confirm(action.claims);
    }
  };

  const conflicts = view?.clusters.filter(hasConflict).length ?? 0;
  const derivedClusters = view?.clusters.filter((c) => claimsWithDerived(c).length > 0).length ?? 0;
  const current = view?.clusters[cursor.cluster];
  const currentDerived = current ? claimsWithDerived(current) : [];
  return (
    <Dialog title="Review claims across documents" testId="review-screen" wide>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!view && !error && <p className="muted">Clustering claims…</p>}
      {view && (
        <>
          <div className="review-toolbar">
            <p className="review-summary" data-testid="review-summary">
              {view.claims} claims by {view.annotator} in {view.clusters.length} clusters, {view.clusters.filter((c) => c.outlets > 1).length} across outlets; {conflicts} with numbers that disagree.
              {view.decisions > 0 && ` ${view.decisions} decision${view.decisions === 1 ? '' : 's'} of yours applied.`}
              {derivedClusters > 0 && ` ${derivedClusters} cluster${derivedClusters === 1 ? ' has' : 's have'} values read from the text (marked derived).`}
            </p>
            <button
              type="button"
              onClick={() => void confirm(currentDerived)}
              disabled={currentDerived.length === 0 || readOnly || busy}
              data-testid="review-confirm"
              title="Write the derived values of the current cluster into your annotations (c)"
            >
              Confirm derived
            </button>
            <button type="button" onClick={() => void exportSet()} data-testid="review-export" title="Write review.html, review.json and review.csv into the project's exports folder (e)">
              Export review set
            </button>
            <button type="button" onClick={() => void undo()} disabled={(view.decisions === 0 && undoSteps.length === 0) || readOnly} title="Undo your last decision or confirmation (u)">
              Undo
            </button>
          </div>
          {view.problems.map((p) => (
            <p key={p} className="review-problem" role="alert">
              {p}
            </p>
          ))}
          <p className="review-keys muted">
            <kbd>j</kbd>/<kbd>k</kbd> clusters · <kbd>h</kbd>/<kbd>l</kbd> claims · <kbd>Enter</kbd> open in article · <kbd>m</kbd> merge with next · <kbd>s</kbd> split claim off ·{' '}
            <kbd>t</kbd> take claim, then <kbd>Enter</kbd> on another cluster to move it · <kbd>c</kbd> confirm derived values · <kbd>u</kbd> undo · <kbd>e</kbd> export
          </p>
          {cursor.moving && (
            <p className="review-moving" role="status" data-testid="review-moving">
              Moving a claim: choose its new cluster with <kbd>j</kbd>/<kbd>k</kbd> and press <kbd>Enter</kbd> (<kbd>t</kbd> or <kbd>Esc</kbd> cancels).
            </p>
          )}
          <div className="review-list" ref={listRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="review-list" aria-label="Claim clusters" role="listbox" aria-activedescendant={`review-cluster-${cursor.cluster}`}>
            {view.clusters.length === 0 && <p className="muted">No claims tagged yet: tag claims (with their claimants and numbers) and come back.</p>}
            {view.clusters.map((c, i) => {
              const selected = i === cursor.cluster;
              return (
                <div
                  key={c.id}
                  id={`review-cluster-${i}`}
                  role="option"
                  aria-selected={selected}
                  className={`review-cluster${selected ? ' selected' : ''}${hasConflict(c) ? ' conflict' : c.flags.length ? ' attribution' : ''}`}
                  data-testid="review-cluster"
                  data-cluster={c.id}
                  data-current={selected}
                  onMouseDown={() => setCursor((cur) => ({ ...cur, cluster: i, claim: 0 }))}
                >
                  <div className="review-cluster-head">
                    <span className="review-rank">{i + 1}</span>
                    <span className="review-count" data-testid="review-outlets">
                      {c.outlets} outlet{c.outlets === 1 ? '' : 's'} · {c.claims.length} claim{c.claims.length === 1 ? '' : 's'}
                    </span>
                    {c.flags.length > 0 && (
                      <span className="review-badges">
                        {[...new Set(c.flags.map((f) => f.kind))].map((k) => (
                          <span key={k} className={`review-badge flag-${k}`}>
                            {FLAG_LABEL[k]}
                          </span>
                        ))}
                      </span>
                    )}
                    {c.decided && <span className="review-badge decided">reviewed</span>}
                    <span className="review-title">{c.claims[0]!.text}</span>
                  </div>
                  {(selected || c.claims.length > 1) && (
                    <ClusterDetail cluster={c} cursor={cursor} selected={selected} onOpen={(claim) => void jumpToSpan(c.claims[claim]!.docId, c.claims[claim]!.spanId)} />
                  )}
                </div>
              );
            })}
          </div>
        </>
      )}
    </Dialog>
  );
}
