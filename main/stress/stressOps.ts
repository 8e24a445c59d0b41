/**
 * The child of `npm run stress` (scripts/stress-ops.mjs), bundled to dist/main/stressOps.js: it
 * runs one multi-file operation over and over through the real service until it is killed, and
 * checks, the way the next start does, what a killed run left behind.
 *
 *   (all take --data-dir DIR, the app data folder to use)
 *   stressOps --setup DIR                 a project whose annotator "stress" has one span per document
 *   stressOps --run OP --project DIR
 *                                         OP = schema (rename the actor label back and forth),
 *                                         import (a JSON Lines file of RECORDS records, one span each),
 *                                         export (JSON Lines into the project's exports/); prints "done OP <n>" after each
 *   stressOps --check DIR [--out FOLDER]  opens the project (what a crash left is completed or undone),
 *                                         validates it like `factmark validate`; prints
 *                                         "checked docs=<n> spans=<n> partial=<n> temps=<n> issues=<n>"
 *
 * Every document carries exactly one span of the annotator's, so "spans = docs" means no annotation
 * was lost or doubled; every import is all or nothing, so "partial" (imports with some but not all
 * of their documents in the project) must be 0; temps counts temp files and journals left anywhere.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir } from '../paths';
import { createFactmarkService } from '../services/factmarkService';
import { scanProject } from '../services/projectCheck';
import { VERSION } from '../version';

const ANNOTATOR = 'stress';
const RECORDS = 400;
const out = (line: string) => process.stdout.write(`${line}\n`);
const die = (message: string): never => {
  out(`error ${message}`);
  process.exit(1);
};

/** A JSON Lines import named after its run: `batch-<tag>.jsonl`, RECORDS distinct texts with one actor span each. */
function batch(tag: string): { name: string; base64: string } {
  const lines = Array.from({ length: RECORDS }, (_, i) => JSON.stringify({ text: `Officials in batch ${tag} said ${i} people were hurt.`, spans: [{ start: 0, end: 9, label: 'actor' }] }));
  return { name: `batch-${tag}.jsonl`, base64: Buffer.from(`${lines.join('\n')}\n`).toString('base64') };
}

/** Temp files (ours: `.x.fm-….tmp`, legacy `x.json.<n>`) and journals left under `dir`. */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (name === 'journal' && d.endsWith('.factmark') && readdirSync(p).length > 0) found.push(p);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tmp$|\.json\.\d+$/.test(name)) found.push(p);
    }
  };
  walk(dir);
  return found;
}

async function main() {
  const { values } = parseArgs({
    options: { setup: { type: 'string' }, run: { type: 'string' }, project: { type: 'string' }, check: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'factmark-stress-data-'));
  const service = createFactmarkService({ dataDir, corpusDir: corpusDir(), version: VERSION, annotator: ANNOTATOR });

  if (values.setup) {
    const created = await service.createProject({ path: values.setup, name: 'Stress' });
    if (!created.ok) die(created.error.message);
    const imported = await service.importDataset({ files: [batch('setup')], format: 'auto', labels: {} });
    if (!imported.ok) die(imported.error.message);
    out('ready');
    return service.dispose();
  }

  if (values.check) {
    const dir = values.check;
    const opened = await service.openProject({ path: dir });
    if (!opened.ok) die(`the project does not open: ${opened.error.message}`);
    const problems = opened.ok ? opened.value.problems : [];
    const scan = await scanProject(dir);
    const bySource = new Map<string, number>();
    for (const name of readdirSync(join(dir, 'documents')).filter((n) => /^[^.].*\.json$/.test(n))) {
      const meta = JSON.parse(readFileSync(join(dir, 'documents', name), 'utf8')) as { source: string };
      bySource.set(meta.source, (bySource.get(meta.source) ?? 0) + 1);
    }
    let spans = 0;
    const annotations = join(dir, 'annotations', ANNOTATOR);
    for (const name of readdirSync(annotations).filter((n) => /^[^.].*\.json$/.test(n))) {
      spans += (JSON.parse(readFileSync(join(annotations, name), 'utf8')) as { spans: unknown[] }).spans.length;
    }
    const docs = [...bySource.values()].reduce((a, b) => a + b, 0);
    const partial = [...bySource.values()].filter((n) => n !== RECORDS).length;
    const temps = [...leftovers(dir), ...(values.out ? leftovers(values.out) : [])];
    const issues = [...problems.map((p) => p.message), ...scan.issues.map((i) => `${i.file}: ${i.reason}`)];
    out(`checked docs=${docs} spans=${spans} partial=${partial} temps=${temps.length} issues=${issues.length}`);
    for (const i of issues.slice(0, 5)) out(`issue ${i}`);
    for (const t of temps.slice(0, 5)) out(`temp ${t}`);
    return service.dispose();
  }

  const op = values.run ?? die('--setup, --run or --check is required');
  const dir = values.project ?? die('--project DIR is required');
  const opened = await service.openProject({ path: dir });
  if (!opened.ok) die(`the project does not open: ${opened.error.message}`);
  for (let n = 1; ; n++) {
    if (op === 'schema') {
      const view = await service.openProject({ path: dir });
      const labels = view.ok ? view.value.labels : die('reopen failed');
      const actor = labels.find((l) => l.id === 'actor' || l.id === 'actor_b') ?? die('no actor label');
      const to = actor.id === 'actor' ? 'actor_b' : 'actor';
      const rename = (id: string) => (id === actor.id ? to : id);
      const changed = await service.applySchemaChange({
        labels: labels.map((l) => (l === actor ? { ...l, id: to } : l)),
        relationTypes: (view.ok ? view.value.relationTypes : []).map((r) => ({ ...r, from: r.from.map(rename), to: r.to.map(rename) })),
        renames: { labels: { [actor.id]: to }, attributes: {} },
        confirmDeletes: false,
      });
      if (!changed.ok) die(`schema change refused: ${changed.error.message}`);
    } else if (op === 'import') {
      // The actor label may be called actor_b just now (schema runs rename it back and forth).
      const view = await service.openProject({ path: dir });
      const hasActor = view.ok && view.value.labels.some((l) => l.id === 'actor');
      const labels: Record<string, { action: 'map'; to: string }> = hasActor ? {} : { actor: { action: 'map', to: 'actor_b' } };
      const imported = await service.importDataset({ files: [batch(`${process.pid}-${n}`)], format: 'auto', labels });
      if (!imported.ok) die(`import refused: ${imported.error.message}`);
      const refused = imported.ok ? imported.value.files.find((f) => !f.ok) : undefined;
      if (refused) die(`import refused: ${refused.error?.message ?? ''}`);
    } else if (op === 'export') {
      // Into the project's exports/ folder (where the app exports): the same three files rewritten over and over.
      mkdirSync(join(dir, 'exports'), { recursive: true });
      const exported = await service.exportProject({ format: 'jsonl', scope: 'all', outPath: join(dir, 'exports', `export-${n % 3}.jsonl`) });
      if (!exported.ok) die(`export refused: ${exported.error.message}`);
    } else die(`unknown operation ${op}`);
    out(`done ${op} ${n}`);
  }
}

main().catch((err: unknown) => die(err instanceof Error ? (err.stack ?? err.message) : String(err)));
