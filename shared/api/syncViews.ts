/**
 * What project sync (git) answers: its status, what came in, and a conflict waiting for the
 * user. Produced by main/services/gitSync.ts, shown by renderer/src/sync/ and `factmark sync`.
 */

/** One other annotator whose files came in, with their progress over the project's documents. */
export interface SyncAnnotatorProgress {
  name: string;
  /** Their annotation files added, changed or removed by this sync. */
  filesChanged: number;
  done: number;
  inProgress: number;
  /** Documents in the project. */
  documents: number;
}

/** What a sync brought in from the remote. */
export interface SyncIncoming {
  /** Commits that came in (merges left out). */
  commits: number;
  newDocuments: { id: string; title: string }[];
  /** Documents whose text or metadata changed (not new ones). */
  changedDocuments: string[];
  removedDocuments: string[];
  annotators: SyncAnnotatorProgress[];
  /** project.json, entities.json, ... changed by others. */
  projectFiles: string[];
  /** This annotator's own files changed by someone else (a schema change rewrites everyone's files). */
  ownFilesChanged: number;
}

export type SyncFileKind = 'project' | 'entities' | 'document' | 'annotation' | 'other';

/** One file both sides changed, as the conflict dialog shows it. Contents are UTF-8; null: the side deleted it. */
export interface SyncConflictFile {
  /** Path inside the project, with `/`. */
  path: string;
  kind: SyncFileKind;
  base: string | null;
  mine: string | null;
  theirs: string | null;
  /**
   * For JSON files: both sides' changes combined (3-way, by key and by `id` in lists), already
   * valid for the file's schema; null when no valid combination exists. Offered, never applied
   * without the user's confirmation.
   */
  merged: string | null;
  /** Where both sides changed the same value: the combination keeps mine there. */
  mergeNotes: string[];
}

export interface SyncConflictView {
  files: SyncConflictFile[];
  /** A sentence for the dialog. */
  message: string;
}

export interface SyncStatusView {
  /** `git --version`, null when git is missing (then `message` says what to do). */
  gitVersion: string | null;
  isRepo: boolean;
  branch: string | null;
  /** The remote's URL or path (origin), null when none is set. */
  remote: string | null;
  /** Commits here not yet pushed / on the remote (as of the last fetch) not yet merged. */
  ahead: number;
  behind: number;
  /** Files changed since the last commit, inside the project, by whom they belong to. */
  changes: { mine: string[]; project: string[]; others: string[] };
  lastSyncAt: string | null;
  lastIncoming: SyncIncoming | null;
  /** A sync stopped on a conflict and waits for resolveSyncConflict. */
  conflict: SyncConflictView | null;
  /** Blind mode (project.json settings.blind). */
  blind: boolean;
  /** Why sync cannot run now, as a sentence (git missing, no remote); null when it can. */
  message: string | null;
}

export interface SyncCommitted {
  files: number;
  message: string;
}

export type SyncOutcome =
  | { state: 'synced'; at: string; committed: SyncCommitted | null; pushed: boolean; incoming: SyncIncoming }
  | { state: 'conflict'; at: string; committed: SyncCommitted | null; conflict: SyncConflictView }
  | { state: 'aborted'; at: string; message: string };

export type SyncResolutionChoice = 'mine' | 'theirs' | 'merged';
