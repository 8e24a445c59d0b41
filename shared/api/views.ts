import type { DocStatus, DocumentMeta, LabelDef, Span } from '../model/schemas';

/** What the document list shows for one document (for the current annotator). */
export interface DocumentSummary {
  id: string;
  title: string;
  outlet: string | null;
  date: string | null;
  status: DocStatus;
  /** Span count per label id. */
  counts: Record<string, number>;
  /** The text no longer matches the hash its annotations were made against. */
  textChanged: boolean;
  length: number;
}

/** Something wrong in the project that the user should see (never silently dropped). */
export interface ProjectProblem {
  kind: 'invalid-annotation' | 'invalid-document' | 'text-changed';
  file: string;
  message: string;
  /** Where an invalid file was moved aside to. */
  movedTo?: string;
}

export interface ProjectView {
  path: string;
  name: string;
  labels: LabelDef[];
  snapToWords: boolean;
  documents: DocumentSummary[];
  problems: ProjectProblem[];
  annotator: string;
  /** The working copy of the sample corpus kept in the user's data folder. */
  isSample: boolean;
}

export interface DocumentView {
  meta: DocumentMeta;
  text: string;
  status: DocStatus;
  spans: Span[];
  updatedAt: string | null;
  /** True when the stored annotations were made against another text: view is read-only. */
  textChanged: boolean;
}

export interface SessionView {
  version: string;
  /** null until the user has chosen a name (asked once on first start). */
  annotator: string | null;
  /** The OS user name, offered as the default. */
  suggestedAnnotator: string;
  recentProjects: string[];
  /** The project open in this window, if any. */
  project: ProjectView | null;
  /** The error met opening the last project, so the UI can show an error screen. */
  projectError: { message: string; file?: string } | null;
  /** Whether native folder dialogs exist (Electron) or the UI must ask for a path (browser). */
  nativeDialogs: boolean;
}

export interface ImportFileResult {
  name: string;
  ok: boolean;
  docId?: string;
  notices: string[];
  error?: string;
}

export interface ExportReport {
  path: string;
  sidecarPath: string;
  documents: number;
  spans: number;
  unit: 'codepoint' | 'utf16';
}
