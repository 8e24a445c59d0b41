/**
 * The child of `npm run stress:save` (scripts/stress-save.mjs), bundled to dist/main/stressWriter.js.
 * It drives the real service: first it checks what the previous (killed) writer left behind,
 * with the app's own readers, then it saves a known sequence of states, printing each one the
 * moment its save has answered, until it is killed.
 *
 *   (both take --data-dir DIR, the app data folder to use; default: a new temp folder)
 *   stressWriter --setup DIR                      create a project with one document; prints "doc <id>"
 *   stressWriter --verify DIR --doc ID [--write]  prints "verified <k> ..."; with --write, then "saved <k>" per save
 *
 * State k has (k % 20) + 1 spans with ids "k<k>-<i>" and status done every other run of ten, so
 * the file on disk names the state it holds.
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import {
  annotationFileSchema,
  documentMetaSchema,
  projectFileSchema,
  type DocStatus,
} from '../../shared/model/schemas';
import { corpusDir } from '../paths';
import { readJsonFile } from '../services/atomicJson';
import { createFactmarkService } from '../services/factmarkService';
import { VERSION } from '../version';

const ANNOTATOR = 'stress';
const WORDS = 40;
const TEXT = `${Array.from({ length: WORDS }, (_, i) => `word${String(i).padStart(2, '0')}`).join(' ')}\n`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const die = (message: string): never => {
  out(`error ${message}`);
  process.exit(1);
};

export function stateSpans(k: number) {
  const count = (k % 20) + 1;
  return Array.from({ length: count }, (_, i) => {
    const w = (i * 7 + k) % WORDS;
    const start = w * 7;
    return { id: `k${k}-${i}`, start, end: start + 6, label: i % 3 === 0 ? 'claim' : i % 3 === 1 ? 'actor' : 'number', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  });
}
export const stateStatus = (k: number): DocStatus => (Math.floor(k / 10) % 2 === 0 ? 'in_progress' : 'done');

/** Every file of the project, validated by its schema; temp files of interrupted writes counted apart. */
async function validateTree(dir: string) {
  let files = 0;
  const invalid: string[] = [];
  const temps: string[] = [];
  let versions = 0;
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const file of walk(dir)) {
    const rel = relative(dir, file).split(sep);
    let schema: z.ZodType | null = null;
    if (rel.length === 1 && rel[0] === 'project.json') schema = projectFileSchema;
    else if (rel[0] === 'documents' && file.endsWith('.json')) schema = documentMetaSchema;
    else if (rel[0] === 'annotations' && file.endsWith('.json')) schema = annotationFileSchema;
    else if (rel[0] === '.factmark' && rel[1] === 'history' && file.endsWith('.json')) {
      schema = annotationFileSchema;
      versions += 1;
    } else if (/\.json\.\d+$|\.tmp$/.test(file)) temps.push(relative(dir, file));
    if (!schema) continue;
    files += 1;
    const read = await readJsonFile(file, schema);
    if (!read.ok) invalid.push(`${relative(dir, file)}: ${read.reason === 'invalid' ? read.message : 'vanished'}`);
  }
  return { files, invalid, temps, versions };
}

async function main() {
  const { values } = parseArgs({
    options: {
      setup: { type: 'string' },
      verify: { type: 'string' },
      doc: { type: 'string' },
      write: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'factmark-stress-data-'));
  const service = createFactmarkService({ dataDir, corpusDir: corpusDir(), version: VERSION, annotator: ANNOTATOR });

  if (values.setup) {
    const created = await service.createProject({ path: values.setup, name: 'Stress' });
    if (!created.ok) die(created.error.message);
    const imported = await service.importDocuments({ files: [{ name: 'stress.txt', base64: Buffer.from(TEXT).toString('base64') }] });
    if (!imported.ok || !imported.value.results[0]?.docId) die('import failed');
    out(`doc ${imported.ok ? imported.value.results[0]?.docId : ''}`);
    await service.dispose();
    return;
  }
  const dir = values.verify ?? die('--verify DIR is required');
  const docId = values.doc ?? die('--doc ID is required');

  // 1. The project opens, with the app's own readers.
  const opened = await service.openProject({ path: dir });
  if (!opened.ok) die(`project does not open: ${opened.error.message}`);
  const project = opened.ok ? opened.value : die('unreachable');
  if (project.problems.length > 0) die(`project problems: ${project.problems.map((p) => p.message).join(' | ')}`);
  if (project.readOnly) die(`the killed writer's lock was not taken over: ${project.readOnlyReason}`);
  // 2. The document's annotations load and name one state exactly.
  const doc = await service.getDocument({ docId });
  if (!doc.ok) die(`document does not open: ${doc.error.message}`);
  const view = doc.ok ? doc.value : die('unreachable');
  let k = 0;
  if (view.updatedAt !== null) {
    const m = /^k(\d+)-0$/.exec(view.spans.find((s) => s.id.endsWith('-0'))?.id ?? '');
    if (!m) die(`no state marker in ${view.spans.map((s) => s.id).join(',')}`);
    k = Number(m?.[1]);
    const want = stateSpans(k).map((s) => s.id).sort().join(',');
    const got = view.spans.map((s) => s.id).sort().join(',');
    if (want !== got || view.status !== stateStatus(k)) die(`state ${k} is torn: spans ${got}, status ${view.status}`);
  }
  // 3. Every file of the project validates.
  const tree = await validateTree(dir);
  for (const t of tree.temps.slice(0, 5)) out(`temp ${t}`);
  out(`verified ${k} files=${tree.files} invalid=${tree.invalid.length} temps=${tree.temps.length} versions=${tree.versions}`);
  if (tree.invalid.length > 0) die(`invalid files: ${tree.invalid.join(' | ')}`);
  if (!values.write) {
    await service.dispose();
    return;
  }
  // 4. Save states k+1, k+2, ... each on the revision the previous save answered.
  let revision = view.revision;
  for (let next = k + 1; ; next++) {
    const saved = await service.saveAnnotations({ docId, status: stateStatus(next), spans: stateSpans(next), baseRevision: revision });
    if (!saved.ok) die(`save ${next} refused: ${saved.error.code}: ${saved.error.message}`);
    revision = saved.ok ? saved.value.revision : null;
    out(`saved ${next}`);
  }
}

main().catch((err: unknown) => die(err instanceof Error ? (err.stack ?? err.message) : String(err)));
