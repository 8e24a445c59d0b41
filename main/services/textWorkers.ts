import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Texts read by wink-nlp on worker threads (textWorker.ts), one per core, while the caller goes on
 * reading files: `add` each text as it is read, `done` for the results in the order added. Below
 * `threadedFrom` (starting a worker loads wink's model, about a second) or without the worker
 * script (running from source, in tests) the texts are read in this thread at `done`.
 */
export type TextTask = 'claimTerms' | 'tokens';

/** dist/main/textWorker.js beside the running bundle, or null (running from source). */
export function textWorkerScript(): string | null {
  const script = join(__dirname, 'textWorker.js');
  return existsSync(script) ? script : null;
}

type Reply = { id: number; output: unknown } | { id: number; error: string };

/** One worker thread: requests answered in order, each by its id; a dead worker fails them all. */
class TextWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (output: unknown) => void; reject: (err: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(
    script: string,
    private readonly what: string,
  ) {
    this.worker = new Worker(script);
    this.worker.on('message', (reply: Reply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) w?.reject(new Error(`${this.what} failed: ${reply.error}`));
      else w?.resolve(reply.output);
    });
    this.worker.on('error', (err) => this.fail(new Error(`${this.what} failed: ${err.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`${this.what} failed: the worker stopped (exit code ${code}).`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(this.failure);
    this.waiting.clear();
  }

  request(task: TextTask, texts: string[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const answer = new Promise<unknown>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, task, texts });
    return answer;
  }

  stop(): void {
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }
}

export interface ParallelTextsOptions<R> {
  task: TextTask;
  /** For messages: "Reading claim terms". */
  what: string;
  /** The same results in this thread (few texts, or no worker script). */
  inThread: (texts: string[]) => R[];
  /** A worker's output for a chunk, as results. */
  fromWorker: (output: unknown) => R[];
  /** How much work a text is (1 each, or its length). */
  weigh: (text: string) => number;
  /** Workers start once this much work has been added. */
  threadedFrom: number;
  /** Work sent to a worker at a time: enough to keep it busy, little enough to start early. */
  chunk: number;
  script?: string | null;
  workers?: number;
}

export class ParallelTexts<R> {
  private readonly results: R[] = [];
  private added = 0;
  /** Texts not sent yet (the last ones added), and their work. */
  private pending: string[] = [];
  private pendingWork = 0;
  private totalWork = 0;
  private readonly parts: Promise<void>[] = [];
  private workers: TextWorker[] | null = null;
  private turn = 0;
  private firstFailure: Error | null = null;
  private readonly script: string | null;
  private readonly workerCount: number;

  constructor(private readonly opts: ParallelTextsOptions<R>) {
    this.script = opts.script === undefined ? textWorkerScript() : opts.script;
    this.workerCount = Math.max(1, opts.workers ?? Math.min(cpus().length, 4));
  }

  /** A worker's failure, as soon as it happens: a caller may stop reading files early (done() throws it). */
  get failure(): Error | null {
    return this.firstFailure;
  }

  /** Queue a text; answers its position in done()'s results. */
  add(text: string): number {
    const work = this.opts.weigh(text);
    this.pending.push(text);
    this.pendingWork += work;
    this.totalWork += work;
    const index = this.added++;
    if (!this.workers && this.script && this.workerCount > 1 && this.totalWork >= this.opts.threadedFrom) {
      this.workers = Array.from({ length: this.workerCount }, () => new TextWorker(this.script!, this.opts.what));
      this.flush(this.workerCount);
    } else if (this.workers && this.pendingWork >= this.opts.chunk) this.flush(1);
    return index;
  }

  /** Send the pending texts to the workers in `pieces` parts, round robin. */
  private flush(pieces: number): void {
    const texts = this.pending;
    const first = this.added - texts.length;
    const size = Math.ceil(texts.length / pieces);
    this.pending = [];
    this.pendingWork = 0;
    for (let i = 0; i < texts.length; i += size) this.send(texts.slice(i, i + size), first + i);
  }

  /** Texts `from`.. of the results, to the next worker in turn. */
  private send(texts: string[], from: number): void {
    const worker = this.workers![this.turn++ % this.workers!.length]!;
    const part = worker.request(this.opts.task, texts).then((output) => {
      this.opts.fromWorker(output).forEach((r, i) => (this.results[from + i] = r));
    });
    // Thrown by done(); until then a failure is only noted (never an unhandled rejection).
    part.catch((err: Error) => {
      this.firstFailure ??= err;
    });
    this.parts.push(part);
  }

  /** Every text's result, in the order they were added. */
  async done(): Promise<R[]> {
    try {
      // The last texts are split over the workers too.
      if (this.workers) this.flush(this.workers.length);
      else if (this.pending.length > 0) {
        const first = this.added - this.pending.length;
        this.opts.inThread(this.pending).forEach((r, i) => (this.results[first + i] = r));
        this.pending = [];
      }
      await Promise.all(this.parts);
      return this.results;
    } finally {
      this.cancel();
    }
  }

  /** Stop the workers (done() does; call it when the results will never be asked for). */
  cancel(): void {
    for (const w of this.workers ?? []) w.stop();
    this.workers = null;
  }
}
