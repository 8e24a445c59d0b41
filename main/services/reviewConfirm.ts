import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fail, ok, type Result } from '../../shared/api/result';
import { annotationFileSchema, type ProjectFile } from '../../shared/model/schemas';
import { confirmDerivedValues } from '../../shared/review/confirmDerived';
import type { ConfirmDerivedView, ReviewClaim } from '../../shared/review/types';
import { keepVersion } from './annotationHistory';
import { isErrno } from './atomicJson';
import { annotationJson, annotationPath } from './projectStore';
import { projectReview } from './reviewService';
import { CommitError, type PlannedWrite } from './schemaChange';

/**
 * Confirming the review's derived values into the annotator's files (docs/review.md, its "Derived values" item):
 * every file changes together or none does (the caller commits the planned writes with
 * commitFiles), each file's previous version is kept in its history first, and the last few
 * confirmations of this session can be undone while nobody changed those files since.
 */
export interface ConfirmContext {
  dir: string;
  project: ProjectFile;
  who: string;
  now: Date;
  /** Replace the files together (atomic; the service tells its watcher they are its own writes). */
  writeFiles(writes: readonly PlannedWrite[]): Promise<void>;
}

export interface ConfirmUndo {
  writes: PlannedWrite[];
  docIds: string[];
}

async function readRaw(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

/** The writes together; a file changed by someone else meanwhile stops them all, said in the review's words. */
async function commit(ctx: ConfirmContext, writes: readonly PlannedWrite[]): Promise<Result<null>> {
  try {
    await ctx.writeFiles(writes);
    return ok(null);
  } catch (err) {
    if (err instanceof CommitError) return fail('conflict', `An annotation file changed while the confirmed values were being written (another window or program saved it); nothing was changed. Try again. (${err.message})`);
    throw err;
  }
}

export async function confirmDerived(ctx: ConfirmContext, claimKeys: readonly string[]): Promise<Result<ConfirmDerivedView & { undo: ConfirmUndo | null }>> {
  const { dir, project, who, now } = ctx;
  const review = await projectReview(dir, who);
  const byKey = new Map(review.clusters.flatMap((c) => c.claims).map((c) => [c.key, c]));
  const unknown = claimKeys.filter((k) => !byKey.has(k));
  if (unknown.length > 0) return fail('not-found', `There is no claim ${unknown[0]} in ${who}'s annotations any more; reload the review.`);
  const byDoc = new Map<string, ReviewClaim[]>();
  for (const key of claimKeys) {
    const claim = byKey.get(key)!;
    byDoc.set(claim.docId, [...(byDoc.get(claim.docId) ?? []), claim]);
  }
  const writes: PlannedWrite[] = [];
  const docIds: string[] = [];
  const skipped: string[] = [];
  let numbers = 0;
  let relations = 0;
  const at = now.toISOString();
  for (const [docId, claims] of byDoc) {
    const file = annotationPath(dir, who, docId);
    const raw = await readRaw(file);
    if (raw === null) return fail('not-found', `${file} is gone; reload the review.`, file);
    const parsed = annotationFileSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return fail('invalid-project', `${file} is not a valid annotation file any more; nothing was confirmed.`, file);
    const outcome = confirmDerivedValues(parsed.data, project, claims, at, () => `r-${randomUUID()}`);
    skipped.push(...outcome.skipped);
    if (outcome.numbers + outcome.relations === 0) continue;
    numbers += outcome.numbers;
    relations += outcome.relations;
    // History first: the confirmation can also be undone from the document's History, in any later session.
    await keepVersion({ dir, annotator: who, docId, previousRaw: raw, previous: parsed.data, nextStatus: parsed.data.status, now, force: true });
    writes.push({ file, content: annotationJson(outcome.file), previous: raw });
    docIds.push(docId);
  }
  if (writes.length > 0) {
    const written = await commit(ctx, writes);
    if (!written.ok) return written;
  }
  const after = writes.length > 0 ? await projectReview(dir, who) : review;
  return ok({ review: after, numbers, relations, documents: docIds, skipped, undoId: null, undo: writes.length > 0 ? { writes, docIds } : null });
}

/** Put the files of a confirmation back as they were, if nobody changed them since. */
export async function undoConfirm(ctx: ConfirmContext, undo: ConfirmUndo): Promise<Result<ConfirmDerivedView>> {
  const back: PlannedWrite[] = [];
  for (const [i, w] of undo.writes.entries()) {
    const current = await readRaw(w.file);
    if (current !== w.content) {
      return fail('conflict', `The annotations of ${undo.docIds[i]} changed after the values were confirmed; nothing was undone. Their earlier versions are in the document's History.`, w.file);
    }
    const parsed = annotationFileSchema.parse(JSON.parse(current));
    await keepVersion({ dir: ctx.dir, annotator: ctx.who, docId: undo.docIds[i]!, previousRaw: current, previous: parsed, nextStatus: parsed.status, now: ctx.now, force: true });
    back.push({ file: w.file, content: w.previous, previous: current });
  }
  const written = await commit(ctx, back);
  if (!written.ok) return written;
  return ok({ review: await projectReview(ctx.dir, ctx.who), numbers: 0, relations: 0, documents: undo.docIds, skipped: [], undoId: null });
}
