import type { SyncResolutionChoice } from '../../../shared/api/syncViews';
import { bridge } from '../bridge';
import { pollChanges } from '../history/changePoller';
import { documentStore } from '../stores/appDocumentStore';
import { appStore, showToast } from '../stores/appStore';
import { syncStore } from './syncStore';

/** What the Sync button and dialogs do (project sync over git, main/services/gitSync.ts). */

export async function refreshSyncStatus(): Promise<void> {
  if (!appStore.get().project) return;
  const result = await bridge.getSyncStatus({});
  if (result.ok) syncStore.set({ status: result.value });
}

/** After a sync or a resolution: the project (labels may have come in) and the open document. */
async function afterSync(project: NonNullable<ReturnType<typeof appStore.get>['project']>): Promise<void> {
  const { outcome, status } = syncStore.get();
  // What the sync itself proved, shown at once; the fresh status follows.
  if (outcome?.state === 'synced' && status) syncStore.set({ status: { ...status, conflict: null, ahead: 0, behind: 0, lastSyncAt: outcome.at } });
  appStore.set({ project });
  await refreshSyncStatus();
  await documentStore.reload();
  // The watcher also saw git's writes: the poll brings the document list up to date.
  await pollChanges();
}

/** Sync now: the open document is saved first, so the commit holds the latest edits. */
export async function runSync(): Promise<void> {
  const { status, busy } = syncStore.get();
  if (busy) return;
  if (!status?.isRepo || status.remote === null) {
    syncStore.set({ dialog: 'settings', error: null });
    return;
  }
  syncStore.set({ busy: true, error: null });
  try {
    if (!(await documentStore.flush())) {
      syncStore.set({ error: 'The open document could not be saved, so nothing was synced. Retry the save first.' });
      showToast('The open document could not be saved, so nothing was synced.', 'error');
      return;
    }
    const result = await bridge.syncProject({});
    if (!result.ok) {
      syncStore.set({ error: result.error.message });
      showToast(result.error.message, 'error');
      await refreshSyncStatus();
      return;
    }
    const { outcome, project } = result.value;
    syncStore.set({ outcome, busy: false, dialog: outcome.state === 'conflict' ? 'conflict' : 'summary' });
    await afterSync(project);
  } finally {
    syncStore.set({ busy: false });
  }
}

export async function setRemote(url: string): Promise<string | null> {
  syncStore.set({ busy: true });
  try {
    const result = await bridge.setSyncRemote({ url });
    if (!result.ok) return result.error.message;
    syncStore.set({ status: result.value });
    showToast(result.value.createdRemote ? `A new shared repository was created at ${result.value.remote}.` : `Remote set to ${result.value.remote}.`);
    return null;
  } finally {
    syncStore.set({ busy: false });
  }
}

export async function setBlind(blind: boolean): Promise<string | null> {
  const result = await bridge.setBlindMode({ blind });
  if (!result.ok) return result.error.message;
  appStore.set({ project: result.value });
  await refreshSyncStatus();
  return null;
}

/** Settle a sync conflict (every file), or give the merge up. Answers an error sentence, or null. */
export async function resolveSync(resolutions: { path: string; choice: SyncResolutionChoice; content?: string }[], abort = false): Promise<string | null> {
  syncStore.set({ busy: true });
  try {
    if (!(await documentStore.flush())) return 'The open document could not be saved; retry the save first.';
    const result = await bridge.resolveSyncConflict({ resolutions, abort });
    if (!result.ok) return result.error.message;
    const { outcome, project } = result.value;
    syncStore.set({ outcome, busy: false, dialog: outcome.state === 'conflict' ? 'conflict' : outcome.state === 'synced' ? 'summary' : null });
    if (outcome.state === 'aborted') showToast(outcome.message);
    await afterSync(project);
    return null;
  } finally {
    syncStore.set({ busy: false });
  }
}

/** The menu's Sync: what the Sync button does (the conflict dialog while a merge waits for a decision). */
export function syncFromMenu(): void {
  if (!appStore.get().project) return;
  if (syncStore.get().status?.conflict) openSyncDialog('conflict');
  else void runSync();
}

export const openSyncDialog = (dialog: 'settings' | 'summary' | 'conflict' | null) => syncStore.set({ dialog, error: null });
