#!/usr/bin/env node
// Suggestion time (part of `npm run bench`; run after `npm run build`). Prints figures, asserts nothing.
//  1. In the app's services (`factmark serve`, HTTP API): getSuggestions per sample article, the first
//     call (the worker thread starts and loads its model) and warm calls; and how long another
//     operation (getProject) takes to answer while a 1 MiB article is being suggested in the worker.
//  3. getSuggestions on one article of a project of 10,000 documents × 50 spans: the project gazetteer
//     (every actor tagged anywhere) is read for each document opened, so this is what a large project
//     adds to opening a document.
//  2. `factmark suggest` over a generated project of N articles (default 10,000) made of the sample
//     corpus's texts, each with a numbered line so no two are the same.
//  4. Under load: 1. again with the CPUs saturated by busy loops (BENCH_LOAD_PROCS, default 5; on 2
//     cores that is a load average of 6 or more): how long `serve` takes to start, the first
//     getSuggestions (worker start + model load) and warm calls, as an annotator on a busy machine
//     (and the e2e suite under load) sees them. The loops are stopped right after.
// Usage: node scripts/bench-suggest.mjs [N]   (BENCH_ONLY=loaded: only 1. and 4.)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { apiClient } from './bench/api.mjs';
import { makeWorkspace, startServe } from './bench/server.mjs';
import { addSyntheticDocument, corpusSentences, newsLikeText } from './bench/synthetic.mjs';
import { startCpuLoad } from './lib/cpuLoad.mjs';

const n = Number(process.argv[2] ?? 10000);
const WARM_RUNS = 5;
const here = new URL('..', import.meta.url).pathname;
const corpusDocs = join(here, 'corpus', 'documents');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function benchServices() {
  const workspace = makeWorkspace(here, 'suggest');
  try {
    const big = newsLikeText(corpusSentences(corpusDocs), 1 << 20, 7);
    addSyntheticDocument(workspace.projectDir, { id: 'synthetic-1mb', title: 'Synthetic article, 1 MiB', text: big, spans: 0, annotator: 'bench' });
    const server = await startServe(here, workspace);
    try {
      const api = apiClient(server.url);
      await api.call('getSession', {});
      const ids = readdirSync(corpusDocs).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
      console.log('1. getSuggestions through `factmark serve` (request -> parsed answer), per sample article');
      const first = await timed(() => api.call('getSuggestions', { docId: ids[0] }));
      console.log(`   first call of the process (${ids[0]}; worker start + model load included): ${ms(first.ms)}`);
      for (const docId of ids) {
        const chars = readFileSync(join(corpusDocs, `${docId}.txt`), 'utf8').length;
        const runs = [];
        let count = 0;
        for (let i = 0; i < WARM_RUNS; i++) {
          const r = await timed(() => api.call('getSuggestions', { docId }));
          runs.push(r.ms);
          count = r.value.value.suggestions.length;
        }
        console.log(`   ${docId} (${chars} chars, ${count} suggestions): median ${ms(median(runs))}, max ${ms(Math.max(...runs))} over ${WARM_RUNS} calls`);
      }
      // Another operation while the worker suggests on 1 MiB: it is answered meanwhile.
      const suggesting = timed(() => api.call('getSuggestions', { docId: 'synthetic-1mb' }));
      await new Promise((r) => setTimeout(r, 50));
      const other = [];
      for (let i = 0; i < 5; i++) other.push((await timed(() => api.call('getProject', {}))).ms);
      const done = await suggesting;
      console.log(`   synthetic 1 MiB article (${big.length} chars, ${done.value.value.suggestions.length} suggestions): ${ms(done.ms)}`);
      console.log(`   getProject while it was being suggested: median ${ms(median(other))}, max ${ms(Math.max(...other))} over ${other.length} calls`);
    } finally {
      await server.stop();
    }
  } finally {
    workspace.remove();
  }
}

async function benchLargeProject() {
  const workspace = makeWorkspace(here, 'suggest-large');
  try {
    const sentences = corpusSentences(corpusDocs);
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const text = newsLikeText(sentences, 3_500, i + 1);
      addSyntheticDocument(workspace.projectDir, { id: `large_${String(i).padStart(5, '0')}`, title: `Generated ${i}`, text, spans: 50, annotator: 'bench' });
    }
    const made = ((performance.now() - t0) / 1000).toFixed(1);
    const server = await startServe(here, workspace);
    try {
      const api = apiClient(server.url);
      await api.call('getSession', {});
      await api.call('getProject', {});
      const docId = readdirSync(corpusDocs).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort()[0];
      const first = await timed(() => api.call('getSuggestions', { docId }));
      const runs = [];
      for (let i = 0; i < WARM_RUNS; i++) runs.push((await timed(() => api.call('getSuggestions', { docId }))).ms);
      console.log(`3. getSuggestions in a project of 10,000 generated documents × 50 spans (made in ${made} s), ${docId}`);
      console.log(`   first call (gazetteer read from every annotation file, worker start): ${ms(first.ms)}`);
      console.log(`   later calls: median ${ms(median(runs))}, max ${ms(Math.max(...runs))} over ${WARM_RUNS} calls`);
    } finally {
      await server.stop();
    }
  } finally {
    workspace.remove();
  }
}

function benchCli() {
  const dir = mkdtempSync(join(tmpdir(), 'factmark-bench-suggest-'));
  try {
    cpSync(join(here, 'corpus', 'project.json'), join(dir, 'project.json'));
    const texts = readdirSync(corpusDocs).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(corpusDocs, f), 'utf8'));
    mkdirSync(join(dir, 'documents'));
    for (let i = 0; i < n; i++) writeFileSync(join(dir, 'documents', `bench_${String(i).padStart(5, '0')}.txt`), `${texts[i % texts.length]}\n\nUpdate ${i}: officials said at least ${i} people were reported.\n`);
    const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
    const started = Date.now();
    const run = spawnSync(process.execPath, [join(here, 'bin', 'factmark.js'), 'suggest', '--annotator', 'bench', '--json', dir], { encoding: 'utf8' });
    const seconds = (Date.now() - started) / 1000;
    if (run.status !== 0) throw new Error(run.stderr);
    const result = JSON.parse(run.stdout);
    console.log(`2. factmark suggest: ${n} articles (~${Math.round(chars)} characters each), ${result.workerThreads} worker thread(s)`);
    console.log(`   ${seconds.toFixed(1)} s in all, process start included (${((seconds * 1000) / n).toFixed(1)} ms per article); ${result.seconds.toFixed(1)} s inside the command`);
    console.log(`   suggestions: ${JSON.stringify(result.suggestions)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchUnderLoad() {
  const procs = Number(process.env.BENCH_LOAD_PROCS ?? 5);
  const workspace = makeWorkspace(here, 'suggest-loaded');
  const load = startCpuLoad(procs, { maxSeconds: 600 });
  const loads = [];
  const sample = setInterval(() => loads.push(loadavg()[0]), 2_000);
  try {
    // Let the loops take the CPUs before anything is timed.
    await new Promise((r) => setTimeout(r, 3_000));
    const started = await timed(() => startServe(here, workspace));
    const server = started.value;
    try {
      const api = apiClient(server.url);
      await api.call('getSession', {});
      const ids = readdirSync(corpusDocs).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
      const first = await timed(() => api.call('getSuggestions', { docId: ids[0] }));
      const warm = [];
      for (const docId of ids) for (let i = 0; i < WARM_RUNS; i++) warm.push((await timed(() => api.call('getSuggestions', { docId }))).ms);
      const avg = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : loadavg()[0];
      console.log(`4. Under load: ${procs} busy loops on ${availableParallelism()} cores (1-minute load average ${avg.toFixed(1)} on average, ${Math.max(...loads, avg).toFixed(1)} at most)`);
      console.log(`   factmark serve started (address printed) in ${ms(started.ms)}`);
      console.log(`   first getSuggestions (${ids[0]}; worker start + model load included): ${ms(first.ms)}`);
      console.log(`   warm getSuggestions over the ${ids.length} sample articles: median ${ms(median(warm))}, max ${ms(Math.max(...warm))} over ${warm.length} calls`);
    } finally {
      await server.stop();
    }
  } finally {
    clearInterval(sample);
    await load.stop();
    workspace.remove();
  }
}

const only = process.env.BENCH_ONLY;
await benchServices();
if (only !== 'cli' && only !== 'loaded') await benchLargeProject();
if (only !== 'large' && only !== 'loaded') benchCli();
if (only === undefined || only === 'loaded') await benchUnderLoad();
