import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashTree, removeTempDirs, tempDir } from '../services/serviceTestKit';
import { cliBundle, spawnCli } from './cliProcessKit';
import { runCli } from './runCli';

/** Folders made read-only, made writable again before they are removed. */
const locked: string[] = [];
afterEach(async () => {
  const writable = (d: string) => {
    chmodSync(d, 0o755);
    for (const n of readdirSync(d)) if (statSync(join(d, n)).isDirectory()) writable(join(d, n));
  };
  for (const d of locked.splice(0)) writable(d);
  await removeTempDirs();
}, 60_000);

/**
 * A project the user cannot write to (a folder without write permission; a read-only disk acts
 * the same). As root every folder is writable, so the commands then run as the "nobody" user,
 * to whom the project folder is read-only.
 */
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function readOnlyFor(dir: string) {
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      chmodSync(p, statSync(p).isDirectory() ? 0o555 : 0o444);
    }
  };
  walk(dir);
  chmodSync(dir, 0o555);
  locked.push(dir);
}

async function run(args: string[]) {
  const opts = asRoot ? { uid: NOBODY, gid: NOBODY, env: { ...process.env, HOME: '/tmp', FACTMARK_DATA_DIR: tempDir() } } : {};
  if (asRoot) chmodSync(opts.env?.FACTMARK_DATA_DIR as string, 0o777);
  const child = await spawnCli(args, opts);
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

describe('a project that cannot be written', () => {
  it.skipIf(process.platform === 'win32')('is read and exported to a writable folder, and an import is refused saying why', async () => {
    const root = tempDir();
    const dir = join(root, 'project');
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    expect(await runCli(['init', dir], quiet)).toBe(0);
    const input = join(root, 'records.jsonl');
    writeFileSync(input, `${JSON.stringify({ text: 'Officials in Aleppo said 12 people were hurt.', spans: [{ start: 0, end: 9, label: 'actor' }] })}\n`);
    expect(await runCli(['import', dir, input, '--annotator', 'ann'], quiet)).toBe(0);
    const out = join(tempDir(), 'out');
    mkdirSync(out);
    if (asRoot) {
      // The child (nobody) must reach the bundle, the input and the output, not write the project.
      for (let d = dirname(await cliBundle()); d !== dirname(d); d = dirname(d)) if (d.includes('factmark-')) chmodSync(d, 0o755);
      for (const d of [root, dirname(out)]) chmodSync(d, 0o755);
      chmodSync(out, 0o777);
      chmodSync(input, 0o644);
    }
    readOnlyFor(dir);
    const before = hashTree(dir);

    const exported = await run(['export', dir, '--scope', 'all', '--annotator', 'ann', '--out', join(out, 'spans.jsonl')]);
    expect(exported.code, exported.stderr).toBe(0);
    const line = JSON.parse(readFileSync(join(out, 'spans.jsonl'), 'utf8').split('\n')[0] as string) as { text: string };
    expect(line.text).toBe('Officials in Aleppo said 12 people were hurt.');

    const validated = await run(['validate', dir]);
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);

    const refused = await run(['import', dir, input, '--annotator', 'ann']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`This project is open read-only: ${dir} cannot be changed (you do not have permission to write to it).`);
    expect(refused.stderr).toContain('Nothing was imported.');
    // Nothing was written: no lock, no temp file, no journal.
    expect(hashTree(dir)).toEqual(before);
  }, 180_000);
});
