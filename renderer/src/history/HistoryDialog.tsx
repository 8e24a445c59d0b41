import { useEffect, useState } from 'react';
import type { VersionSummary } from '../../../shared/api/views';
import { bridge } from '../bridge';
import { useStore } from '../stores/createStore';
import { restoreVersion } from './historyActions';
import { documentStore } from '../stores/appDocumentStore';
import { Dialog } from '../ui/Dialog';
import { STATUS_LABEL } from '../ui/StatusPill';

/** Earlier versions of the open document's annotations, newest first, each restorable. */
export function HistoryDialog() {
  const docId = useStore(documentStore, (s) => s.docId);
  const locked = useStore(documentStore, (s) => s.lockedReason !== null || (s.doc?.textChanged ?? false));
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!docId) return;
    let live = true;
    // Saved first, so the list includes the state on screen as it was before the last minute.
    void documentStore.flush().then(async () => {
      const result = await bridge.listVersions({ docId });
      if (!live) return;
      if (result.ok) setVersions(result.value.versions);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [docId]);

  const restore = async (v: VersionSummary) => {
    setBusy(true);
    const message = await restoreVersion(v.id, v.savedAt);
    setBusy(false);
    if (message) setError(message);
  };
  return (
    <Dialog title="History of this document" testId="history-dialog" wide>
      <p className="muted">
        Factmark keeps the last 50 versions of your annotations of each document (at most one a minute while you work,
        and every status change). Restoring keeps the current state too, so a restore can be undone.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {versions === null && !error && <p>Loading…</p>}
      {versions?.length === 0 && <p data-testid="history-empty">No earlier versions yet: they are kept as you change this document.</p>}
      {versions && versions.length > 0 && (
        <table className="history-table">
          <thead>
            <tr>
              <th>Saved</th>
              <th>Spans</th>
              <th>Status</th>
              <th>
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-testid="history-version" data-version-id={v.id}>
                <td>{new Date(v.savedAt).toLocaleString()}</td>
                <td>{v.spans}</td>
                <td>{STATUS_LABEL[v.status]}</td>
                <td>
                  <button type="button" disabled={busy || locked} onClick={() => void restore(v)}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
