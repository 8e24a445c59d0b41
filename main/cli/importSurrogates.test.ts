import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from './io';
import { runCli } from './runCli';

/**
 * An escaped unpaired surrogate ("\ud800") in an imported JSON(L) file is not a character: stored
 * as UTF-8 it would turn into U+FFFD and `factmark validate` would then find the quotes and
 * offsets wrong. The import refuses it, naming the line and the field (issue 13, item 4).
 */
let root: string;

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root }, out: () => out, err: () => err };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const p = join(e.parentPath, e.name);
    // The folders of the locks an import holds while it runs are this machine's state, not the project's.
    if (e.isDirectory() && /^\.factmark(\/locks(\/files)?)?$/.test(relative(dir, p))) continue;
    out[relative(dir, p)] = e.isFile() ? createHash('sha256').update(await readFile(p)).digest('hex') : 'dir';
  }
  return out;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-surrogate-test-'));
  vi.stubEnv('FACTMARK_DATA_DIR', join(root, 'user-data'));
  expect(await runCli(['init', 'p', '--name', 'Surrogates'], capture().io)).toBe(0);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(root, { recursive: true, force: true });
});

describe('unpaired surrogates in an imported file', () => {
  it.each([
    ['the text', '{"text": "A claim \\ud800 here.", "spans": [{"start": 6, "end": 9, "label": "claim"}]}', 'the text holds an unpaired UTF-16 surrogate (\\ud800) at character 9'],
    ['a label', '{"text": "A claim here.", "spans": [{"start": 2, "end": 7, "label": "cl\\udc00aim"}]}', 'the label of span 1 holds an unpaired UTF-16 surrogate (\\udc00) at character 3'],
    ['a title', '{"text": "A claim here.", "spans": [], "meta": {"title": "T\\ud83d"}}', 'the title holds an unpaired UTF-16 surrogate (\\ud83d) at character 2'],
  ])('in %s: refused at import naming the line, so validate never sees it', async (_what, record, reason) => {
    await writeFile(join(root, 'lone.jsonl'), `{"text": "A fine record.", "spans": []}\n${record}\n`);
    const before = await snapshot(join(root, 'p'));
    const c = capture();
    expect(await runCli(['import', 'p', 'lone.jsonl', '--annotator', 'alice', '--add-labels'], c.io)).toBe(1);
    expect(c.out() + c.err()).toContain(`lone.jsonl, line 2: ${reason}`);
    expect(await snapshot(join(root, 'p'))).toEqual(before);
    expect(await runCli(['validate', 'p'], capture().io)).toBe(0);
  });

  it('a well-formed astral character (a surrogate pair) imports and validates', async () => {
    await writeFile(join(root, 'astral.jsonl'), '{"text": "Rescue \\ud83d\\ude91 arrived.", "spans": [{"start": 7, "end": 8, "label": "actor"}]}\n');
    expect(await runCli(['import', 'p', 'astral.jsonl', '--annotator', 'alice'], capture().io)).toBe(0);
    expect(await runCli(['validate', 'p'], capture().io)).toBe(0);
  });
});
