import { setOverlay, showToast } from '../stores/appStore';
import type { ConflictChoice } from '../stores/documentStore';
import { documentStore } from '../stores/appDocumentStore';

/** What the History and conflict dialogs do: restore a kept version, settle a conflict with the disk. */

/** Restore a kept version of the open document (the current state is kept too: undoable). */
export async function restoreVersion(versionId: string, savedAt: string): Promise<string | null> {
  const result = await documentStore.restore(versionId);
  if (!result.ok) return result.message;
  setOverlay(null);
  showToast(`Restored the version saved ${new Date(savedAt).toLocaleString()}.`);
  return null;
}

export async function resolveConflict(choice: ConflictChoice): Promise<void> {
  const result = await documentStore.resolveConflict(choice);
  if (!result.ok) {
    showToast(result.message, 'error');
    return;
  }
  const done = { mine: 'Kept your version; the one from disk is in History.', theirs: 'Took the version from disk; yours is in History.', both: 'Kept the spans of both versions; the one from disk is in History.' };
  showToast(done[choice]);
}
