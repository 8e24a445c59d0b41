import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanProject } from '../services/projectCheck';
import { makeService, removeTempDirs, tempDir, unwrap } from '../services/serviceTestKit';
import { spawnCli } from './cliProcessKit';
import { runCli } from './runCli';

// Child processes writing thousands of files: generous limits for a loaded machine (they wait for conditions, never for fixed times).
const SLOW = 240_000;
afterEach(removeTempDirs, 60_000);

/** A JSON Lines file of `n` distinct records with one span each. */
function records(file: string, n: number, tag: string) {
  const lines = Array.from({ length: n }, (_, i) => JSON.stringify({ text: `Officials in ${tag} said ${i} people were hurt.`, spans: [{ start: 0, end: 9, label: 'actor' }] }));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function newProject() {
  const dir = join(tempDir(), 'project');
  const out: string[] = [];
  const code = await runCli(['init', dir], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
  expect(code, out.join('')).toBe(0);
  return dir;
}

const documentCount = (dir: string) => (existsSync(join(dir, 'documents')) ? readdirSync(join(dir, 'documents')).filter((n) => /^[^.].*\.json$/.test(n)).length : 0);
const annotationCount = (dir: string) => (existsSync(join(dir, 'annotations', 'ann')) ? readdirSync(join(dir, 'annotations', 'ann')).filter((n) => /^[^.].*\.json$/.test(n)).length : 0);
/** Every file and folder under the project, hidden ones included, except the ones a healthy project has. */
function strays(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tmp') || /\.json\.\d+$/.test(e.name) || p.includes(`${join('.factmark', 'journal')}`)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** What the next start does: open the project (any window, serve, the CLI), then check it like `factmark validate`. */
async function nextStart(dir: string) {
  unwrap(await makeService({ annotator: 'someone' }).service.openProject({ path: dir }));
  return { documents: documentCount(dir), annotations: annotationCount(dir), issues: (await scanProject(dir)).issues, strays: strays(dir) };
}

describe('an import killed or stopped part-way', () => {
  it('killed (SIGKILL) while writing the files: the next start completes it, and nothing is half there', async () => {
    const dir = await newProject();
    const input = join(tempDir(), 'records.jsonl');
    records(input, 2000, 'Aleppo');
    const run = await spawnCli(['import', dir, input, '--annotator', 'ann']);
    // Kill it once files are landing in the project: the plan is committed, the writing under way.
    while (documentCount(dir) === 0 && readdirSync(join(dir, 'documents')).length === 0) {
      if (run.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    run.child.kill('SIGKILL');
    const { signal } = await run.exited;
    expect(signal).toBe('SIGKILL');
    const after = await nextStart(dir);
    expect(after).toEqual({ documents: 2000, annotations: 2000, issues: [], strays: [] });
  }, SLOW);

  it('killed while still planning: nothing of it is in the project, and the same import then works', async () => {
    const dir = await newProject();
    const input = join(tempDir(), 'records.jsonl');
    records(input, 2000, 'Idlib');
    const run = await spawnCli(['import', dir, input, '--annotator', 'ann']);
    // The plan is being written (a journal exists) but no project file yet.
    while (!existsSync(join(dir, '.factmark', 'journal')) || readdirSync(join(dir, '.factmark', 'journal')).length === 0) {
      if (run.child.exitCode !== null) throw new Error(`the import ended first: ${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    run.child.kill('SIGKILL');
    await run.exited;
    const after = await nextStart(dir);
    // All of it or none of it: a kill this early leaves none.
    expect([0, 2000]).toContain(after.documents);
    expect(after.issues).toEqual([]);
    expect(after.strays).toEqual([]);
    const again = await spawnCli(['import', dir, input, '--annotator', 'ann']);
    expect((await again.exited).code, again.stdout() + again.stderr()).toBe(0);
    expect(await nextStart(dir)).toEqual({ documents: 2000, annotations: 2000, issues: [], strays: [] });
  }, SLOW);

  it('Ctrl+C: the file being written is dropped, those before it stay, it says which; running it again resumes', async () => {
    const dir = await newProject();
    const folder = tempDir();
    // 2,000 documents are 6,000 files: a batch of their own.
    records(join(folder, 'a.jsonl'), 2000, 'Hama');
    records(join(folder, 'b.jsonl'), 1000, 'Homs');
    records(join(folder, 'c.jsonl'), 2000, 'Daraa');
    const run = await spawnCli(['import', dir, folder, '--annotator', 'ann']);
    // Stop while a.jsonl's files are being written (its own batch): it is finished, what follows is not started.
    await run.waitForLine(/a\.jsonl: [\d,]+\/6,000 files written/);
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    const imported = [...run.stdout().matchAll(/^imported .*\/(\w)\.jsonl as \d+ documents/gm)].map((m) => m[1]);
    const stopped = [...run.stdout().matchAll(/^refused .*\/(\w)\.jsonl: not imported: the import was stopped/gm)].map((m) => m[1]);
    expect(imported[0]).toBe('a');
    // On a very slow machine the signal may land after b was written too; never in the middle of a file.
    expect([...imported, ...stopped].sort()).toEqual(['a', 'b', 'c']);
    expect(stopped.length).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/stopped\. The files listed as imported are complete/);
    const docs = imported.reduce((n, f) => n + (f === 'b' ? 1000 : 2000), 0);
    expect(await nextStart(dir)).toEqual({ documents: docs, annotations: docs, issues: [], strays: [] });
    // The same command again: the files already in are recognised, the rest go in.
    const again = await spawnCli(['import', dir, folder, '--annotator', 'ann']);
    expect((await again.exited).code, again.stdout() + again.stderr()).toBe(0);
    expect(again.stdout()).toMatch(/already .*a\.jsonl: imported earlier as 2000 documents; nothing written/);
    expect(await nextStart(dir)).toEqual({ documents: 5000, annotations: 5000, issues: [], strays: [] });
  }, SLOW);
});
