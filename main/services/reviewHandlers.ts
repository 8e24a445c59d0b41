import { join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ParsedInput } from '../../shared/api/contract';
import type { ProjectFile } from '../../shared/model/schemas';
import type { ConfirmDerivedView, ReviewView } from '../../shared/review/types';
import { exportsDir } from './projectStore';
import { projectReview, saveReviewDecision, undoReviewDecision, writeReviewSet } from './reviewService';
import { annotatorContext } from './annotatorContext';
import { confirmDerived, undoConfirm, type ConfirmUndo } from './reviewConfirm';
import type { PlannedWrite } from './schemaChange';

/** What the review operations need from the service (factmarkService.ts). */
export interface ReviewHost {
  currentProject(): Promise<Result<{ dir: string; project: ProjectFile }>>;
  annotator(): Promise<string | null>;
  lockStatus(dir: string, who: string | null): Promise<string | null>;
  inOrder<T>(key: string, work: () => Promise<T>): Promise<T>;
  now(): Date;
  version: string;
  /** Folders a review set may be written to from the app: the project and folders the user picked. */
  allowedOutDir(outDir: string, projectDir: string): Promise<boolean>;
  /** Replace annotation files together (atomic, journaled), as this service's own writes. */
  writeAnnotationFiles(dir: string, writes: readonly PlannedWrite[]): Promise<void>;
}

/** Confirmations this session can undo, newest last. */
const UNDO_KEPT = 20;


/** A folder name for an export made now: review-20261122T100000Z. */
export const reviewSetFolder = (now: Date) => `review-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;

/** The review operations of the contract: getReview, saveReviewDecision, undoReviewDecision, exportReview. */
export function reviewHandlers(host: ReviewHost) {
  const context = () => annotatorContext(host);

  /** claims.json is shared by the project; like entities.json, a read-only window does not write it. */
  async function writing(work: (dir: string, who: string) => Promise<Result<ReviewView>>): Promise<Result<ReviewView>> {
    return host.inOrder('claims', async () => {
      const ctx = await context();
      if (!ctx.ok) return ctx;
      const reason = await host.lockStatus(ctx.value.dir, ctx.value.who);
      if (reason !== null) return fail('read-only', `${reason} The review decision was not saved.`);
      return work(ctx.value.dir, ctx.value.who);
    });
  }

  const undoable = new Map<string, ConfirmUndo & { who: string; dir: string }>();

  /** Annotation files change: refused in a read-only window, one confirmation at a time. */
  function confirming<T>(work: (dir: string, who: string, project: ProjectFile) => Promise<Result<T>>): Promise<Result<T>> {
    return host.inOrder('confirm-derived', async () => {
      const ctx = await context();
      if (!ctx.ok) return ctx;
      const reason = await host.lockStatus(ctx.value.dir, ctx.value.who);
      if (reason !== null) return fail('read-only', `${reason} Nothing was confirmed.`);
      return work(ctx.value.dir, ctx.value.who, ctx.value.project);
    });
  }
  const confirmContext = (dir: string, who: string, project: ProjectFile) => ({ dir, who, project, now: host.now(), writeFiles: (w: readonly PlannedWrite[]) => host.writeAnnotationFiles(dir, w) });

  return {
    confirmDerivedValues: ({ claims }: ParsedInput<'confirmDerivedValues'>): Promise<Result<ConfirmDerivedView>> =>
      confirming(async (dir, who, project) => {
        const done = await confirmDerived(confirmContext(dir, who, project), claims);
        if (!done.ok) return done;
        const { undo, ...view } = done.value;
        if (!undo) return ok(view);
        const undoId = `confirm-${host.now().getTime()}-${undoable.size + 1}-${Math.random().toString(36).slice(2, 8)}`;
        undoable.set(undoId, { ...undo, who, dir });
        for (const old of [...undoable.keys()].slice(0, Math.max(0, undoable.size - UNDO_KEPT))) undoable.delete(old);
        return ok({ ...view, undoId });
      }),
    undoConfirmDerivedValues: ({ undoId }: ParsedInput<'undoConfirmDerivedValues'>): Promise<Result<ConfirmDerivedView>> =>
      confirming(async (dir, who, project) => {
        const undo = undoable.get(undoId);
        if (!undo || undo.who !== who || undo.dir !== dir) return fail('not-found', 'That confirmation can no longer be undone here; its files’ earlier versions are in each document’s History.');
        const done = await undoConfirm(confirmContext(dir, who, project), undo);
        if (done.ok) undoable.delete(undoId);
        return done;
      }),
    getReview: async (): Promise<Result<ReviewView>> => {
      const ctx = await context();
      if (!ctx.ok) return ctx;
      return ok(await projectReview(ctx.value.dir, ctx.value.who));
    },
    saveReviewDecision: ({ decision }: ParsedInput<'saveReviewDecision'>) => writing((dir, who) => saveReviewDecision(dir, who, decision, host.now())),
    undoReviewDecision: () => writing((dir, who) => undoReviewDecision(dir, who)),
    exportReview: async ({ outDir }: ParsedInput<'exportReview'>): Promise<Result<{ files: string[] }>> => {
      const ctx = await context();
      if (!ctx.ok) return ctx;
      const { dir, project, who } = ctx.value;
      const now = host.now();
      const target = outDir !== undefined ? resolve(dir, outDir) : join(exportsDir(dir), reviewSetFolder(now));
      if (outDir !== undefined && !(await host.allowedOutDir(outDir, dir))) {
        return fail('invalid-input', `Review sets from the app go inside the project folder or a folder picked with Choose…; ${outDir} is outside them. To write elsewhere, use \`factmark review --out\`.`);
      }
      const review = await projectReview(dir, who);
      const files = await writeReviewSet(target, review, { project: project.name, annotator: who, createdAt: now.toISOString(), factmarkVersion: host.version });
      return ok({ files });
    },
  };
}
