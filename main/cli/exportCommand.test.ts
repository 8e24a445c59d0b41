import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conlleval, goldAgainstItself } from '../../shared/formats/conlleval.testkit';
import { corpusDir } from '../paths';
import type { CliIo } from './io';
import { runCli } from './runCli';
import { withoutProgress } from './cliTestKit';

let root: string;
let project: string;

function capture() {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root };
  return { io, out: () => out, err: () => err };
}

/** Every sample document annotated by alice (done), with a claim holding an actor. */
async function annotateAll(): Promise<string[]> {
  const ids = (await readdir(join(project, 'documents'))).filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -4));
  await mkdir(join(project, 'annotations', 'alice'), { recursive: true });
  for (const id of ids) {
    const bytes = await readFile(join(project, 'documents', `${id}.txt`));
    const text = bytes.toString('utf8');
    const m = /\b[A-Z][a-z]+\b[^.\n]{10,60}/.exec(text.slice(200))!;
    const start = 200 + m.index;
    const at = '2026-11-22T10:00:00.000Z';
    const span = (sid: string, s: number, e: number, label: string) => ({ id: sid, start: s, end: e, label, quote: text.slice(s, e), createdAt: at, updatedAt: at });
    const actorEnd = start + /^\S+/.exec(text.slice(start))![0].length;
    const file = {
      schemaVersion: 1,
      docId: id,
      textSha256: createHash('sha256').update(bytes).digest('hex'),
      annotator: 'alice',
      status: 'done',
      spans: [span('c', start, start + m[0].trimEnd().length, 'claim'), span('a', start, actorEnd, 'actor')],
      updatedAt: at,
    };
    await writeFile(join(project, 'annotations', 'alice', `${id}.json`), `${JSON.stringify(file, null, 2)}\n`);
  }
  return ids;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-cli-export-'));
  project = join(root, 'project');
  await cp(corpusDir(), project, { recursive: true });
  vi.stubEnv('FACTMARK_DATA_DIR', join(root, 'user-data'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

describe('factmark export: formats and options', () => {
  it('writes CoNLL BIOES with per-label columns, reports drops per policy, and scores 100% against itself', async () => {
    const ids = await annotateAll();
    const c = capture();
    const code = await runCli(['export', '--format', 'conll', '--scheme', 'bioes', '--overlap', 'per-label-columns', '--annotator', 'alice', '--out', 'gold.conll', 'project'], c.io);
    expect(withoutProgress(c.err())).toBe('');
    expect(code).toBe(0);
    expect(c.out()).toContain(`Exported ${ids.length} documents, ${ids.length * 2} spans (offsets in none: tokens) to ${join(root, 'gold.conll')}`);
    expect(c.out()).toContain(`Dataset card: ${join(root, 'gold.conll.README.md')}`);
    expect(c.out()).toContain('Spans dropped by per-label-columns (used): 0');
    expect(c.out()).toContain(`Spans dropped by longest-wins (not used): ${ids.length} (actor ${ids.length})`);
    const gold = await readFile(join(root, 'gold.conll'), 'utf8');
    expect(gold.split('\n').filter((l) => l.startsWith('-DOCSTART-'))).toHaveLength(ids.length);
    for (const col of [1, 2]) {
      const score = conlleval(goldAgainstItself(gold, col));
      expect(score.foundCorrect).toBe(ids.length);
      expect(score.correctChunks).toBe(ids.length);
    }
  });

  it('splits into train/dev/test files, the same way for the same seed', async () => {
    await annotateAll();
    const run = async (name: string, seed: string) => {
      const c = capture();
      expect(await runCli(['export', '--split', '3,1,1', '--seed', seed, '--group-by', 'outlet', '--annotator', 'alice', '--out', name, 'project'], c.io)).toBe(0);
      return c.out().split('\n').find((l) => l.startsWith('Splits'));
    };
    const a = await run('a.jsonl', '5');
    expect(a).toMatch(/^Splits \(documents\): train \d, dev \d, test \d$/);
    const files = (await readdir(root)).filter((f) => f.startsWith('a'));
    // One card and one sidecar per file written.
    expect(files.sort()).toEqual(
      ['a-dev.jsonl', 'a-test.jsonl', 'a-train.jsonl'].flatMap((f) => [f, `${f}.README.md`, `${f}.meta.json`]),
    );
    await run('b.jsonl', '5');
    for (const s of ['train', 'dev', 'test']) {
      expect(await readFile(join(root, `b-${s}.jsonl`), 'utf8')).toBe(await readFile(join(root, `a-${s}.jsonl`), 'utf8'));
    }
  });

  it('previews without writing, and refuses bad options with exit 1', async () => {
    await annotateAll();
    const p = capture();
    expect(await runCli(['export', '--format', 'w3c', '--preview', '--annotator', 'alice', 'project'], p.io)).toBe(0);
    expect(JSON.parse(p.out())).toMatchObject({ type: 'Annotation', motivation: 'tagging' });
    await expect(readdir(join(project, 'exports'))).rejects.toThrow();
    for (const bad of [
      ['--format', 'xml'],
      ['--split', '1,2'],
      ['--seed', '3'],
      ['--scheme', 'bioes'],
      ['--scope', 'done,finished'],
      ['--all-annotators', '--annotator', 'bob'],
    ]) {
      const c = capture();
      expect(await runCli(['export', ...bad, 'project'], c.io)).toBe(1);
      expect(c.err()).toMatch(/^factmark export: .+\nRun "factmark help" for usage\.\n$/);
    }
    const fixed = capture();
    expect(await runCli(['export', '--format', 'brat', '--unit', 'utf16', '--annotator', 'alice', 'project'], fixed.io)).toBe(1);
    expect(fixed.err()).toMatch(/always code points/);
  });

  it('refuses --out onto the project’s own files (exit 1, naming the file) and replaces only its own earlier export', async () => {
    await annotateAll();
    const projectJson = await readFile(join(project, 'project.json'), 'utf8');
    await mkdir(join(project, '.git'));
    await writeFile(join(project, '.git', 'config'), '[core]\n');
    for (const out of ['project/project.json', 'project/documents/x.jsonl', 'project/.git/config']) {
      const c = capture();
      expect(await runCli(['export', '--annotator', 'alice', '--out', out, 'project'], c.io)).toBe(1);
      expect(c.err()).toContain(`factmark export: Cannot export to ${join(root, out)}: it is inside the project's own files`);
      expect(c.out()).toBe('');
    }
    expect(await readFile(join(project, 'project.json'), 'utf8')).toBe(projectJson);
    await writeFile(join(root, 'mine.conll'), 'not an export\n');
    const refused = capture();
    expect(await runCli(['export', '--format', 'conll', '--annotator', 'alice', '--out', 'mine.conll', 'project'], refused.io)).toBe(1);
    expect(refused.err()).toContain('no Factmark dataset card beside it (mine.conll.README.md) records it as an export');
    expect(await readFile(join(root, 'mine.conll'), 'utf8')).toBe('not an export\n');
    for (let i = 0; i < 2; i++) {
      const again = capture();
      expect(await runCli(['export', '--format', 'conll', '--annotator', 'alice', '--out', 'ours.conll', 'project'], again.io)).toBe(0);
      expect(again.out()).toContain(`Dataset card: ${join(root, 'ours.conll.README.md')}`);
    }
  });
});
