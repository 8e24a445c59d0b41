#!/usr/bin/env node
// Suggestion time: `factmark suggest` over a generated project of N articles (default 10,000),
// made of the sample corpus's texts, each with a numbered line so no two are the same.
// Prints figures; asserts nothing. Run after `npm run build`: node scripts/bench-suggest.mjs [N]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const n = Number(process.argv[2] ?? 10000);
const here = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'factmark-bench-suggest-'));
try {
  cpSync(join(here, 'corpus', 'project.json'), join(dir, 'project.json'));
  const texts = readdirSync(join(here, 'corpus', 'documents')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(here, 'corpus', 'documents', f), 'utf8'));
  mkdirSync(join(dir, 'documents'));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'documents', `bench_${String(i).padStart(5, '0')}.txt`), `${texts[i % texts.length]}\n\nUpdate ${i}: officials said at least ${i} people were reported.\n`);
  const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, 'bin', 'factmark.js'), 'suggest', '--annotator', 'bench', '--json', dir], { encoding: 'utf8' });
  const seconds = (Date.now() - started) / 1000;
  if (run.status !== 0) throw new Error(run.stderr);
  const result = JSON.parse(run.stdout);
  console.log(`factmark suggest: ${n} articles (~${Math.round(chars)} characters each) in ${seconds.toFixed(1)} s (${((seconds * 1000) / n).toFixed(1)} ms per article, process start included)`);
  console.log(`suggestions: ${JSON.stringify(result.suggestions)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
