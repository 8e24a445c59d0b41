import { useEffect, useState } from 'react';
import type { AgreementView } from '../../../shared/agreement/agreementView';
import { formatFigure } from '../../../shared/agreement/formatAgreement';
import type { AgreementFigures } from '../../../shared/agreement/projectAgreement';
import { bridge } from '../bridge';
import { Dialog } from '../ui/Dialog';
import { CurationPanel } from '../curation/CurationPanel';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { CompareView } from './CompareView';
import './agreement.css';
import { AgreementEmptyState, situationOf } from './AgreementEmptyState';

type Screen = { kind: 'overview' } | { kind: 'compare'; docId: string } | { kind: 'curate'; docId: string };

const FIGURE_HEAD = ['spans', 'F1 exact', 'F1 overlap', 'κ tokens', 'α tokens', 'uα characters', 'attributes'];
/** What each column measures (docs/agreement.md), shown on hover. */
const FIGURE_TITLE: Record<string, string> = {
  'α tokens': "Krippendorff's nominal alpha on the tokens of each label layer",
  'uα characters': "Krippendorff's unitizing alpha (2016) on the characters: where spans begin and end, units vs gaps per label",
};
const figureCells = (f: AgreementFigures) => [String(f.spans), formatFigure(f.f1Exact), formatFigure(f.f1Overlap), formatFigure(f.kappa), formatFigure(f.alpha), formatFigure(f.alphaU), formatFigure(f.attributes)];

function PairMatrix({ view, pair, onPick }: { view: AgreementView; pair: string[] | null; onPick: (pair: string[]) => void }) {
  const pairOf = (a: string, b: string) => view.pairs.find((p) => p.annotators.includes(a) && p.annotators.includes(b));
  return (
    <table className="agreement-table" data-testid="agreement-matrix">
      <caption className="visually-hidden">Span F1 (overlap) and token kappa between each pair of annotators</caption>
      <thead>
        <tr>
          <td />
          {view.annotators.map((a) => (
            <th key={a} scope="col">
              {a}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.annotators.map((a) => (
          <tr key={a}>
            <th scope="row">{a}</th>
            {view.annotators.map((b) => {
              if (a === b) return <td key={b} className="cell-self">·</td>;
              const p = pairOf(a, b);
              return (
                <td key={b} data-testid={`pair-${a}-${b}`} title={p ? `${p.documents} documents in common; click to list them for this pair` : 'no document in common'}>
                  {p && p.documents > 0 ? (
                    <button type="button" className={`link-button${pair && p.annotators.join() === pair.join() ? ' selected' : ''}`} onClick={() => onPick(p.annotators)}>
                      F1 {formatFigure(p.overall.f1Overlap)} · κ {formatFigure(p.overall.kappa)}
                    </button>
                  ) : (
                    '—'
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Overview({ view, docs, pair, setPair, open }: { view: AgreementView; docs: AgreementView | null; pair: string[] | null; setPair: (pair: string[] | null) => void; open: (docId: string) => void }) {
  const labels = useStore(appStore, (s) => s.project?.labels ?? []);
  const name = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  /** Whose figures the per-label table shows: -1 all annotators, else a pair's index. */
  const [group, setGroup] = useState(-1);
  const shown = group >= 0 && view.pairs[group] ? view.pairs[group]! : view.all;
  if (view.annotators.length < 2 || view.all.documents === 0) return <AgreementEmptyState situation={situationOf(view.annotators)} />;
  return (
    <>
      <p className="agreement-summary" data-testid="agreement-summary">
        {view.annotators.length} annotators ({view.annotators.join(', ')}); {view.all.documents} of {view.totalDocuments} documents annotated by at least two of them.
        {view.skipped.length > 0 && ` ${view.skipped.length} annotation file(s) left out (text changed or invalid).`}
      </p>
      <div className="agreement-grid">
        <section className="agreement-section">
          <h3>Pairs of annotators</h3>
          <PairMatrix view={view} pair={pair} onPick={setPair} />
          <h3>
            Per label,{' '}
            <select aria-label="Figures of" data-testid="agreement-group" value={group} onChange={(e) => setGroup(Number(e.target.value))}>
              <option value={-1}>all annotators</option>
              {view.pairs.map((p, i) => (
                <option key={p.annotators.join('-')} value={i}>
                  {p.annotators.join(' and ')}
                </option>
              ))}
            </select>
          </h3>
          <table className="agreement-table" data-testid="agreement-labels">
            <thead>
              <tr>
                <th>label</th>
                {FIGURE_HEAD.map((h) => (
                  <th key={h} title={FIGURE_TITLE[h]}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...view.labels.map((l) => [name(l), shown.labels[l]!] as const), ['Overall', shown.overall] as const].map(([label, f]) => (
                <tr key={label} data-testid="agreement-label-row">
                  <td>{label}</td>
                  {figureCells(f).map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="agreement-section">
          <h3>
            Documents, most disagreement first{pair ? `: ${pair.join(' and ')}` : ''}{' '}
            {pair && (
              <button type="button" data-testid="agreement-all-annotators" onClick={() => setPair(null)}>
                All annotators
              </button>
            )}
          </h3>
          {!docs ? (
            <p className="muted">Computing…</p>
          ) : docs.documents.length === 0 ? (
            <p className="muted">No document has been annotated by two annotators yet.</p>
          ) : (
            <table className="agreement-table" data-testid="agreement-documents">
              <thead>
                <tr>
                  <th>document</th>
                  <th>unmatched</th>
                  <th>F1 exact</th>
                  <th>F1 overlap</th>
                  <th>κ</th>
                  <th title={FIGURE_TITLE['uα characters']}>uα</th>
                </tr>
              </thead>
              <tbody>
                {docs.documents.map((d) => (
                  <tr
                    key={d.docId}
                    className="agreement-doc-row"
                    data-testid="agreement-document"
                    data-doc-id={d.docId}
                    tabIndex={0}
                    onClick={() => open(d.docId)}
                    onKeyDown={(e) => e.key === 'Enter' && open(d.docId)}
                    title="Compare the annotators' spans"
                  >
                    <td className="doc-title" title={d.docId}><span>{d.title || d.docId}</span></td>
                    <td>{d.overall.unmatched}</td>
                    <td>{formatFigure(d.overall.f1Exact)}</td>
                    <td>{formatFigure(d.overall.f1Overlap)}</td>
                    <td>{formatFigure(d.overall.kappa)}</td>
                    <td>{formatFigure(d.overall.alphaU)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}

/**
 * The Agreement screen (top bar): the pairs matrix, per-label figures, documents sorted by
 * disagreement; a document opens the annotators' spans side by side, and from there the
 * curation of its gold file.
 */
export function AgreementScreen() {
  const [view, setView] = useState<AgreementView | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Fewer than two annotators (the services say who there is): the empty state, not an error. */
  const [tooFew, setTooFew] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'overview' });
  const [reload, setReload] = useState(0);
  /** A pair picked in the matrix: the documents (and the compare view, the curation) are theirs only. */
  const [pair, setPair] = useState<string[] | null>(null);
  const [pairView, setPairView] = useState<AgreementView | null>(null);
  useEffect(() => {
    let live = true;
    setPairView(null);
    if (pair) {
      void bridge.getAgreement({ annotators: pair }).then((r) => {
        if (!live) return;
        if (r.ok) setPairView(r.value);
        else setError(r.error.message);
      });
    }
    return () => {
      live = false;
    };
  }, [pair, reload]);
  useEffect(() => {
    let live = true;
    void bridge.getAgreement({}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setView(r.value);
        setError(null);
        setTooFew(null);
      } else if (r.error.code === 'invalid-input') setTooFew(r.error.message);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [reload]);
  const title = screen.kind === 'overview' ? 'Agreement' : screen.kind === 'compare' ? 'Agreement: compare annotators' : 'Adjudication: gold';
  return (
    <Dialog title={title} testId="agreement-screen" wide>
      {screen.kind !== 'overview' && (
        <div className="agreement-toolbar">
          <button type="button" data-testid="agreement-back" onClick={() => (setScreen({ kind: 'overview' }), setReload((n) => n + 1))}>
            ← All documents
          </button>
          {screen.kind === 'compare' && (
            <button type="button" className="primary" data-testid="start-curation" onClick={() => setScreen({ kind: 'curate', docId: screen.docId })}>
              Adjudicate into gold…
            </button>
          )}
          {screen.kind === 'curate' && (
            <button type="button" onClick={() => setScreen({ kind: 'compare', docId: screen.docId })}>
              Compare view
            </button>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="error-text" data-testid="agreement-error">
          {error}
        </p>
      )}
      {screen.kind === 'overview' && tooFew && <AgreementEmptyState situation={tooFew} />}
      {screen.kind === 'overview' && !error && !tooFew && (view ? <Overview view={view} docs={pair ? pairView : view} pair={pair} setPair={setPair} open={(docId) => setScreen({ kind: 'compare', docId })} /> : <p className="muted">Computing agreement…</p>)}
      {screen.kind === 'compare' && <CompareView docId={screen.docId} annotators={pair} />}
      {screen.kind === 'curate' && <CurationPanel docId={screen.docId} annotators={pair} />}
    </Dialog>
  );
}
