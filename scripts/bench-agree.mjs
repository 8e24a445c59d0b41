// `npm run bench` (after the build): agreement figures. Generates a project of N documents (~60
// sentences of sample-corpus prose each) annotated by 3 annotators (50 spans each: one shared base
// set, each annotator dropping, adding, shifting and relabelling some), then runs
// `factmark agree --json` (all pairs, every measure: span F1, kappa, alpha on tokens, unitizing alpha
// on characters, attributes) as a child process and prints wall time and
// peak RSS; then unitizing alpha alone (scripts/bench/alphaUBench.ts). Target: all pairs of 1,000
// documents x 3 annotators in under 5 s. Prints figures only.
// Usage: node scripts/bench-agree.mjs [--docs N] [--keep]
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusSentences } from './bench/synthetic.mjs';
import { prng } from './bench/prng.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { docs: { type: 'string' }, keep: { type: 'boolean' } } });
const DOCS = Number(values.docs ?? 1000);
const SPANS = 50;
const ANNOTATORS = ['ann1', 'ann2', 'ann3'];
const LABELS = ['claim', 'actor', 'number'];
const T = '2026-01-01T00:00:00.000Z';

function makeProject(dir, docs) {
  const sentences = corpusSentences(join(repoRoot, 'corpus', 'documents'));
  const random = prng(docs + 7);
  writeFileSync(
    join(dir, 'project.json'),
    JSON.stringify({ schemaVersion: 1, name: 'Bench agreement', labels: [
      { id: 'claim', name: 'Claim', color: '#c2410c', hotkeys: ['1'] },
      { id: 'actor', name: 'Actor', color: '#2563eb', hotkeys: ['2'] },
      { id: 'number', name: 'Number', color: '#16a34a', hotkeys: ['3'] },
    ], settings: { snapToWords: true } }, null, 2),
  );
  mkdirSync(join(dir, 'documents'));
  for (const a of ANNOTATORS) mkdirSync(join(dir, 'annotations', a), { recursive: true });
  let chars = 0;
  for (let d = 0; d < docs; d++) {
    const id = `doc-${String(d).padStart(5, '0')}`;
    const parts = [];
    for (let i = 0; i < 60; i++) parts.push(sentences[Math.floor(random() * sentences.length)]);
    const text = parts.map((s, i) => s + (i % 5 === 4 ? '\n\n' : ' ')).join('').trimEnd();
    chars += text.length;
    const bytes = Buffer.from(text, 'utf8');
    const sha = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'documents', `${id}.txt`), bytes);
    writeFileSync(join(dir, 'documents', `${id}.json`), JSON.stringify({ schemaVersion: 1, id, title: `Document ${d}`, outlet: null, date: null, source: `${id}.txt`, textSha256: sha, length: text.length, importedAt: T, importNotices: [] }, null, 2));
    const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
    const pick = () => {
      const w = Math.floor(random() * (words.length - 6));
      return { w, len: 1 + Math.floor(random() * 5), label: LABELS[Math.floor(random() * 3)] };
    };
    const base = Array.from({ length: SPANS }, pick);
    for (const who of ANNOTATORS) {
      const seen = new Set();
      const spans = [];
      for (const b of [...base, ...Array.from({ length: 5 }, pick)]) {
        const r = random();
        if (r < 0.08) continue; // dropped
        let { w, len, label } = b;
        if (r < 0.16) len = Math.max(1, len + (random() < 0.5 ? -1 : 1)); // boundary moved
        else if (r < 0.2) label = LABELS[(LABELS.indexOf(label) + 1) % 3]; // relabelled
        const start = words[w][0];
        const end = words[Math.min(words.length - 1, w + len - 1)][1];
        const key = `${start}:${end}:${label}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const attributes = label === 'claim' ? { status: random() < 0.8 ? 'unverified' : 'false' } : undefined;
        spans.push({ id: `s${spans.length}`, start, end, label, quote: text.slice(start, end), createdAt: T, updatedAt: T, ...(attributes ? { attributes } : {}) });
      }
      spans.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1));
      writeFileSync(join(dir, 'annotations', who, `${id}.json`), JSON.stringify({ schemaVersion: 1, docId: id, textSha256: sha, annotator: who, status: 'done', spans, updatedAt: T }, null, 2));
    }
  }
  return chars / docs;
}

/** Also the child's CPU time (user + system): on a shared machine it moves less than wall time. */
const CPU_PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('CPU_MS='+((u.userCPUTime+u.systemCPUTime)/1000)+'\\n')})`;

function measure(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', join(repoRoot, 'scripts/bench/peakRss.cjs'), '--import', CPU_PROBE, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const kb = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const cpuSeconds = Number(/CPU_MS=([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  return { seconds, cpuSeconds, peakMiB: kb / 1024, stdout: r.stdout };
}

const root = mkdtempSync(join(tmpdir(), 'factmark-bench-agree-'));
try {
  const project = join(root, 'project');
  mkdirSync(project);
  const g0 = Date.now();
  const chars = makeProject(project, DOCS);
  console.log(`\nAgreement figures (node ${process.version}; figures, not tests)`);
  console.log(`${DOCS} documents (~${Math.round(chars)} characters each) x ${ANNOTATORS.length} annotators x ~${SPANS} spans (generated in ${((Date.now() - g0) / 1000).toFixed(1)} s)`);
  const cli = join(repoRoot, 'dist/main/cli.js');
  // Three runs: the median, with the spread (the machine may be shared).
  const runs = [0, 1, 2].map(() => measure([cli, 'agree', '--json', project]));
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const run = sorted[1];
  const report = JSON.parse(run.stdout);
  console.log(`${'factmark agree (all 3 pairs, --json)'.padEnd(40)} ${run.seconds.toFixed(2).padStart(7)} s   median of 3 (${sorted[0].seconds.toFixed(2)}-${sorted[2].seconds.toFixed(2)}), CPU ${run.cpuSeconds.toFixed(2)} s, peak RSS ${Math.max(...runs.map((r) => r.peakMiB)).toFixed(0).padStart(5)} MiB   (target < 5 s; every measure, unitizing alpha included; process start included)`);
  const pairs = measure([cli, 'agree', '--annotators', 'ann1,ann2', '--json', project]);
  console.log(`${'factmark agree --annotators ann1,ann2'.padEnd(40)} ${pairs.seconds.toFixed(2).padStart(7)} s   CPU ${pairs.cpuSeconds.toFixed(2)} s, peak RSS ${pairs.peakMiB.toFixed(0).padStart(5)} MiB`);
  // Unitizing alpha alone (files read first, not timed): scripts/bench/alphaUBench.ts, bundled like bench-learning's.
  const alphaUScript = join(repoRoot, 'dist/bench/alphaUBench.cjs');
  await build({ entryPoints: [join(repoRoot, 'scripts/bench/alphaUBench.ts')], outfile: alphaUScript, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  const alphaU = JSON.parse(measure([alphaUScript, project]).stdout);
  console.log(`${'unitizing alpha alone (all + each pair)'.padEnd(40)} ${(alphaU.wallMs / 1000).toFixed(2).padStart(7)} s   CPU ${(alphaU.cpuMs / 1000).toFixed(2)} s, median of 3; uα ${alphaU.alphaU.toFixed(3)} (files read beforehand, not timed)`);
  const results = join(repoRoot, 'bench', 'results.json');
  mkdirSync(dirname(results), { recursive: true });
  const previous = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : {};
  const agreement = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, documents: DOCS, annotators: ANNOTATORS.length, charactersPerDocument: Math.round(chars), allPairs: runs.map(({ seconds, cpuSeconds, peakMiB }) => ({ seconds, cpuSeconds, peakMiB })), onePair: { seconds: pairs.seconds, cpuSeconds: pairs.cpuSeconds, peakMiB: pairs.peakMiB }, alphaUAlone: { seconds: alphaU.wallMs / 1000, cpuSeconds: alphaU.cpuMs / 1000 } };
  writeFileSync(results, `${JSON.stringify({ ...previous, agreement }, null, 2)}\n`);
  const f = report.all.overall;
  console.log(`figures (all annotators): F1 exact ${f.f1Exact.toFixed(3)}, F1 overlap ${f.f1Overlap.toFixed(3)}, kappa ${f.kappa.toFixed(3)}, alpha ${f.alpha.toFixed(3)}, unitizing alpha ${f.alphaU.toFixed(3)}, attributes ${f.attributes.toFixed(3)}; ${report.documents.length} documents compared`);
} finally {
  if (values.keep) console.log(`kept: ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
