import { useStore } from '../stores/createStore';
import { documentStore } from '../stores/appDocumentStore';

/** This annotator's files are open for writing elsewhere: this window only reads (until that one closes). */
export function LockBanner() {
  const reason = useStore(documentStore, (s) => s.lockedReason);
  if (reason === null) return null;
  return (
    <div className="banner banner-warning" data-testid="lock-banner" role="status">
      <strong>Read-only.</strong> {reason} This window switches to editing by itself once the other one is closed.
    </div>
  );
}
