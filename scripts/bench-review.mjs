#!/usr/bin/env node
// Claim review time (part of `npm run bench`; run after `npm run build`). Prints figures, asserts nothing.
// 1. The 200-document benchmark: 40 copies of test-fixtures/review-sample (each copy under new
//    document ids and outlet names, 75 claims a copy): `factmark review` scoring the candidate pairs
//    and `factmark review --all-pairs` scoring every pair, and whether their clusters are the same.
// 2. A synthetic newsroom corpus (scripts/bench/newsroom.mjs) of 1,840, 20,000 and 200,000 claims
//    (10 claims a document): `factmark review`, wall and CPU time and peak memory, process start and
//    writing review.html/.json/.csv included; at 1,840 claims also --all-pairs and the comparison;
//    and for each, the pairwise precision and recall of its clusters against the events the
//    generator made (a pair of claims in one cluster is right when both report one event).
// Usage: node scripts/bench-review.mjs [--claims 1840,20000,200000] [--copies 40] [--keep]
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeNewsroomProject } from './bench/newsroom.mjs';

const here = new URL('..', import.meta.url).pathname;
const fixture = join(here, 'test-fixtures', 'review-sample');
const { values } = parseArgs({ options: { claims: { type: 'string' }, copies: { type: 'string' }, keep: { type: 'boolean' } } });
const sizes = (values.claims ?? '1840,20000,200000').split(',').map(Number);
const copies = Number(values.copies ?? 40);
const root = mkdtempSync(join(tmpdir(), 'factmark-bench-review-'));
const cli = join(here, 'dist', 'main', 'cli.js');
const CPU_PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('CPU_MS='+((u.userCPUTime+u.systemCPUTime)/1000)+'\\n')})`;

function sampleCopies(k) {
  const dir = join(root, `copies-${k}`);
  mkdirSync(join(dir, 'documents'), { recursive: true });
  mkdirSync(join(dir, 'annotations', 'reviewer'), { recursive: true });
  copyFileSync(join(fixture, 'project.json'), join(dir, 'project.json'));
  copyFileSync(join(fixture, 'entities.json'), join(dir, 'entities.json'));
  const ids = readdirSync(join(fixture, 'documents')).filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -4));
  for (let c = 0; c < k; c++) {
    for (const id of ids) {
      const copy = `${id}-c${c}`;
      cpSync(join(fixture, 'documents', `${id}.txt`), join(dir, 'documents', `${copy}.txt`));
      const meta = JSON.parse(readFileSync(join(fixture, 'documents', `${id}.json`), 'utf8'));
      writeFileSync(join(dir, 'documents', `${copy}.json`), JSON.stringify({ ...meta, id: copy, outlet: meta.outlet && `${meta.outlet} ${c}` }));
      const ann = JSON.parse(readFileSync(join(fixture, 'annotations', 'reviewer', `${id}.json`), 'utf8'));
      writeFileSync(join(dir, 'annotations', 'reviewer', `${copy}.json`), JSON.stringify({ ...ann, docId: copy }));
    }
  }
  return dir;
}

/** `factmark review` on a project: seconds, CPU seconds, peak MiB, its JSON summary and its clusters (claim keys). */
function review(dir, extra = []) {
  const out = join(dir, `out${extra.join('')}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(here, 'scripts/bench/peakRss.cjs'), '--import', CPU_PROBE, cli, 'review', '--json', '--out', out, ...extra, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`factmark review failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const peakMiB = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const cpuSeconds = Number(/CPU_MS=([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  const summary = JSON.parse(r.stdout);
  const clusters = JSON.parse(readFileSync(join(out, 'review.json'), 'utf8')).clusters.map((c) => c.claims.map((m) => m.key).join(' '));
  rmSync(out, { recursive: true, force: true });
  return { seconds, cpuSeconds, peakMiB, summary, clusters };
}

/** Pairwise precision and recall of clusters (claim keys) against the generator's events (truth: key -> event). */
function againstEvents(clusters, truth) {
  const sizes = new Map();
  for (const e of Object.values(truth)) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let truePairs = 0;
  for (const c of sizes.values()) truePairs += (c * (c - 1)) / 2;
  let joined = 0;
  let right = 0;
  for (const line of clusters) {
    const byEvent = new Map();
    const keys = line.split(' ');
    for (const k of keys) byEvent.set(truth[k], (byEvent.get(truth[k]) ?? 0) + 1);
    joined += (keys.length * (keys.length - 1)) / 2;
    for (const c of byEvent.values()) right += (c * (c - 1)) / 2;
  }
  return `${(right / joined).toFixed(3)} / ${(right / truePairs).toFixed(3)}`;
}

const sameClusters = (a, b) => JSON.stringify([...a.clusters].sort()) === JSON.stringify([...b.clusters].sort());
const row = (cells) => `| ${cells.join(' | ')} |`;
const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, runs: [] };

console.log(`\nClaim review figures (node ${process.version}, ${cpus().length} CPUs; figures, not tests; process start and writing the review set included)`);
console.log(row(['project', 'documents', 'claims', 'clusters', 'across outlets', 'pairing', 'seconds', 'CPU s', 'peak MiB', 'same clusters as all pairs', 'pair precision / recall vs events']));
console.log(row(['---', '---:', '---:', '---:', '---:', '---', '---:', '---:', '---:', '---', '---']));
try {
  const print = (name, docs, run, pairing, same, truth) => {
    const quality = truth ? againstEvents(run.clusters, truth) : '—';
    console.log(row([name, docs, run.summary.claims, run.summary.clusters, run.summary.multiOutlet, pairing, run.seconds.toFixed(2), run.cpuSeconds.toFixed(2), run.peakMiB.toFixed(0), same, quality]));
    results.runs.push({ project: name, documents: docs, claims: run.summary.claims, clusters: run.summary.clusters, pairing, seconds: run.seconds, cpuSeconds: run.cpuSeconds, peakMiB: run.peakMiB, sameAsAllPairs: same, precisionRecallVsEvents: quality });
  };
  if (copies > 0) {
    const dir = sampleCopies(copies);
    const fast = review(dir);
    const all = review(dir, ['--all-pairs']);
    const same = sameClusters(fast, all) ? 'yes' : 'NO';
    print(`review sample × ${copies}`, copies * 5, fast, 'candidates', same);
    print(`review sample × ${copies}`, copies * 5, all, 'all pairs', '—');
  }
  const projectJson = readFileSync(join(fixture, 'project.json'), 'utf8');
  for (const n of sizes) {
    const dir = join(root, `newsroom-${n}`);
    const g0 = Date.now();
    const made = writeNewsroomProject(dir, n, { corpusDocs: join(here, 'corpus', 'documents'), projectJson });
    const generated = (Date.now() - g0) / 1000;
    const fast = review(dir);
    let same = 'not checked';
    if (n <= 5000) {
      const all = review(dir, ['--all-pairs']);
      same = sameClusters(fast, all) ? 'yes' : 'NO';
      print(`newsroom ${n.toLocaleString('en-US')}`, made.documents, fast, 'candidates', same, made.truth);
      print(`newsroom ${n.toLocaleString('en-US')}`, made.documents, all, 'all pairs', '—', made.truth);
    } else print(`newsroom ${n.toLocaleString('en-US')}`, made.documents, fast, 'candidates', same, made.truth);
    if (generated > 5) console.log(`  (generated ${made.claims.toLocaleString('en-US')} claims of ${made.events.toLocaleString('en-US')} events in ${generated.toFixed(1)} s)`);
    rmSync(dir, { recursive: true, force: true });
  }
  const file = join(here, 'bench', 'results.json');
  mkdirSync(dirname(file), { recursive: true });
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, review: results }, null, 2)}\n`);
} finally {
  if (values.keep) console.log(`kept: ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
