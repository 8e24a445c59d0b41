import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { runCli } from './runCli';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-sync-cli-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: root };
  const code = await runCli(argv, io);
  return { code, out, err };
}
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const identity = (cwd: string, name: string) => {
  git(cwd, 'config', 'user.name', name);
  git(cwd, 'config', 'user.email', `${name}@example.org`);
};

async function renameProject(dir: string, name: string) {
  const file = join(dir, 'project.json');
  const p = JSON.parse(await readFile(file, 'utf8')) as { name: string };
  p.name = name;
  await writeFile(file, `${JSON.stringify(p, null, 2)}\n`);
}

describe('factmark sync', () => {
  it('shares a project on a new remote, brings in a teammate\'s document, and settles a conflict with --keep', async () => {
    const a = join(root, 'alice');
    const b = join(root, 'bob');
    const remote = join(root, 'shared', 'team.git');
    expect((await cli('init', a, '--name', 'Team')).code).toBe(0);
    await writeFile(join(root, 'first.txt'), 'The first article.\n');
    expect((await cli('import', a, join(root, 'first.txt'), '--annotator', 'alice')).code).toBe(0);

    git(a, 'init', '-q', '-b', 'main');
    identity(a, 'Alice');
    const shared = await cli('sync', '--remote', remote, '--annotator', 'alice', a);
    expect(shared.err).toContain(`Remote set to ${remote} (a new shared repository was created there).`);
    expect(shared.out).toContain('Your commits were sent to the remote.');
    expect(shared.code).toBe(0);

    git(root, 'clone', '-q', remote, b);
    identity(b, 'Bob');
    await writeFile(join(root, 'second.txt'), 'The second article.\n');
    expect((await cli('import', b, join(root, 'second.txt'), '--annotator', 'bob')).code).toBe(0);
    expect((await cli('sync', '--annotator', 'bob', b)).code).toBe(0);

    const got = await cli('sync', '--annotator', 'alice', a);
    expect(got.code).toBe(0);
    expect(got.out).toContain('New documents (1): The second article.');

    await renameProject(a, 'Team (alice)');
    expect((await cli('sync', '--annotator', 'alice', a)).code).toBe(0);
    await renameProject(b, 'Team (bob)');
    const stopped = await cli('sync', '--annotator', 'bob', b);
    expect(stopped.code).toBe(1);
    expect(stopped.out).toContain('conflict: project.json (a combined version is offered)');
    expect(stopped.out).toContain('factmark sync --keep mine|theirs');

    const kept = await cli('sync', '--keep', 'theirs', '--annotator', 'bob', b);
    expect(kept.code).toBe(0);
    expect((JSON.parse(await readFile(join(b, 'project.json'), 'utf8')) as { name: string }).name).toBe('Team (alice)');
  });

  it('refuses a project with no remote with a sentence, exit 1', async () => {
    const a = join(root, 'solo');
    expect((await cli('init', a)).code).toBe(0);
    const r = await cli('sync', '--annotator', 'alice', a);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/is not a git repository yet; set a remote in Sync \(or run `factmark sync --remote URL`\)/);
  });
});
