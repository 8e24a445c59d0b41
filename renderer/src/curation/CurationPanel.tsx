import { useCallback, useEffect, useState } from 'react';
import type { CurationPolicy, StopDecision } from '../../../shared/curation/curation';
import type { CurationView } from '../../../shared/curation/curationView';
import { SpanText, selectionOffsets } from '../agreement/SpanText';
import { bridge } from '../bridge';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { curationKeyAction, nextUndecided } from './curationKeys';

const isTyping = (t: EventTarget | null) => t instanceof HTMLElement && t.closest('input, select, textarea') !== null;

function describe(decision: StopDecision | undefined, text: string): string {
  if (!decision) return 'not decided';
  if (decision.kind === 'reject') return 'rejected: no gold span';
  if (decision.kind === 'edit') return `edited: ${decision.spans.map((e) => `“${text.slice(e.start, e.end)}”`).join(' + ')}`;
  return `${decision.annotator}'s version`;
}

/**
 * Curation of one document into the `gold` annotator. Spans all annotators agree on (or a
 * majority, by the policy) are in the gold already; each disagreement is a stop: n / p move,
 * 1..9 pick an annotator's version, a accepts the proposal, x rejects. Every decision is saved
 * to annotations/gold/<docId>.json at once, with provenance on each span.
 */
export function CurationPanel({ docId, annotators }: { docId: string; annotators: string[] | null }) {
  const labels = useStore(appStore, (s) => s.project?.labels ?? []);
  const [policy, setPolicy] = useState<CurationPolicy>('unanimity');
  const [view, setView] = useState<CurationView | null>(null);
  const [decisions, setDecisions] = useState<Record<string, StopDecision>>({});
  const [index, setIndex] = useState(0);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setView(null);
    void bridge.getCuration({ docId, policy, ...(annotators ? { annotators } : {}) }).then((r) => {
      if (!live) return;
      if (!r.ok) return setMessage({ kind: 'error', text: r.error.message });
      setView(r.value);
      setDecisions(r.value.decisions);
      const ids = r.value.plan.stops.map((s) => s.id);
      setIndex(ids.length === 0 || !(ids[0]! in r.value.decisions) ? 0 : nextUndecided(ids, r.value.decisions, 0));
      setMessage(null);
    });
    return () => {
      live = false;
    };
  }, [docId, policy, annotators]);

  const decide = useCallback(
    async (decision: StopDecision | 'proposal') => {
      if (!view) return;
      const stop = view.plan.stops[index];
      if (!stop) return;
      const d: StopDecision = decision === 'proposal' ? { kind: 'pick', annotator: stop.proposal } : decision;
      const next = { ...decisions, [stop.id]: d };
      setDecisions(next);
      const saved = await bridge.saveGold({ docId, policy, ...(annotators ? { annotators } : {}), decisions: next, basis: view.basis, baseRevision: view.goldRevision });
      if (!saved.ok) {
        setDecisions(decisions);
        setMessage({ kind: 'error', text: saved.error.message });
        return;
      }
      setView(saved.value.view);
      setStatus(saved.value.status);
      setMessage({ kind: 'info', text: saved.value.undecided === 0 ? `Gold saved: ${saved.value.spans} spans, every disagreement decided (done).` : `Gold saved: ${saved.value.spans} spans; ${saved.value.undecided} disagreement(s) left.` });
      setIndex(nextUndecided(view.plan.stops.map((s) => s.id), next, index));
    },
    [view, index, decisions, docId, policy, annotators],
  );

  /** e: the text selected in the gold view becomes this stop's span, edited from the chosen version (or the proposal). */
  const editFromSelection = useCallback(() => {
    if (!view) return;
    const stop = view.plan.stops[index];
    const box = document.querySelector<HTMLElement>('[data-testid=curation-gold-text]');
    const range = box ? selectionOffsets(box, view.text) : null;
    if (!stop || !range) {
      setMessage({ kind: 'error', text: 'Select the text of the span in the gold view below, then press e.' });
      return;
    }
    const current = decisions[stop.id];
    const base = current?.kind === 'pick' ? current.annotator : current?.kind === 'edit' ? current.base : stop.proposal;
    void decide({ kind: 'edit', base, spans: [range] });
  }, [view, index, decisions, decide]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!view || event.defaultPrevented || isTyping(event.target)) return;
      const action = curationKeyAction(event, view.annotators);
      if (!action) return;
      event.preventDefault();
      const count = view.plan.stops.length;
      if (count === 0) return;
      if (action.kind === 'move') setIndex((i) => (i + action.delta + count) % count);
      else if (action.kind === 'edit') editFromSelection();
      else void decide(action.decision);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, decide]);

  if (message?.kind === 'error' && !view) return <p role="alert" className="error-text">{message.text}</p>;
  if (!view) return <p className="muted">Loading…</p>;
  const stops = view.plan.stops;
  const stop = stops[index];
  const decided = stops.filter((s) => s.id in decisions).length;
  const name = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  const goldSpans = [
    ...view.plan.accepted.map((c) => c.span),
    ...stops.flatMap((s) => {
      const d = decisions[s.id];
      if (d?.kind === 'edit') return d.spans.map((e) => ({ ...e, label: s.label }));
      return d?.kind === 'pick' ? (s.versions.find((v) => v.annotator === d.annotator)?.spans ?? []) : [];
    }),
  ];
  return (
    <div data-testid="curation-panel">
      <div className="agreement-toolbar">
        <strong>{view.title || view.docId}</strong>
        <label>
          Pre-accept{' '}
          <select value={policy} onChange={(e) => setPolicy(e.target.value as CurationPolicy)} data-testid="curation-policy">
            <option value="unanimity">what all annotators agree on</option>
            <option value="majority">what a majority agrees on</option>
          </select>
        </label>
        <span data-testid="curation-progress">
          {view.plan.accepted.length} pre-accepted · {decided} of {stops.length} disagreements decided{status ? ` · gold ${status.replace('_', ' ')}` : ''}
        </span>
      </div>
      <p className="curation-keys">
        <kbd>n</kbd>/<kbd>p</kbd> next/previous · {view.annotators.map((a, i) => (
          <span key={a}>
            <kbd>{i + 1}</kbd> {a}&apos;s version ·{' '}
          </span>
        ))}
        <kbd>a</kbd> accept the proposal · <kbd>x</kbd> reject · select text below and <kbd>e</kbd> to edit the span
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : 'muted'} data-testid="curation-message">
          {message.text}
        </p>
      )}
      {stop ? (
        <section className="curation-stop" data-testid="curation-stop" data-stop-id={stop.id}>
          <div>
            Disagreement {index + 1} of {stops.length}: <strong>{name(stop.label)}</strong> · <span className="curation-decision" data-testid="curation-decision">{describe(decisions[stop.id], view.text)}</span>
          </div>
          {stop.versions.map((v, i) => {
            const chosen = decisions[stop.id]?.kind === 'pick' && (decisions[stop.id] as { annotator: string }).annotator === v.annotator;
            return (
              <div key={v.annotator} className={chosen ? 'curation-version chosen' : 'curation-version'} data-testid="curation-version">
                <kbd>{i + 1}</kbd>
                <span>
                  {v.annotator}
                  {v.annotator === stop.proposal ? ' (proposal)' : ''}:
                </span>
                <span>
                  {v.spans.length === 0
                    ? '(nothing)'
                    : v.spans.map((s) => `“${view.text.slice(s.start, s.end)}”${s.attributes && Object.keys(s.attributes).length > 0 ? ` [${Object.entries(s.attributes).map(([k, val]) => `${k}=${String(val)}`).join(', ')}]` : ''}`).join(' + ')}
                </span>
              </div>
            );
          })}
        </section>
      ) : (
        <p data-testid="curation-stop-none">The annotators agree on every span of this document under this policy: nothing to decide. Save the gold to keep it.</p>
      )}
      {stops.length === 0 && (
        <button type="button" className="primary" data-testid="curation-save" onClick={() => void bridge.saveGold({ docId, policy, ...(annotators ? { annotators } : {}), decisions: {}, basis: view.basis, baseRevision: view.goldRevision }).then((r) => (r.ok ? (setView(r.value.view), setStatus(r.value.status), setMessage({ kind: 'info', text: `Gold saved: ${r.value.spans} spans (done).` })) : setMessage({ kind: 'error', text: r.error.message })))}>
          Save gold
        </button>
      )}
      <h3>Gold so far ({goldSpans.length} spans)</h3>
      <SpanText text={view.text} spans={goldSpans} labels={labels} current={stop ? { start: stop.start, end: stop.end } : null} testId="curation-gold-text" label="Gold text" />
    </div>
  );
}
