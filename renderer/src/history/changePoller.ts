import { bridge } from '../bridge';
import { appStore, showToast } from '../stores/appStore';
import { documentStore, setProject } from '../stores/appDocumentStore';

/** Changes on disk (other windows, other annotators, git) and the write lock, polled. */

async function refreshProject(): Promise<void> {
  const result = await bridge.getProject({});
  if (result.ok) setProject(result.value);
}

let pollCursor = 0;
let polling = false;

/** One poll: what others changed on disk, and whether this window may write. */
export async function pollChanges(): Promise<void> {
  if (polling || !appStore.get().project) return;
  polling = true;
  try {
    const result = await bridge.pollChanges({ since: pollCursor });
    if (!result.ok) return;
    const { changes, cursor, readOnlyReason } = result.value;
    pollCursor = cursor;
    const lockChanged = (appStore.get().project?.readOnlyReason ?? null) !== readOnlyReason;
    documentStore.setLocked(readOnlyReason);
    if (changes.length > 0 || lockChanged) await refreshProject();
    const openId = documentStore.get().docId;
    if (openId && changes.some((c) => c.docId === openId && (c.kind === 'annotation' || c.kind === 'document'))) {
      const history = documentStore.get().doc?.history;
      const outcome = await documentStore.externalChange();
      // Undoing would put back what was there before their change: the history starts again.
      const undone = history && (history.past.length > 0 || history.future.length > 0) ? ' Its undo history starts again from this version.' : '';
      if (outcome === 'reloaded') showToast(`Reloaded: this document changed on disk.${undone}`);
    }
  } finally {
    polling = false;
  }
}

export const CHANGE_POLL_MS = 1500;

/** Ask for changes on disk every CHANGE_POLL_MS (the same over IPC and HTTP). */
export function installChangePoller(): () => void {
  const timer = setInterval(() => void pollChanges(), CHANGE_POLL_MS);
  return () => clearInterval(timer);
}
