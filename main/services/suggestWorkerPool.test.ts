import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { suggestAll } from '../../shared/suggest/suggest';
import { CORPUS_DIR, importText, projectWithAnnotator, removeTempDirs, tempDir, unwrap } from './serviceTestKit';
import { createSuggestPool, type SuggestPool } from './suggestWorkerPool';

/** The worker bundled as scripts/build.mjs does (dist/ may be stale while the sources are tested). */
let script: string;
beforeAll(async () => {
  const out = join(tempDir('factmark-worker-'), 'suggestWorker.js');
  await build({ entryPoints: [join(__dirname, 'suggestWorker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: out, logLevel: 'warning' });
  script = out;
}, 60_000);
afterAll(removeTempDirs);

const article = readFileSync(join(CORPUS_DIR, 'documents', '002_ee4df2b2a6fab1ba.txt'), 'utf8');

describe('createSuggestPool', () => {
  let pool: SuggestPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('answers what suggestAll answers, from worker threads, jobs queued beyond the pool size', async () => {
    pool = createSuggestPool({ script, size: 2 });
    expect(pool.threaded).toBe(true);
    const texts = [article, 'Russia sent 40 jets, the ministry said.', article.slice(0, 500)];
    const answers = await Promise.all(texts.map((t) => pool!.suggest(t, { known: ['Reuters'] })));
    answers.forEach((a, i) => expect(a).toEqual(suggestAll(texts[i]!, { known: ['Reuters'] })));
    expect(pool.pending()).toBe(0);
  });

  it('fails the jobs of a closed pool with a sentence', async () => {
    pool = createSuggestPool({ script });
    const job = expect(pool.suggest(article, {})).rejects.toThrow('The suggestion workers were closed.');
    await pool.close();
    await job;
    await expect(pool.suggest('x', {})).rejects.toThrow('closed');
  });

  it('computes in the calling thread when there is no worker script (running from source)', async () => {
    pool = createSuggestPool({ script: null });
    expect(pool.threaded).toBe(false);
    expect(await pool.suggest('72 hours', {})).toEqual(suggestAll('72 hours', {}));
  });
});

describe('the services while a large document is being suggested', () => {
  it('answer other operations before the suggestions of a large document are ready', async () => {
    const real = createSuggestPool({ script });
    let started!: () => void;
    const computing = new Promise<void>((r) => (started = r));
    const pool: SuggestPool = { ...real, threaded: true, suggest: (text, options) => (started(), real.suggest(text, options)) };
    const { service } = await projectWithAnnotator({ suggestPool: pool });
    // A long document (~170 copies of a sample article): its suggestions take a while to compute.
    const big = Array.from({ length: 170 }, (_, i) => `Part ${i + 1}.\n\n${article}`).join('\n\n');
    const docId = await importText(service, 'big.txt', big);
    const order: string[] = [];
    const suggesting = service.getSuggestions({ docId }).then((r) => {
      order.push('getSuggestions');
      return r;
    });
    await computing;
    // Asked after the suggesters started: answered first, as the event loop is free.
    unwrap(await service.getDocument({ docId }));
    order.push('getDocument');
    unwrap(await service.getProject({}));
    order.push('getProject');
    const { suggestions } = unwrap(await suggesting);
    expect(order).toEqual(['getDocument', 'getProject', 'getSuggestions']);
    expect(suggestions.length).toBeGreaterThan(1000);
    await real.close();
  }, 120_000);
});
