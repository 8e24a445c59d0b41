import { decisionsFromSave, exampleFor, mergeExamples, rebuildExamples, unmarkedExamples, type SpanLike } from '../../shared/learn/decisions';
import { LEARNING_SCHEMA_VERSION, learningFileSchema, type LearningExample } from '../../shared/learn/examples';
import { readJsonFile, writeJsonAtomic } from './atomicJson';
import { learningFilePath, rebuildDocumentExamples, rejectionsOf } from './learningFiles';
import type { SuggestPool } from './suggestWorkerPool';

/**
 * Every decision of the annotator teaches the project's suggesters (docs/suggestions.md): after a
 * save (spans tagged, accepted, relabelled, corrected, removed) and after a rejection, the
 * document's learning file (.factmark/learning/<annotator>/<docId>.json) is updated atomically and
 * sent to the suggestion worker, which learns it before it answers the next request. Per project
 * and annotator these run one after another; getSuggestions waits for them (`learningSettled`),
 * so the next document's suggestions already reflect the last decision.
 */
export interface LearningContext {
  dir: string;
  who: string;
  docId: string;
  text: string;
  sha256: string;
  now: string;
  pool: SuggestPool;
}

const queues = new Map<string, Promise<unknown>>();
const queueKey = (dir: string, who: string) => `${who}\u0000${dir}`;

function enqueue<T>(dir: string, who: string, task: () => Promise<T>): Promise<T> {
  const key = queueKey(dir, who);
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(task);
  queues.set(key, run);
  const forget = () => {
    if (queues.get(key) === run) queues.delete(key);
  };
  run.then(forget, forget);
  return run;
}

/** Resolves when the learning started so far for this project and annotator is done (failed or not). */
export async function learningSettled(dir: string, who: string): Promise<void> {
  await (queues.get(queueKey(dir, who)) ?? Promise.resolve()).catch(() => undefined);
}

/** Resolves when all the learning started so far, in every project, is done (failed or not): a closing service waits for it, and so does a test before removing its folders. */
export async function allLearningSettled(): Promise<void> {
  while (queues.size > 0) await Promise.allSettled([...queues.values()]);
}

/** The document's examples so far: its learning file, or rebuilt from the annotation file and rejections. */
async function previousExamples(ctx: LearningContext): Promise<LearningExample[]> {
  const read = await readJsonFile(learningFilePath(ctx.dir, ctx.who, ctx.docId), learningFileSchema);
  if (read.ok) return read.value.examples;
  return rebuildDocumentExamples(ctx.dir, ctx.who, ctx.docId, ctx.now) ?? [];
}

async function writeAndTeach(ctx: LearningContext, examples: LearningExample[]): Promise<{ learned: number; ms: number }> {
  await writeJsonAtomic(learningFilePath(ctx.dir, ctx.who, ctx.docId), {
    schemaVersion: LEARNING_SCHEMA_VERSION,
    docId: ctx.docId,
    textSha256: ctx.sha256,
    annotator: ctx.who,
    examples,
    updatedAt: ctx.now,
  });
  return ctx.pool.learn({ dir: ctx.dir, annotator: ctx.who }, ctx.docId, examples);
}

/**
 * Learn from a save: `before` is the annotation file as it was (null for the first save), read
 * before the new one was written (so a missing learning file is rebuilt from it).
 */
export function learnFromSave(ctx: LearningContext, before: { spans: readonly SpanLike[] } | null, after: { status: string; spans: readonly SpanLike[] }): Promise<{ learned: number; ms: number }> {
  return enqueue(ctx.dir, ctx.who, async () => {
    const read = await readJsonFile(learningFilePath(ctx.dir, ctx.who, ctx.docId), learningFileSchema);
    // No learning file yet: the spans saved before count as tagged, the rejections as rejected.
    const previous = read.ok ? read.value.examples : before === null ? [] : mergeExamples([], rebuiltBefore(ctx, before), []);
    const decisions = decisionsFromSave(ctx.text, before?.spans ?? null, after.spans, ctx.now);
    const examples = mergeExamples(previous, decisions, unmarkedExamples(ctx.text, after.spans, after.status, ctx.now));
    return writeAndTeach(ctx, examples);
  });
}

function rebuiltBefore(ctx: LearningContext, before: { spans: readonly SpanLike[] }): LearningExample[] {
  return rebuildExamples(ctx.text, before.spans, rejectionsOf(ctx.dir, ctx.who, ctx.docId, ctx.text), 'in_progress', ctx.now);
}

/** Learn from a rejected suggestion. */
export function learnFromRejection(ctx: LearningContext, rejected: { start: number; end: number; label: string }): Promise<{ learned: number; ms: number }> {
  return enqueue(ctx.dir, ctx.who, async () => {
    const previous = await previousExamples(ctx);
    return writeAndTeach(ctx, mergeExamples(previous, [exampleFor(ctx.text, 'reject', rejected, ctx.now)], previous.filter((e) => e.kind === 'unmarked')));
  });
}
