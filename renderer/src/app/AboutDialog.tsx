import { useEffect, useState } from 'react';
import type { AboutView } from '../../../shared/api/contract';
import { bridge } from '../bridge';
import { Dialog } from '../ui/Dialog';

const pct = (x: unknown) => (typeof x === 'number' ? x.toFixed(2) : '–');

/** Held-out figures of the model (models/factmark-suggest.json "about.heldOut"), in a sentence. */
function heldOutLine(heldOut: Record<string, unknown>): string | null {
  const actors = (heldOut.actors as { news?: { exact?: { f1?: number }; overlap?: { f1?: number } }; all?: { exact?: { f1?: number }; overlap?: { f1?: number } } } | undefined) ?? null;
  if (!actors?.all) return null;
  return `On GUM documents held out of training: actors F1 ${pct(actors.all.exact?.f1)} exact, ${pct(actors.all.overlap?.f1)} overlapping (news: ${pct(actors.news?.exact?.f1)}, ${pct(actors.news?.overlap?.f1)}).`;
}

/** About Factmark: version, the suggestion model and what it was trained on, credits and licences. */
export function AboutDialog() {
  const [about, setAbout] = useState<AboutView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void bridge.getAbout({}).then((r) => (r.ok ? setAbout(r.value) : setError(r.error.message)));
  }, []);
  return (
    <Dialog title="About Factmark" testId="about-dialog" wide>
      {error && <p className="form-error">{error}</p>}
      {!about && !error && <p>Loading…</p>}
      {about && (
        <>
          <p>
            Factmark {about.version}: an offline workbench for tagging claims, actors and numbers in news articles.
          </p>
          <h3>Suggestion model</h3>
          {about.model ? (
            <>
              <p data-testid="about-model">
                {about.model.name} (model format version {about.model.version}), trained on {about.model.trainedOn}. Licence of the weights:{' '}
                {about.model.licence}. Learner: {about.model.learner}.
              </p>
              {heldOutLine(about.model.heldOut) && <p>{heldOutLine(about.model.heldOut)}</p>}
              <p className="muted">File: {about.model.file}</p>
            </>
          ) : (
            <p>{about.modelProblem}</p>
          )}
          <h3>Credits</h3>
          <ul data-testid="about-credits">
            {about.credits.map((c) => (
              <li key={c.name}>
                <strong>{c.name}</strong> ({c.licence}). {c.note}
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
