import type { DatasetInspection } from '../../../shared/api/views';
import { createStore } from '../stores/createStore';

/** A dataset import waiting for the user's label decisions (the import dialog shows it). */
export interface PendingImport {
  files: { name: string; base64: string }[];
  inspection: DatasetInspection;
  busy: boolean;
  /** How far a running import is, as a sentence ("Writing files: 1,200 of 60,000"); null before it starts. */
  progress?: string | null;
}

export const importStore = createStore<{ pending: PendingImport | null }>({ pending: null });
