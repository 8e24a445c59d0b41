// `npm run bench` (after scripts/bench.mjs): export figures. Generates a project of N documents x
// 50 spans, runs `factmark export` (JSONL and CoNLL) as a child process and prints wall time and
// peak RSS, next to the floor (a bare JSON.stringify + write of the same records), and the same
// export at a quarter of the size: exports stream, so peak memory should not grow with the project.
// Prints figures only (no pass/fail).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusSentences } from './bench/synthetic.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { docs: { type: 'string' }, spans: { type: 'string' }, keep: { type: 'boolean' } } });
const DOCS = Number(values.docs ?? 10_000);
const SPANS = Number(values.spans ?? 50);
const ANNOTATOR = 'bench';
const LABELS = ['claim', 'actor', 'number'];
const T = '2026-01-01T00:00:00.000Z';
const HEAP_CAP_MIB = 96;

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
    const floor = join(root, 'floor.jsonl');
    row('floor: JSON.stringify + write', measure([join(repoRoot, 'scripts/bench/exportFloor.mjs'), project, ANNOTATOR, floor]), floor);
    const jsonl = join(root, 'out.jsonl');
    row('factmark export --format jsonl', measure([cli, 'export', '--annotator', ANNOTATOR, '--out', jsonl, project]), jsonl);
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
