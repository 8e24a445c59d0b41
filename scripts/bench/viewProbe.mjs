// Dev probe (not part of `npm run bench`): fully-rendered times of the floor and Factmark only,
// with the article build measures, for profiling. node scripts/bench/viewProbe.mjs [runs] [--no-build]
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { CHROMIUM_PATH } from './browser.mjs';
import { corpusSentences } from './synthetic.mjs';
import { viewBenchInput } from './viewInput.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(process.argv[2] ?? 3);
const outDir = join(repoRoot, 'dist', 'bench-view');
if (!process.argv.includes('--no-build')) await viteBuild({ configFile: join(repoRoot, 'vite.bench-view.config.ts'), logLevel: 'error', build: process.env.PROFILE ? { minify: false } : {} });
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
  if (!path.startsWith(outDir) || !existsSync(path)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/index.html`;
const input = viewBenchInput(corpusSentences(join(repoRoot, 'corpus', 'documents')));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const kinds = (process.env.KINDS ?? 'floor,factmark').split(',');
for (let r = 0; r < runs; r++) {
  for (const kind of kinds) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url + (process.env.QUERY ?? ''));
    await page.waitForFunction(() => 'benchView' in window);
    const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const f = await page.evaluate(({ kind, input }) => window.benchView.run(kind, input), { kind, input });
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      (await import('node:fs')).writeFileSync(`/tmp/viewprof-${kind}-${r}.cpuprofile`, JSON.stringify(profile));
    }
    const builds = await page.evaluate(() => performance.getEntriesByName('factmark:article-build').slice(0, 3).map((m) => `${m.duration.toFixed(0)}(${m.detail?.blocks})`));
    console.log(kind.padEnd(9), 'first', f.firstPaint.toFixed(0), 'full', f.fullyRendered.toFixed(0), 'add', (f.addWork.sort((a, b) => a - b)[25] ?? 0).toFixed(1), 'builds', builds.join(' '), 'scroll', f.scrollFrames.length, 'slow', f.scrollFrames.filter((d) => d > 17).length);
    await context.close();
  }
}
await browser.close();
server.close();
