#!/usr/bin/env node
// Claim review time (part of `npm run bench`; run after `npm run build`). Prints figures, asserts nothing.
// `factmark review` over projects made of K copies of test-fixtures/review-sample (5 documents, 75
// claims each copy, every copy under new document ids), so claims, pairs and clusters grow with K.
// Usage: node scripts/bench-review.mjs [K,K,...]   (default 1,10,40)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const here = new URL('..', import.meta.url).pathname;
const fixture = join(here, 'test-fixtures', 'review-sample');
const copies = (process.argv[2] ?? '1,10,40').split(',').map(Number);
const root = mkdtempSync(join(tmpdir(), 'factmark-bench-review-'));

function project(k) {
  const dir = join(root, `p${k}`);
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

console.log('factmark review (CLI, wall time including start-up and writing review.html/.json/.csv)');
console.log('| copies | documents | claims | clusters | seconds |');
console.log('|---:|---:|---:|---:|---:|');
try {
  for (const k of copies) {
    const dir = project(k);
    const t0 = performance.now();
    const run = spawnSync(process.execPath, [join(here, 'bin', 'factmark.js'), 'review', '--json', '--out', join(dir, 'out'), dir], { encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    if (run.status !== 0) throw new Error(`factmark review failed: ${run.stderr}`);
    const out = JSON.parse(run.stdout);
    console.log(`| ${k} | ${k * 5} | ${out.claims} | ${out.clusters} | ${seconds.toFixed(2)} |`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
