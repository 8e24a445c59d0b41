import { canRedo, canUndo, type History } from '../../../shared/annotation/history';
import type { Annotations } from '../../../shared/annotation/relations';

/**
 * The undo histories of the documents an annotator left during this session, so that `[` then
 * `]` and Ctrl+Z undoes the last edit made before leaving (issue 14, item 14). A history is given
 * back only while the document on disk is still what it was left at: its annotation file has the
 * revision this window last wrote, and its text is the same. Otherwise (a sync, git, another tool
 * or a schema change rewrote it meanwhile) undoing would silently put back spans over someone
 * else's change, so the history is dropped and the user is told; the earlier versions stay in
 * History.
 */
export const KEPT_HISTORIES = 100;

export const HISTORY_DROPPED_MESSAGE =
  'This document changed on disk since you left it (a sync, git or another program), so its undo history was cleared; earlier versions are in History.';

export interface KeptHistory {
  history: History<Annotations>;
  /** The annotation file's revision when the document was left (after its last save). */
  revision: string | null;
  text: string;
}

export interface KeptHistories {
  /** Keep the history of a document being left (nothing to keep: forget it). */
  keep(docId: string, kept: KeptHistory): void;
  /**
   * The kept history of a document being shown again, if the disk still holds what it was left
   * at; `dropped` when one was kept but no longer fits.
   */
  take(docId: string, disk: { revision: string | null; text: string; textChanged: boolean }): { history: History<Annotations> | null; dropped: boolean };
  clear(): void;
}

export function createKeptHistories(limit = KEPT_HISTORIES): KeptHistories {
  // Insertion order is the order documents were left: the oldest goes first past the limit.
  const kept = new Map<string, KeptHistory>();
  return {
    keep(docId, entry) {
      kept.delete(docId);
      if (!canUndo(entry.history) && !canRedo(entry.history)) return;
      kept.set(docId, entry);
      for (const oldest of kept.keys()) {
        if (kept.size <= limit) break;
        kept.delete(oldest);
      }
    },
    take(docId, disk) {
      const entry = kept.get(docId);
      if (!entry) return { history: null, dropped: false };
      kept.delete(docId);
      const unchanged = !disk.textChanged && entry.revision === disk.revision && entry.text === disk.text;
      return unchanged ? { history: entry.history, dropped: false } : { history: null, dropped: true };
    },
    clear: () => kept.clear(),
  };
}
