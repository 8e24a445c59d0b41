// `npm run bench`: project sync over git (main/services/gitSync.ts) on a generated project of N
// documents (default 10,000) annotated by two annotators, through the built CLI
// (`factmark sync`) against a bare remote in a temp folder. Prints wall times of: the first
// share (every file committed and pushed), a teammate's clone, each annotator syncing their
// own changes to 100 documents (the second one merges the first one's), and a sync with
// nothing to do. Figures only (no pass/fail); written to bench/results.json under "sync".
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './bench/prng.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { docs: { type: 'string' }, changed: { type: 'string' }, keep: { type: 'boolean' }, json: { type: 'string' } } });
const DOCS = Number(values.docs ?? 10_000);
const CHANGED = Number(values.changed ?? 100);
const RESULTS = resolve(values.json ?? join(repoRoot, 'bench', 'results.json'));
const CLI = join(repoRoot, 'bin', 'factmark.js');
const T = '2026-01-01T00:00:00.000Z';
const WORDS = ['officials', 'said', 'the', 'army', 'forces', 'city', 'people', 'were', 'killed', 'in', 'attack', 'on', 'Tuesday', 'according', 'to', 'reports'];

const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

function annotation(who, id, text, sha, status, n, random) {
  const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
  const spans = [];
  for (let s = 0; s < n; s++) {
    const [start, end] = words[Math.floor(random() * words.length)];
    if (spans.some((x) => x.start === start)) continue;
    spans.push({ id: `${who}-${s}`, start, end, label: ['claim', 'actor', 'number'][s % 3], quote: text.slice(start, end), createdAt: T, updatedAt: T });
  }
  spans.sort((a, b) => a.start - b.start);
  return `${JSON.stringify({ schemaVersion: 1, docId: id, textSha256: sha, annotator: who, status, spans, updatedAt: T }, null, 2)}\n`;
}

/** N documents (~1,500 characters each) with files for alice and bob (10 spans each). */
function makeProject(dir) {
  const random = prng(DOCS);
  writeFileSync(
    join(dir, 'project.json'),
    `${JSON.stringify({ schemaVersion: 1, name: 'Bench', labels: [
      { id: 'claim', name: 'Claim', color: '#c2410c', hotkeys: ['1'] },
      { id: 'actor', name: 'Actor', color: '#2563eb', hotkeys: ['2'] },
      { id: 'number', name: 'Number', color: '#16a34a', hotkeys: ['3'] },
    ], settings: { snapToWords: true } }, null, 2)}\n`,
  );
  for (const d of ['documents', 'annotations/alice', 'annotations/bob']) mkdirSync(join(dir, d), { recursive: true });
  const texts = [];
  for (let d = 0; d < DOCS; d++) {
    const id = `doc-${String(d).padStart(5, '0')}`;
    const text = Array.from({ length: 220 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    const sha = sha256(text);
    texts.push({ id, text, sha });
    writeFileSync(join(dir, 'documents', `${id}.txt`), text);
    writeFileSync(join(dir, 'documents', `${id}.json`), `${JSON.stringify({ schemaVersion: 1, id, title: `Document ${d}`, outlet: null, date: null, source: `${id}.txt`, textSha256: sha, length: text.length, importedAt: T, importNotices: [] }, null, 2)}\n`);
    for (const who of ['alice', 'bob']) writeFileSync(join(dir, 'annotations', who, `${id}.json`), annotation(who, id, text, sha, 'in_progress', 10, random));
  }
  return texts;
}

/** One annotator's work on CHANGED documents (their own files only). */
function work(dir, who, texts, offset) {
  const random = prng(offset + 7);
  for (const { id, text, sha } of texts.slice(offset, offset + CHANGED)) writeFileSync(join(dir, 'annotations', who, `${id}.json`), annotation(who, id, text, sha, 'done', 12, random));
}

function timed(label, args, cwd) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, FACTMARK_DATA_DIR: join(cwd, '.bench-data') } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${label} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { label, seconds, out: run.stdout };
}

const root = mkdtempSync(join(tmpdir(), 'factmark-bench-sync-'));
const rows = [];
try {
  const alice = join(root, 'alice');
  const bob = join(root, 'bob');
  const remote = join(root, 'remote.git');
  mkdirSync(alice);
  const t0 = process.hrtime.bigint();
  const texts = makeProject(alice);
  console.log(`\nSync figures: ${DOCS.toLocaleString('en')} documents, 2 annotators (${(2 * DOCS + 2 * DOCS).toLocaleString('en')} files + project.json); node ${process.version}, git ${git(root, '--version').trim().replace('git version ', '')}; ${cpus().length} CPUs`);
  console.log(`(project generated in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s)`);
  git(alice, 'init', '-q', '-b', 'main');
  git(alice, 'config', 'user.name', 'Alice');
  git(alice, 'config', 'user.email', 'alice@example.org');
  rows.push(timed('first share: init remote, commit every file, push', ['sync', '--remote', remote, '--annotator', 'alice', alice], root));

  const cloneStart = process.hrtime.bigint();
  git(root, 'clone', '-q', remote, bob);
  rows.push({ label: 'teammate clones the project (git clone)', seconds: Number(process.hrtime.bigint() - cloneStart) / 1e9 });
  git(bob, 'config', 'user.name', 'Bob');
  git(bob, 'config', 'user.email', 'bob@example.org');

  work(alice, 'alice', texts, 0);
  work(bob, 'bob', texts, DOCS / 2);
  rows.push(timed(`alice syncs her ${CHANGED} changed files (commit, fetch, push)`, ['sync', '--annotator', 'alice', alice], root));
  const bobSync = timed(`bob syncs his ${CHANGED} changed files (commit, fetch, merge alice's, push)`, ['sync', '--annotator', 'bob', bob], root);
  rows.push(bobSync);
  const aliceIn = timed(`alice syncs again (fetch, fast-forward bob's ${CHANGED}, progress of bob)`, ['sync', '--annotator', 'alice', alice], root);
  rows.push(aliceIn);
  rows.push(timed('a sync with nothing to do', ['sync', '--annotator', 'alice', alice], root));
  if (!aliceIn.out.includes(`bob: ${CHANGED} files changed; ${CHANGED} done`)) throw new Error(`alice did not see bob's work:\n${aliceIn.out}`);

  const width = Math.max(...rows.map((r) => r.label.length));
  for (const r of rows) console.log(`  ${r.label.padEnd(width)}  ${r.seconds.toFixed(2).padStart(7)} s`);
  mkdirSync(dirname(RESULTS), { recursive: true });
  const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
  const sync = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, documents: DOCS, changedPerAnnotator: CHANGED, rows: rows.map(({ label, seconds }) => ({ label, seconds: Number(seconds.toFixed(3)) })) };
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, sync }, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS}`);
} finally {
  if (values.keep) console.log(`kept: ${root}`);
  else rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
}
