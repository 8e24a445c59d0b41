import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { claimTermsBatch } from '../../shared/review/claimTerms';

/**
 * The terms of a project's claims for the review (shared/review/claimTerms.ts), which is most of
 * a large review's time: wink-nlp reads every claim. Terms are kept in memory by claim text, so a
 * review recomputed after a decision or a confirmation reads only new or edited claims. Many new
 * texts are read on worker threads, one per core (dist/main/reviewTermsWorker.js beside the
 * running bundle; in this thread when running from source, or for few texts), and they start
 * while the annotation files are still being read: `ClaimTermsReader.add` as each file is read,
 * `done` at the end.
 */
const cache = new Map<string, readonly string[]>();
/** Enough for two 200,000-claim projects; the oldest texts go first beyond it. */
const CACHE_LIMIT = 400_000;
/** Below this many new texts, starting workers (each loads wink's model, about a second) does not pay. */
const THREADED_FROM = 4_000;
/** Texts sent to a worker at a time: enough to keep it busy, few enough to start early. */
const CHUNK = 2_000;

export function termsWorkerScript(): string | null {
  const script = join(__dirname, 'reviewTermsWorker.js');
  return existsSync(script) ? script : null;
}

/** Worker protocol (reviewTermsWorker.ts): { id, texts } in, { id, terms } or { id, error } out, in order. */
type Reply = { id: number; terms: string[][] } | { id: number; error: string };

class TermsWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (terms: string[][]) => void; reject: (err: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(script: string) {
    this.worker = new Worker(script);
    this.worker.on('message', (reply: Reply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) w?.reject(new Error(`Reading claim terms failed: ${reply.error}`));
      else w?.resolve(reply.terms);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`Reading claim terms failed: the worker stopped (exit code ${code}).`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }

  terms(texts: string[]): Promise<string[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const answer = new Promise<string[][]>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, texts });
    return answer;
  }

  stop(): void {
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}

/**
 * Reads the terms of claim texts given a few at a time. Texts already known (this call or the
 * cache) are not read again. Once THREADED_FROM new texts have come, workers start and take them
 * CHUNK at a time, round robin, while the caller goes on reading files.
 */
export class ClaimTermsReader {
  private readonly known = new Map<string, readonly string[]>();
  private readonly queued = new Set<string>();
  private pending: string[] = [];
  private readonly parts: Promise<void>[] = [];
  private workers: TermsWorker[] | null = null;
  private turn = 0;
  private firstFailure: Error | null = null;
  private readonly script: string | null;
  private readonly workerCount: number;

  constructor(opts: { script?: string | null; workers?: number } = {}) {
    this.script = opts.script === undefined ? termsWorkerScript() : opts.script;
    this.workerCount = Math.max(1, opts.workers ?? Math.min(cpus().length, 4));
  }

  /** A worker's failure, as soon as it happens: a caller may stop reading files early (done() throws it). */
  get failure(): Error | null {
    return this.firstFailure;
  }

  add(texts: Iterable<string>): void {
    for (const t of texts) {
      if (this.known.has(t) || this.queued.has(t)) continue;
      const hit = cache.get(t);
      if (hit) this.known.set(t, hit);
      else {
        this.queued.add(t);
        this.pending.push(t);
      }
    }
    if (!this.workers && this.script && this.workerCount > 1 && this.queued.size >= THREADED_FROM) {
      this.workers = Array.from({ length: this.workerCount }, () => new TermsWorker(this.script!));
    }
    while (this.workers && this.pending.length >= CHUNK) this.send(this.pending.splice(0, CHUNK));
  }

  private send(texts: string[]): void {
    const worker = this.workers![this.turn++ % this.workers!.length]!;
    const part = worker.terms(texts).then((terms) => this.keep(texts, terms));
    // Thrown by done(); until then a failure is only noted (never an unhandled rejection).
    part.catch((err: Error) => {
      this.firstFailure ??= err;
    });
    this.parts.push(part);
  }

  private keep(texts: readonly string[], terms: readonly string[][]): void {
    texts.forEach((t, i) => {
      this.known.set(t, terms[i]!);
      cache.set(t, terms[i]!);
    });
    while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }

  /** The terms of every text added. */
  async done(): Promise<Map<string, readonly string[]>> {
    try {
      if (this.workers) {
        // The last texts are split over the workers too.
        const size = Math.ceil(this.pending.length / this.workers.length);
        while (this.pending.length > 0) this.send(this.pending.splice(0, size));
      } else if (this.pending.length > 0) {
        this.keep(this.pending, claimTermsBatch(this.pending));
      }
      this.pending = [];
      await Promise.all(this.parts);
      return this.known;
    } finally {
      this.cancel();
    }
  }

  /** Stop the workers (done() does; call it when the texts will never be asked for). */
  cancel(): void {
    for (const w of this.workers ?? []) w.stop();
    this.workers = null;
  }
}

/** The terms of all these texts (ClaimTermsReader, given them at once). */
export function claimTermsOf(texts: Iterable<string>, opts: { script?: string | null; workers?: number } = {}): Promise<Map<string, readonly string[]>> {
  const reader = new ClaimTermsReader(opts);
  reader.add(texts);
  return reader.done();
}
