// `npm run bench` (component level): the app's real ArticleView next to two references on the same
// seeded article (~200,000 characters, 5,000 spans): the floor (plain React <mark> elements from
// the same segments, no editor) and a peer (@recogito/text-annotator). Builds the bench page
// (renderer/bench-view, into dist/bench-view; not part of the app), serves it on loopback, drives
// it with Debian's Chromium through playwright-core, prints a table with ratios and merges the
// figures into bench/results.json (--json FILE to write elsewhere). Figures only, no pass/fail.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build as viteBuild } from 'vite';
import { CHROMIUM_PATH } from './bench/browser.mjs';
import { quantile } from './bench/stats.mjs';
import { corpusSentences } from './bench/synthetic.mjs';
import { viewBenchInput } from './bench/viewInput.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string' }, json: { type: 'string' } } });
const RUNS = Number(values.runs ?? 5);
const RESULTS = resolve(values.json ?? join(repoRoot, 'bench', 'results.json'));
const KINDS = ['floor', 'factmark', 'recogito'];
/** A frame "over 16 ms": a rAF interval longer than one 60 Hz frame plus timer jitter. */
const SLOW_FRAME_MS = 17;

const outDir = join(repoRoot, 'dist', 'bench-view');
await viteBuild({ configFile: join(repoRoot, 'vite.bench-view.config.ts'), logLevel: 'error' });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
const server = createServer((req, res) => {
  const path = join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
  if (!path.startsWith(outDir) || !existsSync(path)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/index.html`;

const input = viewBenchInput(corpusSentences(join(repoRoot, 'corpus', 'documents')));
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

const runs = Object.fromEntries(KINDS.map((k) => [k, []]));
try {
  for (let r = 0; r < RUNS; r++) {
    for (const kind of KINDS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => 'benchView' in window);
      const f = await page.evaluate(({ kind, input }) => window.benchView.run(kind, input), { kind, input });
      runs[kind].push({
        firstPaint: f.firstPaint,
        fullyRendered: f.fullyRendered,
        addMedian: quantile(f.addWork, 0.5),
        addP95: quantile(f.addWork, 0.95),
        addPaintedMedian: quantile(f.addPainted, 0.5),
        relabelMedian: quantile(f.relabelWork, 0.5),
        deleteMedian: quantile(f.deleteWork, 0.5),
        scrollFrames: f.scrollFrames.length,
        slowFrames: f.scrollFrames.filter((d) => d > SLOW_FRAME_MS).length,
        heapMiB: f.heapBytes === null ? null : f.heapBytes / 2 ** 20,
        charsShown: f.charsShown,
      });
      await context.close();
      process.stderr.write(`run ${r + 1}/${RUNS} ${kind}: fully rendered ${f.fullyRendered.toFixed(0)} ms\n`);
    }
  }
} finally {
  await browser.close();
  server.close();
}

const METRICS = [
  ['firstPaint', 'first paint', 'ms'],
  ['fullyRendered', 'fully rendered', 'ms'],
  ['addMedian', 'add a span: median of 50 (work)', 'ms'],
  ['addP95', 'add a span: p95 of 50 (work)', 'ms'],
  ['addPaintedMedian', 'add a span: median to next paint', 'ms'],
  ['relabelMedian', 'relabel: median of 20 (work)', 'ms'],
  ['deleteMedian', 'delete: median of 20 (work)', 'ms'],
  ['slowFrames', `scroll top→bottom: frames > ${SLOW_FRAME_MS} ms`, 'frames'],
  ['scrollFrames', 'scroll top→bottom: frames', 'frames'],
  ['heapMiB', 'JS heap after render', 'MiB'],
  ['charsShown', 'characters drawn', 'chars'],
];
const summary = {};
for (const kind of KINDS) {
  summary[kind] = {};
  for (const [key] of METRICS) {
    const xs = runs[kind].map((r) => r[key]).filter((x) => typeof x === 'number');
    summary[kind][key] = { median: quantile(xs, 0.5), min: Math.min(...xs), max: Math.max(...xs) };
  }
}
const ratio = (a, b) => (a && b ? a / b : null);
const fmt = (v, unit) => (v === null || v === undefined || !Number.isFinite(v) ? '-' : unit === 'ms' ? v.toFixed(1) : unit === 'MiB' ? v.toFixed(0) : Math.round(v).toLocaleString('en-US'));
const cell = (s, unit) => `${fmt(s.median, unit)} (${fmt(s.min, unit)}–${fmt(s.max, unit)})`;
const rows = METRICS.map(([key, name, unit]) => {
  const fm = summary.factmark[key].median;
  const vsFloor = ratio(fm, summary.floor[key].median);
  const peerVs = ratio(summary.recogito[key].median, fm);
  return [`${name} [${unit}]`, cell(summary.floor[key], unit), cell(summary.factmark[key], unit), cell(summary.recogito[key], unit), vsFloor === null ? '-' : `${vsFloor.toFixed(2)}×`, peerVs === null ? '-' : `${peerVs.toFixed(2)}×`];
});
const header = ['metric', 'floor <mark>', 'Factmark', 'Recogito 4.1.1', 'Factmark/floor', 'Recogito/Factmark'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;

const machine = {
  date: new Date().toISOString(),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium: browser.version(),
};
const versions = Object.fromEntries(
  ['react', 'lexical', '@recogito/text-annotator', 'playwright-core'].map((p) => [p, JSON.parse(readFileSync(join(repoRoot, 'node_modules', p, 'package.json'), 'utf8')).version]),
);
console.log(`\nArticle view bench, ${machine.date}; ${machine.os}, ${machine.cpus} × ${machine.cpuModel}; node ${machine.node}, Chromium ${machine.chromium}`);
console.log(`Article: ${input.counts.chars.toLocaleString('en-US')} characters, ${input.counts.paragraphs} paragraphs, ${input.counts.spans} spans (${input.counts.nested} nested, ${input.counts.crossing} crossing a paragraph). Medians of ${RUNS} fresh loads (min–max).`);
console.log('work = the update call plus a forced style/layout; "to next paint" adds the wait for the next frame.\n');
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));

mkdirSync(dirname(RESULTS), { recursive: true });
const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
const view = { machine, versions, input: input.counts, runs: RUNS, slowFrameMs: SLOW_FRAME_MS, summary, samples: runs };
writeFileSync(RESULTS, `${JSON.stringify({ ...previous, view }, null, 2)}\n`);
console.log(`\nwrote ${RESULTS}`);
