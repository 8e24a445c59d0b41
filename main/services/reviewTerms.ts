import { claimTermsBatch } from '../../shared/review/claimTerms';
import { ParallelTexts } from './textWorkers';

/**
 * The terms of a project's claims for the review (shared/review/claimTerms.ts), which is most of
 * a large review's time: wink-nlp reads every claim. Terms are kept in memory by claim text, so a
 * review recomputed after a decision or a confirmation reads only new or edited claims. Many new
 * texts are read on worker threads (textWorkers.ts), which start while the annotation files are
 * still being read: `ClaimTermsReader.add` as each file is read, `done` at the end.
 */
const cache = new Map<string, readonly string[]>();
/** Enough for two 200,000-claim projects; the oldest texts go first beyond it. */
const CACHE_LIMIT = 400_000;
/** Below this many new texts, starting workers (each loads wink's model, about a second) does not pay. */
const THREADED_FROM = 4_000;
/** Texts sent to a worker at a time. */
const CHUNK = 2_000;

/** Reads the terms of claim texts given a few at a time; texts already known (this review or the cache) are not read again. */
export class ClaimTermsReader {
  private readonly known = new Map<string, readonly string[]>();
  private readonly unique: string[] = [];
  private readonly queued = new Set<string>();
  private readonly texts: ParallelTexts<string[]>;

  constructor(opts: { script?: string | null; workers?: number } = {}) {
    this.texts = new ParallelTexts<string[]>({
      task: 'claimTerms',
      what: 'Reading claim terms',
      inThread: claimTermsBatch,
      fromWorker: (output) => output as string[][],
      weigh: () => 1,
      threadedFrom: THREADED_FROM,
      chunk: CHUNK,
      ...opts,
    });
  }

  /** A worker's failure, as soon as it happens: a caller may stop reading files early (done() throws it). */
  get failure(): Error | null {
    return this.texts.failure;
  }

  add(texts: Iterable<string>): void {
    for (const t of texts) {
      if (this.known.has(t) || this.queued.has(t)) continue;
      const hit = cache.get(t);
      if (hit) this.known.set(t, hit);
      else {
        this.queued.add(t);
        this.unique.push(t);
        this.texts.add(t);
      }
    }
  }

  /** The terms of every text added. */
  async done(): Promise<Map<string, readonly string[]>> {
    const terms = await this.texts.done();
    this.unique.forEach((t, i) => {
      this.known.set(t, terms[i]!);
      cache.set(t, terms[i]!);
    });
    while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    return this.known;
  }

  /** Stop the workers (done() does; call it when the terms will never be asked for). */
  cancel(): void {
    this.texts.cancel();
  }
}
