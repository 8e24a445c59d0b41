import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { corpusDir } from '../paths';
import { VERSION } from '../version';
import type { CliIo } from './io';
import { runCli } from './runCli';
import { withoutProgress } from './cliTestKit';
import { reportFailure } from './cliService';
import { USAGE } from './usage';

const DOC_ID = '000_341b31175584a5d7';

let root: string;
let project: string;

interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
}

function capture(extra: Partial<CliIo> = {}): Captured {
  let out = '';
  let err = '';
  return {
    io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root, ...extra },
    out: () => out,
    err: () => err,
  };
}

/** A saved annotation file, as the app writes it, for annotator alice, status done, 2 spans. */
async function saveAliceAnnotations(): Promise<{ text: string }> {
  const bytes = await readFile(join(project, 'documents', `${DOC_ID}.txt`));
  const text = bytes.toString('utf8');
  const russia = text.indexOf('Russia has promised');
  const hours = text.indexOf('72 hours');
  const at = '2026-11-22T10:00:00.000Z';
  const span = (id: string, start: number, end: number, label: string) => ({
    id,
    start,
    end,
    label,
    quote: text.slice(start, end),
    createdAt: at,
    updatedAt: at,
  });
  const file = {
    schemaVersion: 1,
    docId: DOC_ID,
    textSha256: createHash('sha256').update(bytes).digest('hex'),
    annotator: 'alice',
    status: 'done',
    spans: [span('s1', russia, russia + 6, 'actor'), span('s2', hours, hours + 8, 'number')],
    updatedAt: at,
  };
  await mkdir(join(project, 'annotations', 'alice'), { recursive: true });
  await writeFile(join(project, 'annotations', 'alice', `${DOC_ID}.json`), `${JSON.stringify(file, null, 2)}\n`);
  return { text };
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-cli-test-'));
  project = join(root, 'project');
  await cp(corpusDir(), project, { recursive: true });
  // The user's real settings are never read by these tests.
  vi.stubEnv('FACTMARK_DATA_DIR', join(root, 'user-data'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

describe('runCli: help, version, usage errors', () => {
  it('prints the usage for help and --help', async () => {
    for (const argv of [['help'], ['--help'], ['export', '--help']]) {
      const c = capture();
      expect(await runCli(argv, c.io)).toBe(0);
      expect(c.out()).toBe(USAGE);
    }
  });

  it('prints the version', async () => {
    const c = capture();
    expect(await runCli(['--version'], c.io)).toBe(0);
    expect(c.out()).toBe(`${VERSION}\n`);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 1 with a message for no command, an unknown command or bad options', async () => {
    const none = capture();
    expect(await runCli([], none.io)).toBe(1);
    expect(none.err()).toContain('Usage:');

    const unknown = capture();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(1);
    expect(unknown.err()).toContain('unknown command "frobnicate"');

    const badUnit = capture();
    expect(await runCli(['export', '--unit', 'bytes', project], badUnit.io)).toBe(1);
    expect(badUnit.err()).toContain('--unit must be codepoint or utf16');

    const badOption = capture();
    expect(await runCli(['export', '--colour', 'red', project], badOption.io)).toBe(1);
    expect(badOption.err()).toContain("Unknown option '--colour'");

    const contradiction = capture();
    expect(await runCli(['export', '--all', '--scope', 'done', project], contradiction.io)).toBe(1);

    const badPort = capture();
    expect(await runCli(['serve', '--port', '99999'], badPort.io)).toBe(1);
    expect(badPort.err()).toContain('--port must be a number from 0 to 65535');

    const badName = capture();
    expect(await runCli(['export', '--annotator', '../etc', project], badName.io)).toBe(1);
    expect(badName.err()).toContain('not a valid annotator name');
  });
});

describe('factmark export', () => {
  it('exports the documents marked done for the annotator, offsets in code points', async () => {
    const { text } = await saveAliceAnnotations();
    const out = join(root, 'out.jsonl');
    const c = capture();
    expect(await runCli(['export', '--format', 'jsonl', '--out', 'out.jsonl', '--annotator', 'alice', 'project'], c.io)).toBe(0);
    expect(withoutProgress(c.err())).toBe('');
    expect(c.out().split('\n')[0]).toBe(`Exported 1 documents, 2 spans (offsets in code points) to ${out}`);

    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(record.id).toBe(DOC_ID);
    expect(record.text).toBe(text);
    expect(record.spans.map((s: { label: string; text: string }) => [s.label, s.text])).toEqual([
      ['actor', 'Russia'],
      ['number', '72 hours'],
    ]);
    expect(record.meta).toMatchObject({ annotator: 'alice', status: 'done', offset_unit: 'codepoint' });
  });

  it('exports every document with --all, in UTF-16 units when asked', async () => {
    await saveAliceAnnotations();
    const c = capture();
    expect(await runCli(['export', '--all', '--unit', 'utf16', '--annotator', 'alice', '--out', 'all.jsonl', project], c.io)).toBe(0);
    const documents = (await readdir(join(project, 'documents'))).filter((f) => f.endsWith('.txt')).length;
    expect(c.out()).toContain(`Exported ${documents} documents, 2 spans (offsets in UTF-16 code units) to ${join(root, 'all.jsonl')}`);
    expect((await readFile(join(root, 'all.jsonl'), 'utf8')).trimEnd().split('\n')).toHaveLength(documents);
  });

  it('reads the annotator from the app settings without changing them', async () => {
    await saveAliceAnnotations();
    const dataDir = join(root, 'user-data');
    await mkdir(dataDir, { recursive: true });
    const settings = `${JSON.stringify({ schemaVersion: 1, annotator: 'alice', recentProjects: [], lastProject: null }, null, 2)}\n`;
    await writeFile(join(dataDir, 'settings.json'), settings);
    const c = capture();
    expect(await runCli(['export', '--out', 'x.jsonl', project], c.io)).toBe(0);
    expect(c.out()).toContain('Exported 1 documents, 2 spans');
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).toBe(settings);
    expect(await readdir(dataDir)).toEqual(['settings.json']);
  });

  it('refuses an empty export, and writes the default file under exports/ for --all', async () => {
    await saveAliceAnnotations();
    const none = capture();
    expect(await runCli(['export', '--annotator', 'alice', '--scope', 'in_progress', project], none.io)).toBe(1);
    expect(none.err()).toContain('factmark export: No documents with status in_progress to export');
    const all = capture();
    expect(await runCli(['export', '--annotator', 'alice', '--scope', 'all', project], all.io)).toBe(0);
    expect(all.out()).toMatch(/^Exported \d+ documents, 2 spans \(offsets in code points\) to .*\/project\/exports\/[^/]+\.jsonl\n/);
  });

  it('exits 1 with the reason when the project cannot be opened', async () => {
    const c = capture();
    expect(await runCli(['export', '--annotator', 'alice', join(root, 'nowhere')], c.io)).toBe(1);
    expect(c.err()).toMatch(/^factmark export: .+/);
    expect(c.out()).toBe('');
  });

  it('exits 1 when the output folder does not exist', async () => {
    await saveAliceAnnotations();
    const c = capture();
    expect(await runCli(['export', '--annotator', 'alice', '--out', 'missing/dir/out.jsonl', project], c.io)).toBe(1);
    expect(c.err()).toContain('does not exist');
  });
});

describe('factmark init and import', () => {
  it('creates a project, imports files into it and reports each file', async () => {
    const dir = join(root, 'new-project');
    const init = capture();
    expect(await runCli(['init', 'new-project', '--name', 'My study'], init.io)).toBe(0);
    expect(init.out()).toContain(`Created project "My study" in ${dir}`);
    const projectJson = JSON.parse(await readFile(join(dir, 'project.json'), 'utf8'));
    expect(projectJson.name).toBe('My study');

    await writeFile(join(root, 'good.txt'), 'Officials said 40 people were hurt.\r\nThe count rose later.\r\n');
    await writeFile(join(root, 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    const c = capture();
    const code = await runCli(['import', 'new-project', 'good.txt', 'binary.txt', 'absent.txt'], c.io);
    expect(code).toBe(1);
    const lines = c.out().split('\n');
    expect(lines.find((l) => l.startsWith('imported good.txt as '))).toBeTruthy();
    expect(lines.some((l) => l.startsWith('         note: '))).toBe(true);
    expect(lines.find((l) => l.startsWith('refused  binary.txt: '))).toBeTruthy();
    expect(lines.find((l) => l.startsWith('refused  absent.txt: cannot read'))).toBeTruthy();
    expect(c.out()).toContain(`Imported 1 of 3 files into ${dir}`);
    const texts = (await readdir(join(dir, 'documents'))).filter((f) => f.endsWith('.txt'));
    expect(texts).toHaveLength(1);
    expect(await readFile(join(dir, 'documents', texts[0]!), 'utf8')).toBe(
      'Officials said 40 people were hurt.\nThe count rose later.\n',
    );
  });

  it('exits 0 when every file is imported', async () => {
    await writeFile(join(root, 'a.md'), '# A headline\n\nSome body text.\n');
    const c = capture();
    expect(await runCli(['import', project, 'a.md'], c.io)).toBe(0);
    expect(c.out()).toContain('Imported 1 of 1 files');
  });

  it('refuses to init over an existing project', async () => {
    const c = capture();
    expect(await runCli(['init', project], c.io)).toBe(1);
    expect(c.err()).toContain('already a Factmark project');
  });

  it('needs a project and files for import', async () => {
    const c = capture();
    expect(await runCli(['import', project], c.io)).toBe(1);
    expect(c.err()).toContain('import needs a PROJECT_DIR and at least one FILE');
  });
});

describe('factmark serve', () => {
  it('refuses to start without a built UI', async () => {
    const c = capture({ staticDir: join(root, 'no-build') });
    expect(await runCli(['serve'], c.io)).toBe(1);
    expect(c.err()).toContain('run npm run build');
  });

  it('prints the address with the token, serves the API and stops on request', async () => {
    const staticDir = join(root, 'renderer');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Factmark</title>');
    const stop = new AbortController();
    let out = '';
    let printed: () => void = () => {};
    const ready = new Promise<void>((r) => (printed = r));
    const running = runCli(['serve', '--project', 'project', '--data-dir', 'data'], {
      stdout: (t) => {
        out += t;
        if (out.includes('Ctrl+C')) printed();
      },
      stderr: (t) => void (out += t),
      cwd: root,
      staticDir,
      stopSignal: stop.signal,
    });
    await ready;
    const lines = out.split('\n');
    const match = /^Factmark is serving on (http:\/\/127\.0\.0\.1:(\d+)\/)\?token=([A-Za-z0-9_-]+)$/.exec(lines[0]!);
    expect(match).not.toBeNull();
    expect(lines[1]).toBe('Open that address in a browser. Press Ctrl+C to stop.');
    const [, base, , token] = match!;

    const page = await fetch(`${base}?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Factmark');

    const res = await fetch(`${base}api/getSession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-factmark-token': token! },
      body: '{}',
    });
    const session = await res.json();
    expect(session.ok).toBe(true);
    expect(session.value.project.path).toBe(project);
    expect(session.value.version).toBe(VERSION);

    stop.abort();
    expect(await running).toBe(0);
    expect(out).toContain('Factmark stopped.');
    await expect(fetch(base!)).rejects.toThrow();
  });
});

describe('exit codes', () => {
  it('answers 1 for a user error and 2 only for an internal one, with the message on stderr', () => {
    const lines: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => void lines.push(t) };
    expect(reportFailure(io, 'export', { code: 'no-project', message: 'No project is open.' })).toBe(1);
    expect(reportFailure(io, 'export', { code: 'internal', message: 'Unexpected error: boom' })).toBe(2);
    expect(lines).toEqual(['factmark export: No project is open.\n', 'factmark export: Unexpected error: boom\n']);
  });
});
