import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { claimTermsBatch } from '../../shared/review/claimTerms';

/**
 * The terms of a project's claims for the review (shared/review/claimTerms.ts), which is most of
 * a large review's time: wink-nlp reads every claim. Terms are kept in memory by claim text, so a
 * review recomputed after a decision or a confirmation reads only new or edited claims; many new
 * texts are read on worker threads, one per core (dist/main/reviewTermsWorker.js beside the
 * running bundle; in this thread when running from source, or for few texts).
 */
const cache = new Map<string, readonly string[]>();
/** Enough for two 200,000-claim projects; the oldest texts go first beyond it. */
const CACHE_LIMIT = 400_000;
/** Below this many new texts, starting workers (each loads wink's model, about a second) does not pay. */
const THREADED_FROM = 4_000;

export function termsWorkerScript(): string | null {
  const script = join(__dirname, 'reviewTermsWorker.js');
  return existsSync(script) ? script : null;
}

function inWorker(script: string, texts: string[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    worker.once('message', (reply: { terms: string[][] } | { error: string }) => {
      void worker.terminate();
      if ('error' in reply) reject(new Error(`Reading claim terms failed: ${reply.error}`));
      else resolve(reply.terms);
    });
    worker.once('error', reject);
    worker.postMessage(texts);
  });
}

export async function claimTermsOf(texts: Iterable<string>, opts: { script?: string | null; workers?: number } = {}): Promise<Map<string, readonly string[]>> {
  const out = new Map<string, readonly string[]>();
  const missing = new Set<string>();
  for (const t of texts) {
    if (out.has(t)) continue;
    const hit = cache.get(t);
    if (hit) out.set(t, hit);
    else missing.add(t);
  }
  const unique = [...missing];
  const script = opts.script === undefined ? termsWorkerScript() : opts.script;
  const workers = Math.max(1, opts.workers ?? Math.min(cpus().length, 4));
  let terms: string[][];
  if (script && unique.length >= THREADED_FROM && workers > 1) {
    const size = Math.ceil(unique.length / workers);
    const parts = await Promise.all(Array.from({ length: workers }, (_, i) => inWorker(script, unique.slice(i * size, (i + 1) * size))));
    terms = parts.flat();
  } else {
    terms = claimTermsBatch(unique);
  }
  unique.forEach((t, i) => {
    out.set(t, terms[i]!);
    cache.set(t, terms[i]!);
  });
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return out;
}
