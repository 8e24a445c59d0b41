import { parentPort } from 'node:worker_threads';
import { suggestAll } from '../../shared/suggest/suggest';
import type { SuggestJob, SuggestReply } from './suggestWorkerPool';

/**
 * The suggestion worker (a Node worker_thread, built to dist/main/suggestWorker.js by
 * scripts/build.mjs): runs the pure suggesters of shared/suggest on one text per message, so the
 * services' event loop keeps answering other operations while a large document or a whole
 * project is being suggested. Pool and protocol: suggestWorkerPool.ts.
 */
parentPort?.on('message', (job: SuggestJob) => {
  let reply: SuggestReply;
  try {
    reply = { id: job.id, suggestions: suggestAll(job.text, job.options) };
  } catch (err) {
    reply = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
