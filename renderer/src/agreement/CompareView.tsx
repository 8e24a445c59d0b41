import { useEffect, useState } from 'react';
import type { CurationView } from '../../../shared/curation/curationView';
import { bridge } from '../bridge';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { SpanText } from './SpanText';

const quote = (text: string, spans: readonly { start: number; end: number }[]) => (spans.length === 0 ? '(nothing)' : spans.map((s) => `“${text.slice(s.start, s.end)}”`).join(' + '));

/** One document's spans by each annotator side by side, and the list of places where they differ. */
export function CompareView({ docId, annotators }: { docId: string; annotators: string[] | null }) {
  const labels = useStore(appStore, (s) => s.project?.labels ?? []);
  const [view, setView] = useState<CurationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void bridge.getCuration({ docId, ...(annotators ? { annotators } : {}) }).then((r) => {
      if (!live) return;
      if (r.ok) setView(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [docId, annotators]);
  if (error) return <p role="alert" className="error-text">{error}</p>;
  if (!view) return <p className="muted">Loading…</p>;
  const name = (id: string) => labels.find((l) => l.id === id)?.name ?? id;
  return (
    <div data-testid="compare-view">
      <h3>{view.title || view.docId}</h3>
      <div className="compare-columns" style={{ gridTemplateColumns: `repeat(${Math.min(view.annotations.length, 3)}, minmax(0, 1fr))` }}>
        {view.annotations.map((a) => (
          <section key={a.annotator} className="compare-column" data-testid="compare-column" data-annotator={a.annotator}>
            <h4 className="compare-heading">
              {a.annotator} · {a.spans.length} spans · {a.status.replace('_', ' ')}
            </h4>
            <SpanText text={view.text} spans={a.spans} labels={labels} testId={`compare-text-${a.annotator}`} label={`Text as tagged by ${a.annotator}`} />
          </section>
        ))}
      </div>
      <h3>
        Differences ({view.plan.stops.length}; {view.plan.accepted.length} spans on which all agree)
      </h3>
      <ol data-testid="compare-differences">
        {view.plan.stops.map((s) => (
          <li key={s.id} data-testid="compare-difference">
            <strong>{name(s.label)}</strong>{' '}
            {s.versions
              .map((v) => `${v.annotator}: ${quote(view.text, v.spans)}${v.spans.some((x) => x.attributes && Object.keys(x.attributes).length > 0) ? ` [${v.spans.map((x) => Object.entries(x.attributes ?? {}).map(([k, val]) => `${k}=${String(val)}`).join(', ')).join('; ')}]` : ''}`)
              .join(' · ')}
          </li>
        ))}
      </ol>
    </div>
  );
}
