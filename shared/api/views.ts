import type { DriftPlan, OrphanView } from '../annotation/driftRepair';
import type { ExportNotice } from '../formats/exportNotices';
import type { DocStatus, DocumentMeta, LabelDef, Relation, RelationType, Span } from '../model/schemas';

/** What the document list shows for one document (for the current annotator). */
export interface DocumentSummary {
  id: string;
  title: string;
  outlet: string | null;
  date: string | null;
  status: DocStatus;
  /** Span count per label id. */
  counts: Record<string, number>;
  /** Ids of the entities (entities.json) this annotator's spans link to, sorted. */
  entities: string[];
  /** The text no longer matches the hash its annotations were made against. */
  textChanged: boolean;
  length: number;
}

/** Something wrong in the project that the user should see (never silently dropped). */
export interface ProjectProblem {
  /** interrupted-change: an import or schema change a crash interrupted could not be completed when the project was opened. */
  kind: 'invalid-annotation' | 'invalid-document' | 'text-changed' | 'invalid-entities' | 'interrupted-change';
  file: string;
  message: string;
  /** Where an invalid file was moved aside to. */
  movedTo?: string;
}

export interface ProjectView {
  path: string;
  name: string;
  labels: LabelDef[];
  /** The relation types spans may be linked by (project.json). */
  relationTypes: RelationType[];
  snapToWords: boolean;
  documents: DocumentSummary[];
  problems: ProjectProblem[];
  annotator: string;
  /** The working copy of the sample corpus kept in the user's data folder. */
  isSample: boolean;
  /** Another window or process is editing this annotator's files here: this one may only read. */
  readOnly: boolean;
  /** Why it is read-only, as a sentence for the banner; null when it may write. */
  readOnlyReason: string | null;
  /** locked: another window holds the lock (it may become writable); unwritable: the folder cannot be written. */
  readOnlyKind?: 'locked' | 'unwritable' | null;
  /** The project has adjudicated `gold` annotation files: exports take them unless told otherwise. */
  hasGold: boolean;
}

export interface DocumentView {
  meta: DocumentMeta;
  text: string;
  status: DocStatus;
  spans: Span[];
  /** Relations between those spans (empty when none). */
  relations: Relation[];
  updatedAt: string | null;
  /** True when the stored annotations were made against another text: view is read-only. */
  textChanged: boolean;
  /** SHA-256 of the annotation file's bytes as read (null: no file); sent back with saves. */
  revision: string | null;
  /**
   * When textChanged: what re-anchoring proposes (spans that move, orphans), for the Repair flow,
   * and the hash of the text it was computed on (sent back with repairDrift).
   */
  drift?: (DriftPlan & { textSha256: string }) | null;
  /** Spans left unplaced by an earlier repair, waiting to be placed or dropped (with suggestions). */
  orphans?: OrphanView[];
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
  format: 'jsonl' | 'conll' | 'brat' | 'w3c' | 'labelstudio' | 'doccano' | 'csv';
  /** The data file (or folder, for brat); with splits, the first split's file. */
  path: string;
  /** JSONL: the .meta.json sidecar; other formats: the dataset card. */
  sidecarPath: string;
  /** The dataset card (README) written beside the data. */
  cardPath: string;
  /** Every file or folder written. */
  files: string[];
  /** Records written (one per document, per annotator when several are exported). */
  documents: number;
  /** Spans written. */
  spans: number;
  /** 'none': the format has no character offsets (CoNLL). */
  unit: 'codepoint' | 'utf16' | 'none';
  /** Documents per split, when split. */
  splits: { train: number; dev: number; test: number } | null;
  /** Token formats: spans each overlap policy drops, by label (never dropped silently). */
  dropped: { policy: 'longest-wins' | 'per-label-columns'; chosen: boolean; total: number; byLabel: Record<string, number> }[] | null;
  /**
   * What the format could not carry, or carried with a change (spans widened or not written,
   * attribute values and relations the format has no place for, tokens cut at span boundaries),
   * each with its counts and a sentence; the dataset card lists the same (shared/formats/exportNotices.ts).
   */
  notices: ExportNotice[];
}

/** Progress of an export started with startExport. */
export interface ExportJobStatus {
  jobId: string;
  /** Records written so far, of total. */
  done: number;
  total: number;
  finished: boolean;
  result: ExportReport | null;
  error: { code: string; message: string; file?: string } | null;
}

/** The first record of an export, as it will be written. */
export interface ExportPreview {
  format: ExportReport['format'];
  /** Which file it goes to (relative name) and the record itself. */
  file: string;
  text: string;
  truncated: boolean;
  unit: ExportReport['unit'];
  records: number;
}

/** One kept earlier version of an annotation file. */
export interface VersionSummary {
  id: string;
  /** When that version was saved. */
  savedAt: string;
  spans: number;
  status: DocStatus;
}

/** What changed on disk underneath the app, for the UI's poll. */
export interface ChangesView {
  /** Pass it as `since` next time. */
  cursor: number;
  changes: { kind: 'annotation' | 'document' | 'project'; docId: string | null }[];
  readOnly: boolean;
  readOnlyReason: string | null;
  readOnlyKind?: 'locked' | 'unwritable' | null;
}

/** One file (or brat/W3C pair) of a dataset import: what it holds, or why it is refused. */
export interface DatasetFileReport {
  /** "a.jsonl", or "a.txt + a.ann" for a pair. */
  name: string;
  /** 'ignored': not a document (a dataset card, a brat config...); `warnings` says why. Not a refusal. */
  format: 'text' | 'html' | 'jsonl' | 'brat' | 'labelstudio' | 'doccano' | 'w3c' | 'unsupported' | 'ignored';
  ok: boolean;
  documents: number;
  spans: number;
  /** Span count per label, as the file spells the labels. */
  labels: Record<string, number>;
  warnings: string[];
  /** Why nothing of this file is (or was) imported: the file, the line and the reason. */
  error?: { file: string; line: number | null; reason: string; message: string };
  /** The documents created (after an import). */
  docIds?: string[];
  /** Every document of the file was already in the project from an earlier import of it (a retried import): nothing was written. */
  alreadyImported?: boolean;
}

/** A label used by the files, and the project label it matches (null: unknown to the project). */
export interface DatasetLabelUse {
  label: string;
  spans: number;
  matches: string | null;
}

export interface DatasetInspection {
  files: DatasetFileReport[];
  labels: DatasetLabelUse[];
  /** Labels that need a decision: add to the project, or map onto a project label. */
  unknownLabels: string[];
}

/** A dataset import running in the background (startImportDataset), as last seen. */
export interface ImportJobStatus {
  jobId: string;
  /** planning: documents of `file` prepared; writing: files written to the project; null: not started yet. */
  phase: 'planning' | 'writing' | null;
  /** The import file (or "N files" for a batch) the figures are about. */
  file: string;
  done: number;
  total: number;
  /** Import files finished, of all. */
  filesDone: number;
  filesTotal: number;
  finished: boolean;
  result: DatasetImportReport | null;
  error: { code: string; message: string; file?: string } | null;
}

export interface DatasetImportReport {
  files: DatasetFileReport[];
  addedLabels: LabelDef[];
  project: ProjectView;
}
