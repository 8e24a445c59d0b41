import { parentPort } from 'node:worker_threads';
import { claimTermsBatch } from '../../shared/review/claimTerms';

/**
 * A claim-terms worker (built to dist/main/reviewTermsWorker.js by scripts/build.mjs): reads the
 * terms of the claim texts it is sent with wink-nlp, so a large review uses both cores.
 * Protocol (reviewTerms.ts): { id, texts } in; { id, terms } or { id, error } out, one per message.
 */
parentPort?.on('message', ({ id, texts }: { id: number; texts: string[] }) => {
  try {
    parentPort?.postMessage({ id, terms: claimTermsBatch(texts) });
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
