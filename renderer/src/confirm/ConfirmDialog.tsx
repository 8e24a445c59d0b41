import { useStore } from '../stores/createStore';
import { Dialog } from '../ui/Dialog';
import { answerConfirm, confirmStore } from './confirmStore';

/** The open question of askConfirm: the confirming button has the focus, Esc or Cancel say no. */
export function ConfirmDialog() {
  const request = useStore(confirmStore, (s) => s.request);
  if (!request) return null;
  return (
    <Dialog title={request.title} testId="confirm-dialog" onClose={() => answerConfirm(false)}>
      <p>{request.message}</p>
      <div className="button-row dialog-footer">
        <button type="button" className="primary" data-testid="confirm-yes" onClick={() => answerConfirm(true)}>
          {request.confirmLabel}
        </button>
        <button type="button" data-testid="confirm-no" onClick={() => answerConfirm(false)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
