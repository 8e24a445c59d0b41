import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../../shared/text/tokenize';
import { CORPUS_DIR, removeTempDirs, tempDir } from './serviceTestKit';
import { tokenLayerReader } from './tokenLayers';

/** The worker bundled as scripts/build.mjs does (dist/ may be stale while the sources are tested). */
let script = '';
beforeAll(async () => {
  script = join(tempDir('text-worker-'), 'textWorker.js');
  await build({ entryPoints: [join(__dirname, 'textWorker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: script, logLevel: 'warning' });
}, 60_000);
afterAll(removeTempDirs);

const articles = readdirSync(join(CORPUS_DIR, 'documents'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(CORPUS_DIR, 'documents', f), 'utf8'));
const texts = [...articles, 'قال الرئيس بشار الأسد، 4名平民死亡，72小时内', 'Fans 👍🏽 🇫🇷🇩🇪 e\u0301clair', '', ...articles.map((a) => a.slice(0, 300))];
const ranges = (text: string) => tokenize(text).map(({ start, end }) => ({ start, end }));

describe('token layers of many documents', () => {
  it('are the tokenizer’s tokens, in the order the texts were added, on workers', async () => {
    const reader = tokenLayerReader({ script, workers: 2, threadedFrom: 1 });
    texts.forEach((t, i) => expect(reader.add(t)).toBe(i));
    const layers = await reader.done();
    expect(layers).toHaveLength(texts.length);
    texts.forEach((t, i) => expect(layers[i], `text ${i}`).toEqual(ranges(t)));
  }, 60_000);

  it('and in this thread, for few characters', async () => {
    const reader = tokenLayerReader({ script });
    for (const t of texts) reader.add(t);
    const layers = await reader.done();
    texts.forEach((t, i) => expect(layers[i]!.map(({ start, end }) => ({ start, end }))).toEqual(ranges(t)));
  });
});
