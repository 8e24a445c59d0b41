import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { cancelLinkMode, chooseLinkType, linkStore } from './linkMode';

/** Link mode's instructions above the article, and the type chooser when several types fit. */
export function LinkBanner() {
  const sourceId = useStore(linkStore, (s) => s.sourceId);
  const chooser = useStore(linkStore, (s) => s.chooser);
  const count = useStore(linkStore, (s) => s.candidates.length);
  const labels = useStore(appStore, (s) => s.project?.labels);
  if (sourceId === null) return null;
  if (chooser) {
    return (
      <div className="link-banner" role="dialog" aria-label="Choose the relation type" data-testid="relation-type-chooser">
        <span>Which relation?</span>
        {chooser.types.map((t, i) => (
          <button key={t.id} type="button" data-testid="relation-type-option" onClick={() => chooseLinkType(i)}>
            <kbd>{i + 1}</kbd> {t.name}
            <span className="muted">
              {' '}
              ({t.from.map((id) => labels?.find((l) => l.id === id)?.name ?? id).join('/')} {t.directed ? '→' : '–'}{' '}
              {t.to.map((id) => labels?.find((l) => l.id === id)?.name ?? id).join('/')})
            </span>
          </button>
        ))}
        <button type="button" onClick={cancelLinkMode}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="link-banner" role="status" data-testid="link-banner">
      <span>
        Pick the target span: click it, or <kbd>Tab</kbd>/<kbd>Shift+Tab</kbd> then <kbd>Enter</kbd>; <kbd>Esc</kbd> cancels.{' '}
        <span className="muted">
          {count} span{count === 1 ? '' : 's'} can be linked (outlined).
        </span>
      </span>
      <button type="button" onClick={cancelLinkMode}>
        Cancel
      </button>
    </div>
  );
}
