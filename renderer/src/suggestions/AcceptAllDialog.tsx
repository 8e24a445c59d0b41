import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { suggestionStore, thresholdOf } from './suggestionStore';
import { Dialog } from '../ui/Dialog';
import { confirmAcceptAll } from './suggestionActions';

/** "Accept all" of more than 20 suggestions asks first (Enter accepts, Esc or Cancel does not). */
export function AcceptAllDialog() {
  const pending = useStore(suggestionStore, (s) => s.pendingAcceptAll);
  const threshold = useStore(suggestionStore, (s) => (s.pendingAcceptAll ? thresholdOf(s, s.pendingAcceptAll.label) : 0));
  const name = useStore(appStore, (s) => s.project?.labels.find((l) => l.id === pending?.label)?.name ?? pending?.label ?? '');
  if (!pending) return null;
  const n = pending.ids.length;
  return (
    <Dialog title={`Accept ${n} ${name} suggestions?`} testId="accept-all-dialog" onClose={() => confirmAcceptAll(false)}>
      <p>
        This accepts the {n} {name} suggestions shown on this page (score {threshold.toFixed(2)} or more) as spans, in one step that Ctrl+Z
        undoes. Raise the threshold in the suggestion bar to accept fewer.
      </p>
      <div className="button-row">
        <button type="button" className="primary" data-testid="accept-all-confirm" onClick={() => confirmAcceptAll(true)}>
          Accept {n}
        </button>
        <button type="button" data-testid="accept-all-cancel" onClick={() => confirmAcceptAll(false)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
