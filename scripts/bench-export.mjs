// `npm run bench` (after scripts/bench.mjs): export figures. Generates a project of N documents x
// 50 spans, runs `factmark export` (JSONL and CoNLL) as a child process and prints wall time and
// peak RSS, next to the floor (a bare JSON.stringify + write of the same records), and the same
// export at a quarter of the size: exports stream, so peak memory should not grow with the project.
// Prints figures only (no pass/fail).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build as esbuild } from 'esbuild';
import { apiClient } from './bench/api.mjs';
import { startServe } from './bench/server.mjs';
import { quantile } from './bench/stats.mjs';
import { corpusSentences } from './bench/synthetic.mjs';
import { prng } from './bench/prng.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { docs: { type: 'string' }, spans: { type: 'string' }, keep: { type: 'boolean' }, json: { type: 'string' } } });
const RESULTS = resolve(values.json ?? join(repoRoot, 'bench', 'results.json'));
/** Timed openProject calls (the document list ready; the first builds the summary index) and title searches per project size. */
const LIST_RUNS = 6;
const SEARCHES = ['document 12', 'outlet', 'zzz-no-match', '9999'];
const DOCS = Number(values.docs ?? 10_000);
const SPANS = Number(values.spans ?? 50);
const ANNOTATOR = 'bench';
const LABELS = ['claim', 'actor', 'number'];
const T = '2026-01-01T00:00:00.000Z';
const HEAP_CAP_MIB = 96;

/** A project of `docs` news-like documents (~60 sentences each) with `spans` word-aligned spans each, all done. */
function makeProject(dir, docs, spans) {
  const sentences = corpusSentences(join(repoRoot, 'corpus', 'documents'));
  const random = prng(docs);
  writeFileSync(
    join(dir, 'project.json'),
    JSON.stringify({ schemaVersion: 1, name: 'Bench', labels: [
      { id: 'claim', name: 'Claim', color: '#c2410c', hotkeys: ['1'] },
      { id: 'actor', name: 'Actor', color: '#2563eb', hotkeys: ['2'] },
      { id: 'number', name: 'Number', color: '#16a34a', hotkeys: ['3'] },
    ], settings: { snapToWords: true } }, null, 2),
  );
  mkdirSync(join(dir, 'documents'));
  mkdirSync(join(dir, 'annotations', ANNOTATOR), { recursive: true });
  for (let d = 0; d < docs; d++) {
    const id = `doc-${String(d).padStart(5, '0')}`;
    const parts = [];
    for (let i = 0; i < 60; i++) parts.push(sentences[Math.floor(random() * sentences.length)]);
    const text = parts.map((s, i) => s + (i % 5 === 4 ? '\n\n' : ' ')).join('').trimEnd();
    const bytes = Buffer.from(text, 'utf8');
    const sha = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'documents', `${id}.txt`), bytes);
    writeFileSync(join(dir, 'documents', `${id}.json`), JSON.stringify({ schemaVersion: 1, id, title: `Document ${d}`, outlet: `Outlet ${d % 50}`, date: null, source: `${id}.txt`, textSha256: sha, length: text.length, importedAt: T, importNotices: [] }, null, 2));
    const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
    const out = [];
    const seen = new Set();
    for (let s = 0; s < spans; s++) {
      const w = Math.floor(random() * (words.length - 6));
      const len = 1 + Math.floor(random() * 5);
      const start = words[w][0];
      const end = words[w + len - 1][1];
      const label = LABELS[s % 3];
      const key = `${start}:${end}:${label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: `s${s}`, start, end, label, quote: text.slice(start, end), createdAt: T, updatedAt: T });
    }
    out.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1));
    writeFileSync(join(dir, 'annotations', ANNOTATOR, `${id}.json`), JSON.stringify({ schemaVersion: 1, docId: id, textSha256: sha, annotator: ANNOTATOR, status: 'done', spans: out, updatedAt: T }, null, 2));
  }
}

/** Run a node script with the peak-RSS probe; answers seconds and MiB. */
function measure(args, nodeFlags = []) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...nodeFlags, '-r', join(repoRoot, 'scripts/bench/peakRss.cjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, peakMiB: kb / 1024 };
}

const cli = join(repoRoot, 'dist/main/cli.js');
const row = (name, m, file) =>
  console.log(`${name.padEnd(34)} ${m.seconds.toFixed(2).padStart(8)} s   peak RSS ${m.peakMiB.toFixed(0).padStart(5)} MiB${file ? `   ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB written` : ''}`);

/** The renderer's own list filter (renderer/src/stores/documentFilters.ts), bundled to run in Node. */
async function loadFilterDocuments() {
  const out = await esbuild({ entryPoints: [join(repoRoot, 'renderer/src/stores/documentFilters.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.filterDocuments;
}

/** Peak RSS of a running process (Linux VmHWM), MiB; null elsewhere. */
function peakRssMiB(pid) {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * `factmark serve` on the project: openProject over the HTTP API (the app's list is ready when it
 * answers) LIST_RUNS times, then the renderer's title search over the answered list.
 */
async function listAndSearch(project, root) {
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify({ schemaVersion: 1, annotator: ANNOTATOR, recentProjects: [], lastProject: null }, null, 2)}\n`);
  const server = await startServe(repoRoot, { projectDir: project, dataDir });
  try {
    const api = apiClient(server.url);
    const list = [];
    let docs = [];
    for (let i = 0; i < LIST_RUNS; i++) {
      const t0 = performance.now();
      const { value } = await api.call('openProject', { path: project });
      list.push(performance.now() - t0);
      docs = value.documents;
    }
    const filterDocuments = await loadFilterDocuments();
    const search = [];
    for (let i = 0; i < LIST_RUNS; i++) {
      for (const q of SEARCHES) {
        const t0 = performance.now();
        filterDocuments(docs, 'all', q);
        search.push(performance.now() - t0);
      }
    }
    return { documents: docs.length, listMs: list, searchMs: search, servePeakRssMiB: peakRssMiB(server.pid) };
  } finally {
    await server.stop();
  }
}

const figures = [];
const sizes = [Math.max(1, Math.floor(DOCS / 4)), DOCS];
console.log(`\nExport figures (${SPANS} spans per document; node ${process.version}; figures, not tests)`);
for (const docs of sizes) {
  const root = mkdtempSync(join(tmpdir(), 'factmark-bench-export-'));
  try {
    const project = join(root, 'project');
    mkdirSync(project);
    const g0 = Date.now();
    makeProject(project, docs, SPANS);
    console.log(`\n${docs} documents x ${SPANS} spans (generated in ${((Date.now() - g0) / 1000).toFixed(1)} s; ${readdirSync(join(project, 'documents')).length / 2} documents on disk)`);
    const listed = await listAndSearch(project, root);
    const med = (xs) => quantile(xs, 0.5);
    // The first open builds the summary index (.factmark/index/); the others answer from it.
    const warm = listed.listMs.slice(1);
    console.log(`${'open project, first (index built)'.padEnd(34)} ${(listed.listMs[0] / 1000).toFixed(2).padStart(8)} s`);
    console.log(`${'open project, list ready (HTTP API)'.padEnd(34)} ${(med(warm) / 1000).toFixed(2).padStart(8)} s   median of ${warm.length} with the index (min ${(Math.min(...warm) / 1000).toFixed(2)}, max ${(Math.max(...warm) / 1000).toFixed(2)}); serve peak RSS ${listed.servePeakRssMiB?.toFixed(0) ?? '-'} MiB`);
    console.log(`${'title search (renderer filter)'.padEnd(34)} ${med(listed.searchMs).toFixed(2).padStart(8)} ms  median of ${listed.searchMs.length}, max ${Math.max(...listed.searchMs).toFixed(2)} ms over ${listed.documents} documents`);
    const floor = join(root, 'floor.jsonl');
    const floorRun = measure([join(repoRoot, 'scripts/bench/exportFloor.mjs'), project, ANNOTATOR, floor]);
    row('floor: JSON.stringify + write', floorRun, floor);
    const jsonl = join(root, 'out.jsonl');
    const jsonlRun = measure([cli, 'export', '--annotator', ANNOTATOR, '--out', jsonl, project]);
    row('factmark export --format jsonl', jsonlRun, jsonl);
    console.log(`${'  jsonl export / floor'.padEnd(34)} ${(jsonlRun.seconds / floorRun.seconds).toFixed(2).padStart(8)} ×`);
    figures.push({ documents: docs, spansPerDocument: SPANS, ...listed, listColdMs: listed.listMs[0], listWarmMedianMs: med(warm), exportFloor: floorRun, exportJsonl: jsonlRun, exportRatio: jsonlRun.seconds / floorRun.seconds });
    const conll = join(root, 'out.conll');
    row('factmark export --format conll', measure([cli, 'export', '--format', 'conll', '--annotator', ANNOTATOR, '--out', conll, project]), conll);
    // Streaming, shown rather than inferred from RSS (V8 grows its heap lazily when allowed to):
    // the same exports with the JavaScript heap capped at a size far below the data written.
    const capped = join(root, 'capped.jsonl');
    row(`  same, heap capped at ${HEAP_CAP_MIB} MiB (jsonl)`, measure([cli, 'export', '--annotator', ANNOTATOR, '--out', capped, project], [`--max-old-space-size=${HEAP_CAP_MIB}`]), capped);
    const cappedConll = join(root, 'capped.conll');
    row(`  same, heap capped at ${HEAP_CAP_MIB} MiB (conll)`, measure([cli, 'export', '--format', 'conll', '--annotator', ANNOTATOR, '--out', cappedConll, project], [`--max-old-space-size=${HEAP_CAP_MIB}`]), cappedConll);
  } finally {
    if (values.keep) console.log(`kept: ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

mkdirSync(dirname(RESULTS), { recursive: true });
const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
const node = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU', projects: figures };
writeFileSync(RESULTS, `${JSON.stringify({ ...previous, node }, null, 2)}\n`);
console.log(`\nwrote ${RESULTS}`);
