import type { TokenRange } from '../../shared/agreement/types';
import { tokenize } from '../../shared/text/tokenize';
import { ParallelTexts } from './textWorkers';

/**
 * Token layers (shared/text/tokenize.ts) of the documents' texts: on worker threads past a
 * million characters (textWorkers.ts: both cores, while the files are still being read), in this
 * thread below that. 1,000 documents of 8,700 characters took 2.6 s of one core to tokenize.
 */
export function tokenLayerReader(opts: { script?: string | null; workers?: number; threadedFrom?: number } = {}): ParallelTexts<TokenRange[]> {
  return new ParallelTexts<TokenRange[]>({
    task: 'tokens',
    what: 'Tokenizing the documents',
    inThread: (texts) => texts.map((t) => tokenize(t)),
    fromWorker: (output) => (output as Int32Array[]).map(unpackTokens),
    weigh: (text) => text.length,
    threadedFrom: 1_000_000,
    chunk: 250_000,
    ...opts,
  });
}

/** start, end, start, end, ... (textWorker.ts) as token ranges. */
function unpackTokens(packed: Int32Array): TokenRange[] {
  const out: TokenRange[] = new Array(packed.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = { start: packed[2 * i]!, end: packed[2 * i + 1]! };
  return out;
}
