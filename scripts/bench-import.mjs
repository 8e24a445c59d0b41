// `npm run bench` (after bench-export): import figures. Generates a JSON Lines file of N records
// (one short news-like text and one span each, under the 20 MB import limit), runs
// `factmark import` on a new project as a child process and prints wall time, records per second
// and peak RSS, for a tenth of N and for N. Also: a folder of many small text files. Then checks
// the project with `factmark validate` (an import that leaves an invalid project is not a figure).
// Prints figures only (no pass/fail).
//
//   node scripts/bench-import.mjs [--records N] [--files N] [--cli dist/main/cli.js] [--keep] [--json FILE]
// (--cli: another build of the CLI, e.g. an earlier version, to compare against.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from './bench/prng.mjs';
import { corpusSentences } from './bench/synthetic.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { records: { type: 'string' }, files: { type: 'string' }, cli: { type: 'string' }, keep: { type: 'boolean' }, json: { type: 'string' } } });
const RESULTS = resolve(values.json ?? join(repoRoot, 'bench', 'results.json'));
const RECORDS = Number(values.records ?? 200_000);
const FILES = Number(values.files ?? 5_000);
const cli = resolve(values.cli ?? join(repoRoot, 'dist/main/cli.js'));
if (!existsSync(cli)) {
  console.error(`bench-import: ${cli} is missing; run npm run build first.`);
  process.exit(1);
}

/**
 * N records, each a distinct short text (the start of a corpus sentence, 25-40 characters, numbered)
 * with one actor span over its first word: about 100 bytes a record, so 200,000 fit the 20 MB limit.
 */
function writeJsonl(file, n) {
  const sentences = corpusSentences(join(repoRoot, 'corpus', 'documents'));
  const random = prng(n);
  const lines = [];
  for (let i = 0; i < n; i++) {
    const s = sentences[Math.floor(random() * sentences.length)].slice(0, 25 + Math.floor(random() * 16)).trim();
    const text = `${s} (${i})`;
    const first = /^\S+/.exec(text)[0];
    lines.push(JSON.stringify({ text, spans: [{ start: 0, end: [...first].length, label: 'actor' }] }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** N small text files (a few corpus sentences each) in one folder. */
function writeTextFolder(folder, n) {
  const sentences = corpusSentences(join(repoRoot, 'corpus', 'documents'));
  const random = prng(n + 7);
  mkdirSync(folder);
  for (let i = 0; i < n; i++) {
    const text = Array.from({ length: 3 }, () => sentences[Math.floor(random() * sentences.length)]).join(' ');
    writeFileSync(join(folder, `article-${String(i).padStart(6, '0')}.txt`), `Article ${i}\n\n${text}\n`);
  }
}

/** Run the CLI with the peak-RSS probe; answers seconds, MiB and the output. */
function run(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(repoRoot, 'scripts/bench/peakRss.cjs'), cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { seconds, peakMiB: kb / 1024, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function newProject(root) {
  const project = join(root, 'project');
  const init = run(['init', project, '--name', 'Import bench']);
  if (init.status !== 0) throw new Error(`init failed: ${init.stderr}`);
  return project;
}

function checkValid(project) {
  const v = run(['validate', project]);
  return v.status === 0 ? 'valid' : `INVALID: ${v.stdout.split('\n').slice(0, 3).join(' / ')}`;
}

const figures = [];
const row = (name, m, extra) =>
  console.log(`${name.padEnd(40)} ${m.seconds.toFixed(2).padStart(8)} s   peak RSS ${m.peakMiB.toFixed(0).padStart(5)} MiB   ${extra}`);

console.log(`\nImport figures (node ${process.version}, ${cpus().length} cores; figures, not tests)`);
for (const n of [Math.max(1, Math.floor(RECORDS / 10)), RECORDS]) {
  const root = mkdtempSync(join(tmpdir(), 'factmark-bench-import-'));
  try {
    const input = join(root, `records-${n}.jsonl`);
    writeJsonl(input, n);
    const project = newProject(root);
    const m = run(['import', project, input, '--annotator', 'bench']);
    const docs = existsSync(join(project, 'documents')) ? readdirSync(join(project, 'documents')).filter((f) => f.endsWith('.json')).length : 0;
    const ok = m.status === 0 ? '' : ` (exit ${m.status}: ${m.stderr.trim().split('\n').slice(-1)[0]})`;
    row(`factmark import, ${n} JSONL records`, m, `${(n / m.seconds).toFixed(0)} records/s, ${(statSync(input).size / 2 ** 20).toFixed(1)} MiB in, ${docs} documents${ok}; ${checkValid(project)}`);
    figures.push({ kind: 'jsonl', records: n, seconds: m.seconds, peakMiB: m.peakMiB, documents: docs, exit: m.status });
  } finally {
    if (values.keep) console.log(`kept: ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
{
  const root = mkdtempSync(join(tmpdir(), 'factmark-bench-import-'));
  try {
    const folder = join(root, 'articles');
    writeTextFolder(folder, FILES);
    const project = newProject(root);
    const m = run(['import', project, folder]);
    const docs = readdirSync(join(project, 'documents')).filter((f) => f.endsWith('.json')).length;
    row(`factmark import, a folder of ${FILES} .txt`, m, `${(FILES / m.seconds).toFixed(0)} files/s, ${docs} documents${m.status === 0 ? '' : ` (exit ${m.status})`}; ${checkValid(project)}`);
    figures.push({ kind: 'folder', files: FILES, seconds: m.seconds, peakMiB: m.peakMiB, documents: docs, exit: m.status });
  } finally {
    if (values.keep) console.log(`kept: ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

mkdirSync(dirname(RESULTS), { recursive: true });
const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
const importFigures = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU', runs: figures };
writeFileSync(RESULTS, `${JSON.stringify({ ...previous, import: importFigures }, null, 2)}\n`);
console.log(`\nwrote ${RESULTS}`);
