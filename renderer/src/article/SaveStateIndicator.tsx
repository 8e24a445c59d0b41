import { documentStore } from '../stores/appDocumentStore';
import { useStore } from '../stores/createStore';

const TEXT = { saved: 'All changes saved', saving: 'Saving…', unsaved: 'Unsaved changes', error: 'Not saved' } as const;

/** Where the document's save state is always visible, including why a save failed. */
export function SaveStateIndicator() {
  const state = useStore(documentStore, (s) => s.saveState);
  const message = useStore(documentStore, (s) => s.saveMessage);
  return (
    <div className={`save-state save-${state}`} data-testid="save-state" data-state={state} role="status" aria-live="polite">
      <span className="save-dot" aria-hidden="true" />
      <span>{TEXT[state]}</span>
      {state === 'error' && (
        <>
          {message && <span className="save-message">: {message}</span>}
          <button type="button" className="small" onClick={() => void documentStore.flush()}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}
