import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LearningExample } from '../../shared/learn/examples';
import type { SuggestOptions } from '../../shared/suggest/suggest';
import type { Suggestion } from '../../shared/suggest/types';
import { SuggestEngine, type ProjectRef } from './suggestEngine';

/** One text to suggest on (posted to a worker), with the project whose learning applies. */
export interface SuggestJob {
  id: number;
  kind?: 'suggest';
  text: string;
  options: SuggestOptions;
  project?: ProjectRef;
}
/** One document's learning examples for a project's learner (posted to a worker). */
export interface LearnJob {
  id: number;
  kind: 'learn';
  project: ProjectRef;
  docId: string;
  examples: LearningExample[];
}
export type WorkerJob = SuggestJob | LearnJob;
/** How a learn job went: decisions new to the learner, and the time the update took in the worker. */
export interface LearnResult {
  learned: number;
  ms: number;
}
/** A worker's answer: the suggestions, the learning done, or why it failed. */
export type WorkerReply = { id: number; suggestions: Suggestion[] } | { id: number; learned: LearnResult } | { id: number; error: string };
/** @deprecated the name before learning jobs; kept for callers. */
export type SuggestReply = WorkerReply;

/** The project (and annotator) whose learning the suggestions use. */
export interface ProjectLearning {
  dir: string;
  annotator: string;
}

export interface SuggestPool {
  /** The suggestions for one text, computed in a worker thread (in this thread when there is no worker script). */
  suggest(text: string, options: SuggestOptions, project?: ProjectLearning): Promise<Suggestion[]>;
  /**
   * Teach the project's learner one document's examples (its whole learning file, already written):
   * in the worker thread, before any suggestion asked for afterwards.
   */
  learn(project: ProjectLearning, docId: string, examples: LearningExample[]): Promise<LearnResult>;
  /** Jobs posted to a worker and not answered yet (plus those waiting for a free worker). */
  pending(): number;
  /** True when the jobs run in worker threads. */
  readonly threaded: boolean;
  close(): Promise<void>;
}

/**
 * The worker script beside the running bundle (dist/main/suggestWorker.js, next to cli.js and
 * electron.js), or null when running from source (unit tests), where suggestions are computed in
 * the calling thread.
 */
export function defaultSuggestWorkerScript(): string | null {
  const script = join(__dirname, 'suggestWorker.js');
  return existsSync(script) ? script : null;
}

type Answer = Suggestion[] | LearnResult;
interface Slot {
  worker: Worker;
  job: { id: number; resolve: (s: Answer) => void; reject: (e: Error) => void } | null;
}

/**
 * Up to `size` worker threads, started on first use; jobs queue for a free one. An idle worker is
 * unref'd, so it never keeps a finished CLI process alive. A worker that dies fails its job and is
 * replaced on the next one.
 */
export function createSuggestPool({ script = defaultSuggestWorkerScript(), size = 1 }: { script?: string | null; size?: number } = {}): SuggestPool {
  // Learn jobs bump their project's revision; a worker that did not see one reloads the project from disk.
  const revisions = new Map<string, number>();
  const ref = (p: ProjectLearning, bump = false): ProjectRef => {
    const key = `${p.annotator}\u0000${p.dir}`;
    const revision = (revisions.get(key) ?? 0) + (bump ? 1 : 0);
    revisions.set(key, revision);
    return { dir: p.dir, annotator: p.annotator, revision };
  };
  if (script === null) {
    const engine = new SuggestEngine();
    return {
      threaded: false,
      suggest: async (text, options, project) => engine.suggest(text, options, project ? ref(project) : null),
      learn: async (project, docId, examples) => engine.learn(ref(project, true), docId, examples),
      pending: () => 0,
      close: async () => undefined,
    };
  }
  const slots: Slot[] = [];
  const queue: { job: WorkerJob; resolve: (s: Answer) => void; reject: (e: Error) => void }[] = [];
  let nextId = 1;
  let closed = false;

  const startSlot = (): Slot => {
    const slot: Slot = { worker: new Worker(script), job: null };
    slot.worker.unref();
    slot.worker.on('message', (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      slot.worker.unref();
      if ('error' in reply) job.reject(new Error(`The suggesters failed: ${reply.error}`));
      else job.resolve('learned' in reply ? reply.learned : reply.suggestions);
      pump();
    });
    const lost = (why: string) => {
      const job = slot.job;
      slot.job = null;
      slots.splice(slots.indexOf(slot), 1);
      job?.reject(new Error(`The suggestion worker stopped (${why}); try again.`));
      if (!closed) pump();
    };
    slot.worker.on('error', (err) => lost(err.message));
    slot.worker.on('exit', (code) => {
      if (slots.includes(slot)) lost(`exit code ${code}`);
    });
    slots.push(slot);
    return slot;
  };

  const pump = () => {
    while (queue.length > 0 && !closed) {
      const slot = slots.find((s) => s.job === null) ?? (slots.length < size ? startSlot() : null);
      if (!slot) return;
      const next = queue.shift()!;
      slot.job = { id: next.job.id, resolve: next.resolve, reject: next.reject };
      slot.worker.ref();
      slot.worker.postMessage(next.job);
    }
  };

  const post = (job: WorkerJob): Promise<Answer> => {
    if (closed) return Promise.reject(new Error('The suggestion workers were closed.'));
    return new Promise<Answer>((resolve, reject) => {
      queue.push({ job, resolve, reject });
      pump();
    });
  };

  return {
    threaded: true,
    suggest: (text, options, project) => post({ id: nextId++, text, options, ...(project ? { project: ref(project) } : {}) }) as Promise<Suggestion[]>,
    learn: (project, docId, examples) => post({ id: nextId++, kind: 'learn', project: ref(project, true), docId, examples }) as Promise<LearnResult>,
    pending: () => queue.length + slots.filter((s) => s.job !== null).length,
    async close() {
      closed = true;
      for (const q of queue.splice(0)) q.reject(new Error('The suggestion workers were closed.'));
      const all = slots.splice(0);
      for (const s of all) s.job?.reject(new Error('The suggestion workers were closed.'));
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
