import { parentPort } from 'node:worker_threads';
import { SuggestEngine } from './suggestEngine';
import type { WorkerJob, WorkerReply } from './suggestWorkerPool';

/**
 * The suggestion worker (a Node worker_thread, built to dist/main/suggestWorker.js by
 * scripts/build.mjs): holds the shipped model and each project's learning (suggestEngine.ts), runs
 * the suggesters of shared/suggest on one text per message and learns the annotator's decisions,
 * so the services' event loop keeps answering other operations meanwhile. Pool and protocol:
 * suggestWorkerPool.ts.
 */
const engine = new SuggestEngine();

parentPort?.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  try {
    if (job.kind === 'learn') reply = { id: job.id, learned: engine.learn(job.project, job.docId, job.examples) };
    else reply = { id: job.id, suggestions: engine.suggest(job.text, job.options, job.project ?? null) };
  } catch (err) {
    reply = { id: job.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
