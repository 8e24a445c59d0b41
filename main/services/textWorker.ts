import { parentPort } from 'node:worker_threads';
import { claimTermsBatch } from '../../shared/review/claimTerms';
import { tokenize } from '../../shared/text/tokenize';
import type { TextTask } from './textWorkers';

/**
 * A wink-nlp worker thread (built to dist/main/textWorker.js by scripts/build.mjs), so that reading
 * many texts uses every core: the terms of claims for a large review (reviewTerms.ts), the token
 * layer of documents for agreement (agreementService.ts). Each pipeline is loaded on first use.
 * Protocol (textWorkers.ts): { id, task, texts } in; { id, output } or { id, error } out, one per
 * message. Token layers travel as one Int32Array per text (start, end, start, end, ...).
 */
function run(task: TextTask, texts: string[]): { output: unknown; transfer: ArrayBuffer[] } {
  if (task === 'claimTerms') return { output: claimTermsBatch(texts), transfer: [] };
  const packed = texts.map((text) => {
    const tokens = tokenize(text);
    const out = new Int32Array(tokens.length * 2);
    tokens.forEach((t, i) => {
      out[2 * i] = t.start;
      out[2 * i + 1] = t.end;
    });
    return out;
  });
  return { output: packed, transfer: packed.map((p) => p.buffer as ArrayBuffer) };
}

parentPort?.on('message', ({ id, task, texts }: { id: number; task: TextTask; texts: string[] }) => {
  try {
    const { output, transfer } = run(task, texts);
    parentPort?.postMessage({ id, output }, transfer);
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
