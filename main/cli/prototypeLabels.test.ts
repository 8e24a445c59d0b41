import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countByLabel } from '../../shared/annotation/operations';
import { ownValue } from '../../shared/model/keyed';
import { dispatch } from '../services/factmarkService';
import { makeService, tempDir, unwrap } from '../services/serviceTestKit';
import type { CliIo } from './io';
import { runCli } from './runCli';

/**
 * Label and attribute names are data, never object keys that meet Object.prototype: a dataset
 * whose labels are named constructor, toString, valueOf, hasOwnProperty or __proto__ imports
 * (--add-labels, --map), exports and validates like any other (issue 13, item 4).
 */
let root: string;

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root }, out: () => out, err: () => err };
}

const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];
const TEXT = NAMES.join(' ');

function jsonl(): string {
  let at = 0;
  const spans = NAMES.map((name) => {
    const span = { start: at, end: at + name.length, label: name };
    at += name.length + 1;
    return span;
  });
  return `${JSON.stringify({ id: 'proto', text: TEXT, spans })}\n`;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-proto-test-'));
  vi.stubEnv('FACTMARK_DATA_DIR', join(root, 'user-data'));
  expect(await runCli(['init', 'p', '--name', 'Proto'], capture().io)).toBe(0);
  await writeFile(join(root, 'proto.jsonl'), jsonl());
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

async function spansOf(annotator: string): Promise<{ label: string; quote: string }[]> {
  const dir = join(root, 'p', 'annotations', annotator);
  const [name] = (await readdir(dir)).filter((n) => n.endsWith('.json'));
  return (JSON.parse(await readFile(join(dir, name as string), 'utf8')) as { spans: { label: string; quote: string }[] }).spans;
}

describe('labels named like Object.prototype members', () => {
  it('are refused by name until added, then added, exported and validated', async () => {
    const refused = capture();
    expect(await runCli(['import', 'p', 'proto.jsonl', '--annotator', 'alice'], refused.io)).toBe(1);
    for (const name of NAMES) expect(refused.err()).toContain(`"${name}" (1)`);

    const c = capture();
    expect(await runCli(['import', 'p', 'proto.jsonl', '--annotator', 'alice', '--add-labels'], c.io)).toBe(0);
    const project = JSON.parse(await readFile(join(root, 'p', 'project.json'), 'utf8')) as { labels: { id: string; name: string }[] };
    expect(project.labels.map((l) => l.name)).toEqual(expect.arrayContaining(NAMES));
    expect((await spansOf('alice')).map((s) => s.quote)).toEqual(NAMES);
    const labelOf = new Map(project.labels.map((l) => [l.name, l.id]));
    expect((await spansOf('alice')).map((s) => s.label)).toEqual(NAMES.map((n) => labelOf.get(n)));

    expect(await runCli(['validate', 'p'], capture().io)).toBe(0);
    const out = capture();
    expect(await runCli(['export', 'p', '--format', 'jsonl', '--annotator', 'alice', '--scope', 'all', '--out', 'out.jsonl'], out.io)).toBe(0);
    const exported = JSON.parse((await readFile(join(root, 'out.jsonl'), 'utf8')).trim()) as { spans: { label: string }[] };
    expect(exported.spans.map((s) => s.label)).toEqual(NAMES.map((n) => labelOf.get(n)));
  });

  it('--map sends each onto a project label', async () => {
    const maps = NAMES.flatMap((n) => ['--map', `${n}=actor`]);
    const c = capture();
    expect(await runCli(['import', 'p', 'proto.jsonl', '--annotator', 'alice', ...maps], c.io)).toBe(0);
    expect((await spansOf('alice')).map((s) => s.label)).toEqual(NAMES.map(() => 'actor'));
  });
});

describe('labels named like Object.prototype members, through the API', () => {
  it('import decisions keep every such label (the contract keeps "__proto__" as a key)', async () => {
    const { service } = makeService();
    unwrap(await service.setAnnotator({ name: 'alice' }));
    unwrap(await service.createProject({ path: join(tempDir(), 'p'), name: 'Proto' }));
    const labels = Object.fromEntries(NAMES.map((n) => [n, { action: 'add' }]));
    const input = JSON.parse(JSON.stringify({ files: [{ name: 'proto.jsonl', base64: Buffer.from(jsonl()).toString('base64') }], labels }));
    const imported = unwrap((await dispatch(service, 'importDataset', input)) as never) as { files: { ok: boolean; spans: number }[] };
    expect(imported.files).toMatchObject([{ ok: true, spans: NAMES.length }]);
    const project = unwrap(await service.getProject({}));
    expect(project.labels.map((l) => l.name)).toEqual(expect.arrayContaining(NAMES));
    const doc = project.documents[0];
    const ids = project.labels.filter((l) => NAMES.includes(l.name)).map((l) => l.id);
    for (const id of ids) expect(ownValue(doc?.counts, id)).toBe(1);
  });

  it('counting by label: a label "constructor" counts from zero, an absent one is absent', () => {
    expect(ownValue(countByLabel([{ label: 'constructor' }, { label: 'constructor' }]), 'constructor')).toBe(2);
    expect(ownValue(countByLabel([]), 'constructor')).toBeUndefined();
    expect(countByLabel([{ label: '__proto__' }])).toEqual(JSON.parse('{"__proto__": 1}'));
  });
});
