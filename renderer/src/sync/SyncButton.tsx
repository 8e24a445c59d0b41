import { useEffect } from 'react';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { openSyncDialog, refreshSyncStatus, runSync } from './syncActions';
import { syncStore } from './syncStore';
import './sync.css';

const STATUS_REFRESH_MS = 20_000;

function lastSyncText(at: string | null): string {
  if (!at) return 'never synced';
  const d = new Date(at);
  const today = new Date().toDateString() === d.toDateString();
  return `last sync ${today ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString()}`;
}

/** The top bar's Sync button: what is waiting (ahead / behind / changed), the last sync, and its settings. */
export function SyncButton() {
  const projectPath = useStore(appStore, (s) => s.project?.path ?? null);
  const status = useStore(syncStore, (s) => s.status);
  const busy = useStore(syncStore, (s) => s.busy);
  useEffect(() => {
    if (!projectPath) return;
    void refreshSyncStatus();
    const timer = setInterval(() => void refreshSyncStatus(), STATUS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [projectPath]);
  if (!projectPath) return null;
  const shared = status?.isRepo === true && status.remote !== null;
  const pending = status ? status.changes.mine.length + status.changes.project.length : 0;
  const conflict = status?.conflict ?? null;
  let badge = '';
  if (conflict) badge = 'conflict';
  else if (shared && status) badge = [status.ahead ? `↑${status.ahead}` : '', status.behind ? `↓${status.behind}` : '', pending ? `●${pending}` : ''].filter(Boolean).join(' ');
  const title = !status
    ? 'Sync the project with its git remote'
    : status.message && !shared
      ? status.message
      : `${status.remote ?? ''} (${status.branch ?? ''}): ${status.ahead} to send, ${status.behind} to bring in (as of the last fetch), ${pending} changed file${pending === 1 ? '' : 's'} of yours; ${lastSyncText(status.lastSyncAt)}`;
  return (
    <div className="sync-control">
      <button
        type="button"
        data-testid="sync-button"
        className={conflict ? 'sync-button sync-conflict' : 'sync-button'}
        disabled={busy || status?.gitVersion === null}
        title={title}
        onClick={() => (conflict ? openSyncDialog('conflict') : void runSync())}
      >
        {busy ? 'Syncing…' : shared ? 'Sync' : 'Share…'}
        {badge && <span className="sync-badge">{badge}</span>}
        {shared && status && (
          <span className="sync-last" data-testid="sync-last" aria-label={lastSyncText(status.lastSyncAt)}>
            {status.lastSyncAt ? new Date(status.lastSyncAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : 'never'}
          </span>
        )}
      </button>
      <button type="button" className="icon-button" aria-label="Sync settings" title="Sync settings: remote, blind mode" data-testid="sync-settings" onClick={() => openSyncDialog('settings')}>
        ⚙
      </button>
    </div>
  );
}
