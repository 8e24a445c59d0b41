import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { suggestAll, type SuggestOptions } from '../../shared/suggest/suggest';
import type { Suggestion } from '../../shared/suggest/types';

/** One text to suggest on (posted to a worker). */
export interface SuggestJob {
  id: number;
  text: string;
  options: SuggestOptions;
}
/** A worker's answer: the suggestions, or why the suggesters failed. */
export type SuggestReply = { id: number; suggestions: Suggestion[] } | { id: number; error: string };

export interface SuggestPool {
  /** The suggestions for one text, computed in a worker thread (in this thread when there is no worker script). */
  suggest(text: string, options: SuggestOptions): Promise<Suggestion[]>;
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

interface Slot {
  worker: Worker;
  job: { id: number; resolve: (s: Suggestion[]) => void; reject: (e: Error) => void } | null;
}

/**
 * Up to `size` worker threads, started on first use; jobs queue for a free one. An idle worker is
 * unref'd, so it never keeps a finished CLI process alive. A worker that dies fails its job and is
 * replaced on the next one.
 */
export function createSuggestPool({ script = defaultSuggestWorkerScript(), size = 1 }: { script?: string | null; size?: number } = {}): SuggestPool {
  if (script === null) {
    return {
      threaded: false,
      suggest: async (text, options) => suggestAll(text, options),
      pending: () => 0,
      close: async () => undefined,
    };
  }
  const slots: Slot[] = [];
  const queue: { job: SuggestJob; resolve: (s: Suggestion[]) => void; reject: (e: Error) => void }[] = [];
  let nextId = 1;
  let closed = false;

  const startSlot = (): Slot => {
    const slot: Slot = { worker: new Worker(script), job: null };
    slot.worker.unref();
    slot.worker.on('message', (reply: SuggestReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = null;
      slot.worker.unref();
      if ('error' in reply) job.reject(new Error(`The suggesters failed: ${reply.error}`));
      else job.resolve(reply.suggestions);
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

  return {
    threaded: true,
    suggest(text, options) {
      if (closed) return Promise.reject(new Error('The suggestion workers were closed.'));
      return new Promise<Suggestion[]>((resolve, reject) => {
        queue.push({ job: { id: nextId++, text, options }, resolve, reject });
        pump();
      });
    },
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
