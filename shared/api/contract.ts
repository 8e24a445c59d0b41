import { z } from 'zod';
import { annotatorNameSchema, docIdSchema, docStatusSchema, relationSchema, spanInputSchema } from '../model/schemas';
import type { Result } from './result';
import { labelDefSchema, relationTypeSchema } from '../model/schemas';
import type { SchemaChangeSummary } from '../model/schemaEdits';
import { IMPORT_FORMATS } from '../formats/importGroups';
import { exportOptionsSchema } from '../formats/exportOptions';
import type { DatasetImportReport, DatasetInspection, ImportJobStatus } from './views';
import type { AttributeValue, Entity } from '../model/schemas';
import type { SuggesterName } from '../suggest/types';
import type { ExportProblem } from '../annotation/checkDocument';
import type { AgreementView } from '../agreement/agreementView';
import { CURATION_POLICIES } from '../curation/curation';
import type { CurationView } from '../curation/curationView';
import type { SyncOutcome, SyncStatusView } from './syncViews';
import { claimRefSchema, reviewDecisionSchema } from '../review/claimsFile';
import type { ConfirmDerivedView, ReviewView } from '../review/types';
import type { ChangesView, DocumentView, ExportJobStatus, ExportPreview, ExportReport, ImportFileResult, ProjectView, SessionView, VersionSummary } from './views';
import { keyedRecord } from '../model/keyed';
import { noNul, NUL_MESSAGE, pathInputSchema } from './pathInput';

/**
 * The one API between the UI and the services: every operation, its input schema and its output.
 * Implemented once in main/ (services/factmarkService.ts), carried over Electron IPC (preload) and
 * over HTTP (`factmark serve`). Inputs are validated with these schemas at both boundaries.
 */

/** Phantom marker for an operation's output type (outputs are produced by our own code). */
const returns = <T>() => undefined as unknown as T;

const docId = docIdSchema;
/** An annotation file's revision: the SHA-256 of its bytes. */
const revisionSchema = z.string().regex(/^[0-9a-f]{64}$/);
const path = pathInputSchema();

export { spanInputSchema };
export type SpanInput = z.infer<typeof spanInputSchema>;
/** A relation as the UI sends it (the relation as stored). */
const relationInputSchema = relationSchema;

/** The largest file the importer accepts, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Files for the dataset importer: names may carry folders (a folder import). */
const importFilesSchema = z
  .array(
    z
      .object({
        name: pathInputSchema(1000),
        /** File bytes, base64: the importer decides the encoding, not the browser. */
        base64: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8),
      })
      .strict(),
  )
  .min(1)
  .max(2000);
const importFormatSchema = z.enum(IMPORT_FORMATS).default('auto');

const labelDecisionSchema = z.union([z.object({ action: z.literal('add') }).strict(), z.object({ action: z.literal('map'), to: z.string().min(1).max(40) }).strict()]);
/**
 * Import decisions keyed by the labels of the imported files, which may be any text: a label
 * named "__proto__" stays a key (a zod record drops it), and the result has no prototype.
 */
const labelDecisionsSchema = z
  .preprocess((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : v), z.array(z.tuple([z.string().min(1).max(200), labelDecisionSchema])).max(10_000))
  .transform((entries) => Object.assign(keyedRecord<z.output<typeof labelDecisionSchema>>(), Object.fromEntries(entries)));

/** A proposed label schema and the ids it renames (shared/model/schemaEdits.ts). */
const schemaChangeSchema = z
  .object({
    labels: z.array(labelDefSchema).min(1).max(100),
    relationTypes: z.array(relationTypeSchema).max(100).default([]),
    renames: z
      .object({
        labels: z.record(z.string().min(1).max(40), z.string().min(1).max(40)).default({}),
        attributes: z.record(z.string().min(1).max(40), z.record(z.string().min(1).max(40), z.string().min(1).max(40))).default({}),
      })
      .strict()
      .default({ labels: {}, attributes: {} }),
  })
  .strict();

/** A dataset import: the files, their format, and a decision per label the project lacks. */
const importDatasetInput = z
  .object({
    files: importFilesSchema,
    format: importFormatSchema,
    labels: labelDecisionsSchema.default(keyedRecord()),
  })
  .strict();

export const contract = {
  getSession: { input: z.object({}).strict(), output: returns<SessionView>() },
  setAnnotator: { input: z.object({ name: annotatorNameSchema }).strict(), output: returns<SessionView>() },
  openProject: { input: z.object({ path }).strict(), output: returns<ProjectView>() },
  openSampleProject: { input: z.object({}).strict(), output: returns<ProjectView>() },
  createProject: {
    input: z.object({ path, name: z.string().trim().min(1).max(200) }).strict(),
    output: returns<ProjectView>(),
  },
  /** Native folder picker; answers `unsupported` where there is none (browser via serve). */
  chooseFolder: {
    input: z.object({ purpose: z.enum(['open', 'create', 'export']) }).strict(),
    output: returns<{ path: string | null }>(),
  },
  getProject: { input: z.object({}).strict(), output: returns<ProjectView>() },
  getDocument: { input: z.object({ docId }).strict(), output: returns<DocumentView>() },
  saveAnnotations: {
    input: z
      .object({
        docId,
        status: docStatusSchema,
        spans: z.array(spanInputSchema).max(100_000),
        /** Relations between those spans (checked against the project's relation types); left out: none. */
        relations: z.array(relationInputSchema).max(100_000).optional(),
        /**
         * The file's `revision` the edits were made on (null: there was no file). When the file
         * on disk is another one now, the save is refused with 'conflict'. Left out: no check.
         */
        baseRevision: revisionSchema.nullable().optional(),
      })
      .strict(),
    output: returns<{ updatedAt: string; revision: string; project: ProjectView }>(),
  },
  importDocuments: {
    input: z
      .object({
        files: z
          .array(
            z
              .object({
                name: pathInputSchema(500),
                /** File bytes, base64: the importer decides the encoding, not the browser. */
                base64: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8),
              })
              .strict(),
          )
          .min(1)
          .max(500),
      })
      .strict(),
    output: returns<{ results: ImportFileResult[]; project: ProjectView }>(),
  },
  /** Export in one call (CLI, tests); the UI uses startExport + exportStatus for progress. */
  exportProject: {
    input: exportOptionsSchema,
    output: returns<ExportReport>(),
  },
  /** Earlier versions of the annotator's file for a document, newest first. */
  listVersions: { input: z.object({ docId }).strict(), output: returns<{ versions: VersionSummary[] }>() },
  /** Save a kept version as the current one (the current one is kept first, so this can be undone). */
  restoreVersion: {
    input: z.object({ docId, versionId: z.string().regex(/^\d{8}T\d{9}Z(?:-\d{1,4})?$/) }).strict(),
    output: returns<{ updatedAt: string; revision: string; project: ProjectView }>(),
  },
  /** Changes made on disk by others since `since` (0 at first), and whether this window may write. */
  pollChanges: {
    input: z.object({ since: z.number().int().min(0) }).strict(),
    output: returns<ChangesView>(),
  },
  /**
   * Repair a document whose text changed under its annotations (docs/project-format.md, "Text
   * drift"), or place/drop orphans left by an earlier repair. Spans re-anchored with full
   * confidence move (those in `accept`; all when it is left out); orphans in `place` go where the
   * annotator put them, those in `drop` are removed, the others stay orphans in the file.
   */
  repairDrift: {
    input: z
      .object({
        docId,
        /** The text hash the proposal was made on (DocumentView.drift.textSha256): refused if the text changed again. */
        textSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
        accept: z.array(z.string().min(1).max(64)).max(100_000).optional(),
        place: z
          .array(z.object({ id: z.string().min(1).max(64), start: z.number().int().nonnegative(), end: z.number().int().positive() }).strict())
          .max(100_000)
          .default([]),
        drop: z.array(z.string().min(1).max(64)).max(100_000).default([]),
      })
      .strict(),
    output: returns<{ updatedAt: string; revision: string; project: ProjectView }>(),
  },
  /** The first record of an export, as it would be written; writes nothing. */
  previewExport: { input: exportOptionsSchema, output: returns<ExportPreview>() },
  /** Start an export in the background; poll exportStatus for progress and the result. */
  startExport: { input: exportOptionsSchema, output: returns<{ jobId: string }>() },
  exportStatus: { input: z.object({ jobId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), output: returns<ExportJobStatus>() },
  /** The files a finished export wrote, for the browser version to download (names relative to its folder). */
  exportedFiles: { input: z.object({ jobId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), output: returns<{ files: { name: string; base64: string }[] }>() },
  /** Parse files to import (documents, annotation datasets) and report what they hold; writes nothing. */
  inspectDataset: {
    input: z.object({ files: importFilesSchema, format: importFormatSchema }).strict(),
    output: returns<DatasetInspection>(),
  },
  /**
   * Import documents with their annotations into the current annotator's files: each file (or
   * brat/W3C pair) entirely or not at all. Every label the files use that the project lacks needs
   * a decision (add it, or map it onto a project label), else nothing is imported.
   */
  importDataset: {
    input: importDatasetInput,
    output: returns<DatasetImportReport>(),
  },
  /** importDataset in the background; poll importStatus for progress (documents prepared, files written) and the result. */
  startImportDataset: { input: importDatasetInput, output: returns<{ jobId: string }>() },
  importStatus: { input: z.object({ jobId: z.string().regex(/^[0-9a-f]{16}$/) }).strict(), output: returns<ImportJobStatus>() },
  /** What a label-schema change would do to every annotator's files (counts, deletions); writes nothing. */
  previewSchemaChange: { input: schemaChangeSchema, output: returns<SchemaChangeSummary>() },
  /**
   * Change the label schema: project.json and every annotator's annotation files, all or nothing.
   * A change that removes spans, relations or values is refused unless `confirmDeletes` is set.
   */
  applySchemaChange: {
    input: schemaChangeSchema.extend({ confirmDeletes: z.boolean().default(false) }),
    output: returns<{ summary: SchemaChangeSummary; project: ProjectView }>(),
  },
  /** The project's entities (entities.json), which Actor spans link to. */
  listEntities: { input: z.object({}).strict(), output: returns<{ entities: Entity[] }>() },
  /** Create an entity (no id: the id is a slug of the name) or rename one / change its aliases. */
  saveEntity: {
    input: z
      .object({
        id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/).optional(),
        name: z.string().trim().min(1).max(200),
        aliases: z.array(z.string().max(200)).max(100).default([]),
      })
      .strict(),
    output: returns<{ entity: Entity; entities: Entity[] }>(),
  },
  /** Problems in what an export with these options would hold (claims without claimant, numbers without value, ...). */
  checkExport: { input: exportOptionsSchema, output: returns<{ problems: ExportProblem[]; documents: number }>() },
  /** Offline suggestions for one document (shared/suggest), minus rejected ones and spans already tagged with the same label. */
  getSuggestions: {
    input: z.object({ docId }).strict(),
    /** thresholds: per label, the score a suggestion needs to be shown by default (the model's; the annotator's slider overrides it). */
    output: returns<{ suggestions: SuggestionView[]; thresholds?: Record<string, number> }>(),
  },
  /** Remember that this annotator rejected a suggestion on this document (.factmark/suggestions/): it is not proposed again. */
  rejectSuggestion: {
    input: z
      .object({
        docId,
        suggestionId: z.string().min(1).max(200).optional(),
        span: z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), label: z.string().min(1).max(40) }).strict().optional(),
      })
      .strict()
      .refine((v) => (v.suggestionId === undefined) !== (v.span === undefined), { message: 'Give either suggestionId or span.' }),
    output: returns<{ suggestions: SuggestionView[] }>(),
  },
  /** Project sync over git (main/services/gitSync.ts): is it a repository, its remote, ahead/behind, what changed, a pending conflict. */
  getSyncStatus: { input: z.object({}).strict(), output: returns<SyncStatusView>() },
  /** Set the remote (a URL, or a folder: an empty one becomes a shared bare repository); makes the project a repository if needed. */
  setSyncRemote: { input: z.object({ url: z.string().trim().min(1).max(4096).refine(noNul, NUL_MESSAGE) }).strict(), output: returns<SyncStatusView & { createdRemote: boolean }>() },
  /** Commit this annotator's files and the project-level files, fetch, merge, push; answers what came in, or a conflict. */
  syncProject: { input: z.object({}).strict(), output: returns<{ outcome: SyncOutcome; project: ProjectView }>() },
  /** Settle a sync conflict: per file mine / theirs / a merged version the user confirmed; or abort the merge. */
  resolveSyncConflict: {
    input: z
      .object({
        resolutions: z
          .array(
            z
              .object({ path: pathInputSchema(1000), choice: z.enum(['mine', 'theirs', 'merged']), content: z.string().max(50_000_000).optional() })
              .strict(),
          )
          .max(100_000)
          .default([]),
        abort: z.boolean().default(false),
      })
      .strict(),
    output: returns<{ outcome: SyncOutcome; project: ProjectView }>(),
  },
  /** Blind mode (project.json settings.blind): others' annotations of a document stay hidden until the annotator marks it done. */
  setBlindMode: { input: z.object({ blind: z.boolean() }).strict(), output: returns<ProjectView>() },
  /** Agreement between annotators (shared/agreement): pairs, labels, documents by disagreement. Absent annotators: all but gold. */
  getAgreement: {
    input: z
      .object({
        annotators: z.array(annotatorNameSchema).min(2).max(50).optional(),
        labels: z.array(z.string().min(1).max(40)).min(1).max(100).optional(),
      })
      .strict(),
    output: returns<AgreementView>(),
  },
  /** One document's curation into the gold annotator: pre-accepted spans, the stops to decide, earlier decisions. */
  getCuration: {
    input: z.object({ docId, policy: z.enum(CURATION_POLICIES).default('unanimity'), annotators: z.array(annotatorNameSchema).min(2).max(9).optional() }).strict(),
    output: returns<CurationView>(),
  },
  /** Write annotations/gold/<docId>.json from a curation's decisions (provenance on every span). */
  saveGold: {
    input: z
      .object({
        docId,
        policy: z.enum(CURATION_POLICIES).default('unanimity'),
        annotators: z.array(annotatorNameSchema).min(2).max(9).optional(),
        decisions: z.record(
          z.string().min(1).max(200),
          z.union([
            z.object({ kind: z.literal('pick'), annotator: annotatorNameSchema }).strict(),
            z.object({ kind: z.literal('reject') }).strict(),
            z
              .object({
                kind: z.literal('edit'),
                base: annotatorNameSchema,
                spans: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() }).strict()).min(1).max(20),
              })
              .strict(),
          ]),
        ),
        basis: z.string().regex(/^[0-9a-f]{64}$/),
        baseRevision: revisionSchema.nullable().optional(),
      })
      .strict(),
    output: returns<{ revision: string; status: 'todo' | 'in_progress' | 'done'; spans: number; undecided: number; view: CurationView }>(),
  },
  /** The claim review: claims clustered across documents, with flags, and the reviewer's decisions (claims.json) applied. */
  getReview: { input: z.object({}).strict(), output: returns<ReviewView>() },
  /** Save a reviewer's decision (merge, split, move a claim) to claims.json; answers the review with it applied. */
  saveReviewDecision: { input: z.object({ decision: reviewDecisionSchema }).strict(), output: returns<ReviewView>() },
  /** Remove this annotator's last review decision from claims.json. */
  undoReviewDecision: { input: z.object({}).strict(), output: returns<ReviewView>() },
  /** Write the review set (review.html, review.json, review.csv) into a folder (default: exports/review-<time>/). */
  exportReview: { input: z.object({ outDir: path.optional() }).strict(), output: returns<{ files: string[] }>() },
  /** The About box: the version, the suggestion model in use (where it comes from, its licences, its held-out figures) and the credits. */
  getAbout: { input: z.object({}).strict(), output: returns<AboutView>() },
  /**
   * Write the values the review derived for these claims (Number attributes read from the words,
   * claimants read from frames as attributed_to relations) into the annotator's files, all files
   * or none; each file's previous version is kept in its history.
   */
  confirmDerivedValues: { input: z.object({ claims: z.array(claimRefSchema).min(1).max(10_000) }).strict(), output: returns<ConfirmDerivedView>() },
  /** Undo a confirmation of this session (its undoId), while nobody changed those files since. */
  undoConfirmDerivedValues: { input: z.object({ undoId: z.string().min(1).max(100) }).strict(), output: returns<ConfirmDerivedView>() },
} as const;

/** What the About box shows. */
export interface AboutView {
  version: string;
  /** The suggestion model in use, or null with the reason in modelProblem (rule suggestions then). */
  model: { file: string; version: number; name: string; trainedOn: string; licence: string; learner: string; heldOut: Record<string, unknown> } | null;
  modelProblem: string | null;
  /** Data and libraries the suggestions are built on, with their licences. */
  credits: { name: string; licence: string; note: string }[];
}

/** A suggestion as the UI sees it; its id is stable for the same text ("label:start-end"). */
export interface SuggestionView {
  id: string;
  start: number;
  end: number;
  label: string;
  suggester: SuggesterName;
  attributes?: Record<string, AttributeValue>;
  /** Claims: the claimant actor named in the attribution frame, proposed as the attributed_to relation. */
  claimant?: { start: number; end: number; quote: string };
  /** The suggester's confidence, 0..1 (calibrated probability of the trained models; fixed for rules). The per-label threshold compares it. */
  score?: number;
}

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const OPERATION_NAMES = Object.keys(contract) as OperationName[];
export type OperationInput<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Contract[N]['input']>;
export type OperationOutput<N extends OperationName> = Contract[N]['output'];

/** The API as the renderer sees it: one named async function per operation. */
export type FactmarkApi = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;
};

/** The API as main implements it: inputs already validated. */
export type FactmarkHandlers = {
  [N in OperationName]: (input: ParsedInput<N>) => Promise<Result<OperationOutput<N>>>;
};

/** IPC channel of an operation. */
export const ipcChannel = (name: OperationName) => `factmark:${name}`;

/** Validate an untrusted input for an operation (IPC, HTTP, CLI boundaries). */
export function parseInput<N extends OperationName>(
  name: N,
  input: unknown,
): { ok: true; value: ParsedInput<N> } | { ok: false; message: string } {
  const parsed = contract[name].input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedInput<N> };
  const first = parsed.error.issues[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  return { ok: false, message: `Invalid input for ${name}: ${where}${first?.message ?? 'invalid'}` };
}
