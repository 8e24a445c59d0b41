import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimTermsBatch } from '../../shared/review/claimTerms';
import { ClaimTermsReader } from './reviewTerms';
import { removeTempDirs, tempDir } from './serviceTestKit';

/** The worker bundled as scripts/build.mjs does (dist/ may be stale while the sources are tested). */
let script = '';
let broken = '';
beforeAll(async () => {
  const dir = tempDir('terms-worker-');
  script = join(dir, 'textWorker.js');
  await build({ entryPoints: [join(__dirname, 'textWorker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: script, logLevel: 'warning' });
  // A worker that dies on its first message, as one out of memory would.
  broken = join(dir, 'broken.js');
  writeFileSync(broken, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
}, 60_000);
afterAll(removeTempDirs);

const claims = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag} ${i}: the Syrian army said ${i % 7} fighters were killed as insurgents advanced on Aleppo`);

describe('ClaimTermsReader', () => {
  it('answers the same terms as reading them at once, given a few at a time with repeats', async () => {
    const texts = claims(50, 'in-thread');
    const reader = new ClaimTermsReader({ script: null });
    for (let i = 0; i < texts.length; i += 7) reader.add([...texts.slice(i, i + 7), texts[0]!]);
    const terms = await reader.done();
    const expected = claimTermsBatch(texts);
    expect(terms.size).toBe(texts.length);
    texts.forEach((t, i) => expect(terms.get(t)).toEqual(expected[i]));
  });

  it('reads many texts on workers, started while texts are still coming, with the same terms', async () => {
    const texts = claims(9_000, 'threaded');
    const reader = new ClaimTermsReader({ script, workers: 2 });
    for (let i = 0; i < texts.length; i += 300) reader.add(texts.slice(i, i + 300));
    const terms = await reader.done();
    expect(terms.size).toBe(texts.length);
    const sample = [0, 1, 1_999, 2_000, 4_321, 8_999];
    const expected = claimTermsBatch(sample.map((i) => texts[i]!));
    sample.forEach((i, k) => expect(terms.get(texts[i]!), texts[i]).toEqual(expected[k]));
  }, 120_000);

  it('says so when a worker dies, and leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const reader = new ClaimTermsReader({ script: broken, workers: 2 });
      reader.add(claims(5_000, 'broken'));
      // The workers die while more texts are still being added.
      await vi.waitFor(() => expect(reader.failure?.message).toMatch(/the worker stopped/), { timeout: 30_000, interval: 20 });
      reader.add(claims(2_000, 'broken-later'));
      await expect(reader.done()).rejects.toThrow(/Reading claim terms failed: the worker stopped \(exit code 3\)/);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 60_000);
});
