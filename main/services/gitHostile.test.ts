import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FactmarkHandlers } from '../../shared/api/contract';
import type { SyncOutcome } from '../../shared/api/syncViews';
import { failure, importText, makeService, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';

/**
 * A shared project is a hostile teammate's to shape: its .git/config (and the files it
 * includes), its hooks, its .gitattributes and the shared (bare) remote's hooks may all name
 * programs. Each one here writes a marker file when run; opening the project, polling its
 * status, syncing, merging and resolving a conflict must leave no marker (docs/security.md).
 */
const TEXT = 'The minister said that 300 people were evacuated from the city on Tuesday.\n';
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of disposers.splice(0)) await d();
  await removeTempDirs();
});
const track = (service: FactmarkHandlers) => {
  disposers.push(() => (service as unknown as { dispose(): Promise<void> }).dispose());
  return service;
};

function synced(outcome: SyncOutcome) {
  if (outcome.state !== 'synced') throw new Error(`expected synced, got ${outcome.state}`);
  return outcome;
}

/** A folder of marker scripts: `script(name)` writes one that creates markers/<name> (and passes stdin through). */
function markers() {
  const root = tempDir('factmark-markers-');
  const bin = join(root, 'bin');
  const out = join(root, 'ran');
  mkdirSync(bin);
  mkdirSync(out);
  const script = (name: string, exit = 0) => {
    const file = join(bin, name);
    writeFileSync(file, `#!/bin/sh\ntouch '${join(out, name)}'\ncat >/dev/null 2>&1 </dev/null\nexit ${exit}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  /** A filter that passes its input through, so a run that was not stopped still works. */
  const filter = (name: string) => {
    const file = join(bin, name);
    writeFileSync(file, `#!/bin/sh\ntouch '${join(out, name)}'\ncat\n`);
    chmodSync(file, 0o755);
    return file;
  };
  const ran = () => readdirSync(out).sort();
  return { root, bin, script, filter, ran };
}

const HOOKS = [
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'pre-commit', 'pre-merge-commit', 'prepare-commit-msg', 'commit-msg',
  'post-commit', 'pre-rebase', 'post-checkout', 'post-merge', 'pre-push', 'pre-receive', 'update', 'proc-receive', 'post-receive',
  'post-update', 'reference-transaction', 'push-to-checkout', 'pre-auto-gc', 'post-rewrite', 'sendemail-validate',
  'fsmonitor-watchman', 'p4-changelist', 'p4-prepare-changelist', 'p4-post-changelist', 'p4-pre-submit', 'post-index-change',
];

function plantHooks(hooksDir: string, m: ReturnType<typeof markers>, prefix: string) {
  mkdirSync(hooksDir, { recursive: true });
  for (const hook of HOOKS) {
    const file = join(hooksDir, hook);
    writeFileSync(file, `#!/bin/sh\ntouch '${join(m.root, 'ran', `${prefix}${hook}`)}'\nexit 0\n`);
    chmodSync(file, 0o755);
  }
}

/** Every setting of a repository's config that names a program, each pointing at a marker. */
function hostileConfig(m: ReturnType<typeof markers>, alternates: string): string[][] {
  return [
    ['core.fsmonitor', m.script('core.fsmonitor')],
    ['core.sshCommand', m.script('core.sshCommand', 1)],
    ['core.gitProxy', m.script('core.gitProxy', 1)],
    ['core.askPass', m.script('core.askPass')],
    ['core.editor', m.script('core.editor')],
    ['sequence.editor', m.script('sequence.editor')],
    ['core.pager', m.script('core.pager')],
    ['pager.status', m.script('pager.status')],
    ['core.alternateRefsCommand', m.script('core.alternateRefsCommand')],
    ['credential.helper', m.script('credential.helper')],
    ['diff.external', m.script('diff.external')],
    ['diff.evil.command', m.script('diff.evil.command')],
    ['diff.evil.textconv', m.filter('diff.evil.textconv')],
    ['filter.evil.clean', m.filter('filter.evil.clean')],
    ['filter.evil.smudge', m.filter('filter.evil.smudge')],
    ['filter.evil.required', 'true'],
    ['filter.proc.process', m.script('filter.proc.process')],
    ['merge.evil.driver', `${m.script('merge.evil.driver', 1)} %O %A %B`],
    ['merge.default', 'evil'],
    ['merge.verifySignatures', 'true'],
    ['commit.gpgSign', 'true'],
    ['gpg.program', m.script('gpg.program', 1)],
    ['gpg.ssh.defaultKeyCommand', m.script('gpg.ssh.defaultKeyCommand')],
    ['log.showSignature', 'true'],
    ['interactive.diffFilter', m.script('interactive.diffFilter')],
    ['remote.origin.uploadpack', m.script('remote.origin.uploadpack', 1)],
    ['remote.origin.receivepack', m.script('remote.origin.receivepack', 1)],
    ['gc.auto', '1'],
    ['protocol.allow', 'always'],
    ['core.hooksPath', join(m.root, 'config-hooks')],
    // The alternates file below makes fetch consult core.alternateRefsCommand.
    ['include.path', alternates],
  ];
}

/**
 * alice shares a project on a bare remote; bob clones it. Then the project turns hostile: the
 * remote's hooks, bob's clone's config (and a file it includes), hooks, info/attributes, and a
 * .gitattributes committed by alice that routes every file through the drivers.
 */
async function hostileTeam() {
  const m = markers();
  const remote = join(tempDir(), 'remote.git');
  const a = await projectWithAnnotator();
  track(a.service);
  const docId = await importText(a.service, 'evacuation.txt', TEXT);
  unwrap(await a.service.setSyncRemote({ url: remote }));
  git(a.dir, 'config', 'user.name', 'Alice');
  git(a.dir, 'config', 'user.email', 'alice@example.org');
  synced(unwrap(await a.service.syncProject({})).outcome);

  const bDir = join(tempDir(), 'bob-copy');
  git(tempDir(), 'clone', '-q', remote, bDir);
  git(bDir, 'config', 'user.name', 'Bob');
  git(bDir, 'config', 'user.email', 'bob@example.org');

  // The teammate's .gitattributes reaches bob with the next sync.
  writeFileSync(join(a.dir, '.gitattributes'), '* filter=evil diff=evil merge=evil\n*.json merge=evil filter=proc\n');
  git(a.dir, 'add', '.gitattributes');
  git(a.dir, 'commit', '-q', '-m', 'attributes');
  git(a.dir, 'push', '-q', 'origin', 'HEAD:main');

  plantHooks(join(remote, 'hooks'), m, 'remote-');
  git(remote, 'config', 'core.hooksPath', join(m.root, 'remote-config-hooks'));
  plantHooks(join(m.root, 'remote-config-hooks'), m, 'remote-config-');
  plantHooks(join(bDir, '.git', 'hooks'), m, 'local-');
  plantHooks(join(m.root, 'config-hooks'), m, 'config-');
  writeFileSync(join(bDir, '.git', 'info', 'attributes'), '* filter=evil diff=evil merge=evil\n');
  // Alternates: fetch asks core.alternateRefsCommand for the alternate's refs.
  writeFileSync(join(bDir, '.git', 'objects', 'info', 'alternates'), `${join(a.dir, '.git', 'objects')}\n`);
  const included = join(m.root, 'included.gitconfig');
  writeFileSync(included, `[filter "inc"]\n\tclean = ${m.filter('include.filter.clean')}\n\tsmudge = ${m.filter('include.filter.smudge')}\n[core]\n\tfsmonitor = ${m.script('include.core.fsmonitor')}\n`);
  for (const [key, value] of hostileConfig(m, included)) git(bDir, 'config', '--add', key as string, value as string);
  writeFileSync(join(bDir, '.git', 'info', 'attributes'), '* filter=evil diff=evil merge=evil\n*.txt filter=inc\n');

  const { service: bService } = makeService();
  track(bService);
  unwrap(await bService.setAnnotator({ name: 'bob' }));
  unwrap(await bService.openProject({ path: bDir }));
  return { m, remote, alice: { service: a.service, dir: a.dir }, bob: { service: bService, dir: bDir }, docId };
}

async function renameClaimLabel(service: FactmarkHandlers, name: string) {
  const project = unwrap(await service.getProject({}));
  const labels = project.labels.map((l) => (l.id === 'claim' ? { ...l, name } : l));
  unwrap(await service.applySchemaChange({ labels, relationTypes: project.relationTypes, renames: { labels: {}, attributes: {} }, confirmDeletes: false }));
}

describe('a hostile repository runs nothing', () => {
  it('status, sync, a merge with a conflict and its resolution run no program the project names', async () => {
    const { m, alice, bob, docId } = await hostileTeam();
    // Opening and polling the status (the Sync button polls it).
    for (let i = 0; i < 3; i++) expect(unwrap(await bob.service.getSyncStatus({})).isRepo).toBe(true);
    expect(m.ran()).toEqual([]);
    // A conflicting schema change on both sides, and bob's own annotations.
    await renameClaimLabel(alice.service, 'Assertion');
    synced(unwrap(await alice.service.syncProject({})).outcome);
    await renameClaimLabel(bob.service, 'Statement');
    const doc = unwrap(await bob.service.getDocument({ docId }));
    unwrap(await bob.service.saveAnnotations({ docId, status: 'done', spans: [span('b1', 4, 12, 'actor')], baseRevision: doc.revision }));
    const outcome = unwrap(await bob.service.syncProject({})).outcome;
    expect(outcome.state).toBe('conflict');
    unwrap(await bob.service.getSyncStatus({}));
    const resolved = unwrap(await bob.service.resolveSyncConflict({ abort: false, resolutions: [{ path: 'project.json', choice: 'mine' }] })).outcome;
    expect(resolved.state).toBe('synced');
    // It really synced: bob's work is on the remote, alice's .gitattributes came in.
    expect(git(bob.dir, 'log', '-1', '--format=%s', 'origin/main')).toMatch(/merged origin\/main/);
    expect(existsSync(join(bob.dir, '.gitattributes'))).toBe(true);
    expect(m.ran()).toEqual([]);
  }, 180_000);
});

describe('a hostile repository cannot reach for credentials, keys or proxies', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('an HTTP remote asking for a password gets no credential helper, askpass or cookie file of the repository', async () => {
    const m = markers();
    const cookieJar = join(m.root, 'ran-cookie-jar');
    let requests = 0;
    server = createServer((req, res) => {
      requests++;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="factmark"', 'Set-Cookie': 'session=stolen; Path=/' });
      res.end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const { service, dir } = await projectWithAnnotator();
    track(service);
    unwrap(await service.setSyncRemote({ url: `http://127.0.0.1:${port}/project.git` }));
    git(dir, 'config', 'credential.helper', m.script('credential.helper'));
    git(dir, 'config', `credential.http://127.0.0.1:${port}.helper`, m.script('credential.url.helper'));
    git(dir, 'config', 'core.askPass', m.script('core.askPass'));
    git(dir, 'config', 'http.cookieFile', cookieJar);
    git(dir, 'config', 'http.saveCookies', 'true');
    const refused = failure(await service.syncProject({}));
    expect(refused.message).toMatch(/Could not reach the remote http:\/\/127\.0\.0\.1/);
    expect(requests).toBeGreaterThan(0);
    expect(m.ran()).toEqual([]);
    expect(existsSync(cookieJar)).toBe(false);
  }, 60_000);

  it('ssh and git:// remotes use the user\'s ssh, never the repository\'s sshCommand or gitProxy', async () => {
    const m = markers();
    const { service, dir } = await projectWithAnnotator();
    track(service);
    unwrap(await service.setSyncRemote({ url: 'ssh://git@factmark.invalid/project.git' }));
    git(dir, 'config', 'core.sshCommand', m.script('core.sshCommand', 1));
    failure(await service.syncProject({}));
    unwrap(await service.setSyncRemote({ url: 'git://factmark.invalid/project.git' }));
    git(dir, 'config', 'core.gitProxy', m.script('core.gitProxy', 1));
    failure(await service.syncProject({}));
    expect(m.ran()).toEqual([]);
  }, 60_000);

  it('a remote helper named by the repository (helper::address, remote.<name>.vcs) is not run', async () => {
    const m = markers();
    const helper = m.script('git-remote-factmarkevil', 1);
    const { service, dir } = await projectWithAnnotator({});
    track(service);
    unwrap(await service.setSyncRemote({ url: 'factmarkevil::somewhere' }));
    git(dir, 'config', 'protocol.factmarkevil.allow', 'always');
    const saved = process.env.PATH;
    process.env.PATH = `${m.bin}:${saved ?? ''}`;
    try {
      expect(failure(await service.syncProject({})).message).toMatch(/transport 'factmarkevil' not allowed/);
    } finally {
      process.env.PATH = saved;
    }
    expect(existsSync(helper)).toBe(true);
    expect(m.ran()).toEqual([]);
  }, 60_000);

  it('a certificate authority named by the repository is refused with a sentence', async () => {
    const { service, dir } = await projectWithAnnotator();
    track(service);
    unwrap(await service.setSyncRemote({ url: 'https://factmark.invalid/project.git' }));
    git(dir, 'config', 'http.sslCAInfo', join(dir, 'evil-ca.pem'));
    expect(failure(await service.syncProject({})).message).toMatch(/own settings \(\.git\/config\) set http\.sslcainfo; Factmark only uses certificate settings from your own git config/);
  }, 60_000);
});

describe('a hostile repository cannot put its working tree elsewhere', () => {
  it('core.worktree pointing out of the project is refused; the other folder is untouched', async () => {
    const { service, dir } = await projectWithAnnotator();
    track(service);
    unwrap(await service.setSyncRemote({ url: join(tempDir(), 'remote.git') }));
    const elsewhere = tempDir('factmark-elsewhere-');
    writeFileSync(join(elsewhere, 'precious.txt'), 'mine\n');
    git(dir, 'config', 'core.worktree', elsewhere);
    const status = unwrap(await service.getSyncStatus({}));
    expect(status.isRepo).toBe(false);
    expect(failure(await service.syncProject({})).message).toMatch(/core\.worktree/);
    expect(readdirSync(elsewhere)).toEqual(['precious.txt']);
  }, 60_000);

  it('a .git file pointing into another repository is refused', async () => {
    const other = join(tempDir(), 'other');
    git(tempDir(), 'init', '-q', other);
    const { service, dir } = await projectWithAnnotator();
    track(service);
    writeFileSync(join(dir, '.git'), `gitdir: ${join(other, '.git')}\n`);
    const status = unwrap(await service.getSyncStatus({}));
    expect(status.isRepo).toBe(false);
    expect(failure(await service.setSyncRemote({ url: join(tempDir(), 'remote.git') })).message).toMatch(/points to a repository elsewhere/);
    expect(git(other, 'status', '--porcelain')).toBe('');
  }, 60_000);
});
