import type { SyncOutcome, SyncStatusView } from '../../../shared/api/syncViews';
import { createStore } from '../stores/createStore';

/** The Sync button's state: the repository's status, a sync in flight, and which sync dialog is open. */
export interface SyncState {
  status: SyncStatusView | null;
  busy: boolean;
  /** settings: remote and blind mode; summary: what the last sync brought; conflict: files to settle. */
  dialog: 'settings' | 'summary' | 'conflict' | null;
  outcome: SyncOutcome | null;
  error: string | null;
}

export const syncStore = createStore<SyncState>({ status: null, busy: false, dialog: null, outcome: null, error: null });
