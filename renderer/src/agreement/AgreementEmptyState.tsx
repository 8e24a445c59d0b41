import { setOverlay } from '../stores/appStore';
import { openSyncDialog } from '../sync/syncActions';

/**
 * What the Agreement screen says before there is anything to compare (`situation`: who has
 * annotated so far): how another annotator's work gets into this project, with the buttons.
 */
export function situationOf(annotators: readonly string[]): string {
  if (annotators.length === 0) return 'No one has annotated this project yet.';
  if (annotators.length === 1) return `Only ${annotators[0]} has annotated this project so far.`;
  return `${annotators.join(', ')} have no document in common yet.`;
}

export function AgreementEmptyState({ situation }: { situation: string }) {
  return (
    <section className="agreement-empty" data-testid="agreement-empty" aria-labelledby="agreement-empty-title">
      <h3 id="agreement-empty-title">Agreement needs two annotators on the same documents</h3>
      <p data-testid="agreement-empty-situation">{situation}</p>
      <p>To add an annotator:</p>
      <ol>
        <li>
          Each person annotates under their own name: the name at the top right of the window (the person button) sets it. Annotations are kept per
          name, in <code className="path">annotations/&lt;name&gt;/</code>.
        </li>
        <li>
          Bring their files into this project: with <strong>Sync</strong> (a shared git remote, one click each way), or by copying their{' '}
          <code className="path">annotations/&lt;name&gt;/</code> folder into this project folder.
        </li>
        <li>Once two annotators have tagged the same document, it is listed here with their agreement, side by side, and can be adjudicated into a gold set.</li>
      </ol>
      <div className="button-row">
        <button type="button" data-testid="agreement-empty-annotator" onClick={() => setOverlay('annotator')}>
          Change the annotator name…
        </button>
        <button
          type="button"
          data-testid="agreement-empty-sync"
          onClick={() => {
            setOverlay(null);
            openSyncDialog('settings');
          }}
        >
          Share through Sync…
        </button>
      </div>
    </section>
  );
}
