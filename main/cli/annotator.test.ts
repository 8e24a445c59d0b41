import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { corpusDir } from '../paths';
import { createFactmarkService, suggestedAnnotatorName } from '../services/factmarkService';
import { cliAnnotator } from './annotator';
import type { CliIo } from './io';
import { runCli } from './runCli';
import { withoutProgress } from './cliTestKit';

/**
 * Issue 14, item 11: the CLI acts as the same annotator as `factmark serve` on the same data
 * folder, and an export never holds nobody's work silently while others have some.
 */
let root: string;
let project: string;
let docIds: string[];

function capture() {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root };
  return { io, out: () => out, err: () => err };
}

/** `count` spans (actors on the first words) in each of the first `docs` documents, for `annotator`. */
async function annotate(annotator: string, count: number, { docs = docIds.length, status = 'done' } = {}) {
  await mkdir(join(project, 'annotations', annotator), { recursive: true });
  for (const docId of docIds.slice(0, docs)) {
    const bytes = await readFile(join(project, 'documents', `${docId}.txt`));
    const text = bytes.toString('utf8');
    const words = [...text.matchAll(/\p{L}+/gu)].slice(0, count);
    const at = '2026-11-22T10:00:00.000Z';
    const spans = words.map((m, i) => ({ id: `s${i}`, start: m.index, end: m.index + m[0].length, label: 'actor', quote: m[0], createdAt: at, updatedAt: at }));
    const file = { schemaVersion: 1, docId, textSha256: createHash('sha256').update(bytes).digest('hex'), annotator, status, spans, updatedAt: at };
    await writeFile(join(project, 'annotations', annotator, `${docId}.json`), `${JSON.stringify(file, null, 2)}\n`);
  }
}

async function saveSettings(dataDir: string, annotator: string) {
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'settings.json'), `${JSON.stringify({ schemaVersion: 1, annotator, recentProjects: [], lastProject: null }, null, 2)}\n`);
}

async function exportedSpans(file: string): Promise<{ annotators: string[]; spans: number }> {
  const records = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { spans: unknown[]; meta: { annotator: string } });
  return { annotators: [...new Set(records.map((r) => r.meta.annotator))], spans: records.reduce((n, r) => n + r.spans.length, 0) };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-cli-annotator-'));
  project = join(root, 'project');
  await cp(corpusDir(), project, { recursive: true });
  docIds = (await readdir(join(project, 'documents'))).filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -4)).sort();
  // No settings there: the CLI's default annotator is the OS user's name, as on a fresh machine.
  vi.stubEnv('FACTMARK_DATA_DIR', join(root, 'user-data'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

describe('the CLI and serve agree on the annotator', () => {
  it('reads the settings of the data folder serve uses (--data-dir), else the OS user name, as serve proposes it', async () => {
    const dataDir = join(root, 'served-data');
    // What `factmark serve --data-dir served-data` saves when the user picks a name in the browser.
    const served = createFactmarkService({ dataDir, corpusDir: corpusDir(), version: 'test' });
    await served.setAnnotator({ name: 'alice' });
    await served.dispose();
    expect(await cliAnnotator({ 'data-dir': 'served-data' }, root)).toMatchObject({ name: 'alice', source: 'settings' });
    // Without --data-dir: FACTMARK_DATA_DIR (no settings there): the name serve would propose.
    const fresh = createFactmarkService({ dataDir: join(root, 'user-data'), corpusDir: corpusDir(), version: 'test' });
    const session = await fresh.getSession({});
    await fresh.dispose();
    expect(session.ok && session.value.annotator).toBe(null);
    expect(await cliAnnotator({}, root)).toMatchObject({ name: session.ok ? session.value.suggestedAnnotator : '', source: 'os-user' });
    expect((await cliAnnotator({ annotator: ' bob ', 'data-dir': 'served-data' }, root)).name).toBe('bob');
  });

  it('export --data-dir exports the app\'s annotator, and says whose work it is', async () => {
    await annotate('alice', 2);
    await annotate('bob', 3);
    await saveSettings(join(root, 'served-data'), 'bob');
    const c = capture();
    expect(await runCli(['export', '--data-dir', 'served-data', '--out', 'out.jsonl', 'project'], c.io)).toBe(0);
    expect(await exportedSpans(join(root, 'out.jsonl'))).toEqual({ annotators: ['bob'], spans: 3 * docIds.length });
    expect(c.err()).toContain(`Exporting the annotations of bob (the app's annotator, saved in ${join(root, 'served-data', 'settings.json')})`);
  });

  it('import, suggest, repair, sync and review take --data-dir too', async () => {
    await saveSettings(join(root, 'served-data'), 'carol');
    await writeFile(join(root, 'tagged.jsonl'), `${JSON.stringify({ text: 'Reuters said 40 people were hurt.', label: [[0, 7, 'actor']] })}\n`);
    const c = capture();
    expect(await runCli(['import', 'project', 'tagged.jsonl', '--data-dir', 'served-data'], c.io)).toBe(0);
    expect(c.out()).toMatch(/\(1 spans for carol\)/);
    expect((await readdir(join(project, 'annotations'))).sort()).toEqual(['carol']);
    for (const command of ['suggest', 'repair', 'sync', 'review']) {
      // Each accepts the option (a usage error would exit 1 with "Unknown option").
      const u = capture();
      await runCli([command, '--data-dir', 'served-data', '--annotator', '../bad', 'project'], u.io);
      expect(u.err(), command).not.toContain('Unknown option');
    }
  });
});

describe('factmark export never exports nobody\'s work silently', () => {
  it('fails with exit 1 naming the annotators who have spans, when the default annotator has none', async () => {
    // The case: the OS user has tagged nothing; two others have.
    await annotate('alice', 4);
    await annotate('bob', 1, { docs: 2 });
    const c = capture();
    expect(await runCli(['export', '--out', 'out.jsonl', 'project'], c.io)).toBe(1);
    const me = suggestedAnnotatorName();
    expect(c.err()).toContain(`factmark export: nothing of ${me} (your OS user name: no annotator is saved in ${join(root, 'user-data', 'settings.json')}) to export`);
    expect(c.err()).toContain(`alice has ${4 * docIds.length} spans and bob has 2 spans`);
    expect(c.err()).toContain('--annotator NAME');
    expect(c.out()).toBe('');
    expect(await readdir(root)).not.toContain('out.jsonl');
  });

  it('takes the project\'s only annotator when the default one has no annotations, and says so', async () => {
    await annotate('alice', 2);
    const c = capture();
    expect(await runCli(['export', '--out', 'out.jsonl', 'project'], c.io)).toBe(0);
    expect(c.err()).toMatch(/has no annotations in this project; exporting those of alice, its only annotator \(10 spans in documents marked done\)/);
    expect(await exportedSpans(join(root, 'out.jsonl'))).toEqual({ annotators: ['alice'], spans: 2 * docIds.length });
  });

  it('refuses a named annotator without annotations (a typo) while others have spans', async () => {
    await annotate('alice', 1);
    const c = capture();
    expect(await runCli(['export', '--annotator', 'alcie', '--scope', 'all', 'project'], c.io)).toBe(1);
    expect(c.err()).toContain(`nothing of "alcie" to export: no spans in any document, while alice has ${docIds.length} spans`);
  });

  it('exports a named annotator whose documents hold no spans (nothing to tag there), with a note', async () => {
    await annotate('alice', 1);
    await annotate('bob', 0);
    const c = capture();
    expect(await runCli(['export', '--annotator', 'bob', '--out', 'bob.jsonl', 'project'], c.io)).toBe(0);
    expect(c.err()).toContain(`bob has no spans in documents marked done; alice has ${docIds.length} spans.`);
    expect(await exportedSpans(join(root, 'bob.jsonl'))).toEqual({ annotators: ['bob'], spans: 0 });
  });

  it('an export where nobody has spans in scope is not refused for that', async () => {
    await annotate('alice', 2, { status: 'in_progress' });
    const c = capture();
    expect(await runCli(['export', '--annotator', 'alice', '--scope', 'done', 'project'], c.io)).toBe(1);
    expect(c.err()).toContain('No documents are marked done');
    const all = capture();
    expect(await runCli(['export', '--annotator', 'alice', '--scope', 'in_progress', '--out', 'ip.jsonl', 'project'], all.io)).toBe(0);
    expect(withoutProgress(all.err())).toBe('');
  });

  it('gold is the default when the project has it; a named annotator is exported even then', async () => {
    await annotate('alice', 2);
    await annotate('gold', 1);
    await saveSettings(join(root, 'user-data'), 'alice');
    const byDefault = capture();
    expect(await runCli(['export', '--out', 'default.jsonl', 'project'], byDefault.io)).toBe(0);
    expect(byDefault.err()).toContain('Exporting the annotations of gold (the adjudicated annotations');
    expect(await exportedSpans(join(root, 'default.jsonl'))).toEqual({ annotators: ['gold'], spans: docIds.length });
    const named = capture();
    expect(await runCli(['export', '--annotator', 'alice', '--out', 'alice.jsonl', 'project'], named.io)).toBe(0);
    expect(withoutProgress(named.err())).toBe('');
    expect(await exportedSpans(join(root, 'alice.jsonl'))).toEqual({ annotators: ['alice'], spans: 2 * docIds.length });
  });
});
