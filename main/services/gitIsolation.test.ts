import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { configArgs, isLocalRemote, isolate, packProgram, parseConfigList, shellQuote, type ConfigEntry } from './gitIsolation';

const local = (key: string, value: string | null = 'x'): ConfigEntry => ({ scope: 'local', origin: 'file:.git/config', key, value });
const global = (key: string, value: string | null = 'x'): ConfigEntry => ({ scope: 'global', origin: 'file:/home/u/.gitconfig', key, value });
const setting = (entries: ConfigEntry[], key: string) => isolate(entries, {}).settings.filter(([k]) => k === key).map(([, v]) => v);

describe('git isolation: what a repository\'s own settings may not do', () => {
  it('reads git\'s listing with scopes, origins and valueless keys', () => {
    const out = 'global\0file:/home/u/.gitconfig\0user.name\nAlice Doe\0local\0file:.git/config\0core.bare\nfalse\0local\0file:.git/config\0diff.x.binary\0';
    expect(parseConfigList(out)).toEqual([
      { scope: 'global', origin: 'file:/home/u/.gitconfig', key: 'user.name', value: 'Alice Doe' },
      { scope: 'local', origin: 'file:.git/config', key: 'core.bare', value: 'false' },
      { scope: 'local', origin: 'file:.git/config', key: 'diff.x.binary', value: null },
    ]);
  });

  it.each([
    ['filter.lfs.clean', ''],
    ['filter.x.smudge', ''],
    ['filter.x.process', ''],
    ['filter.x.required', 'false'],
    ['diff.external', ''],
    ['diff.x.textconv', ''],
    ['diff.x.command', ''],
    ['core.alternaterefscommand', ''],
    ['merge.default', 'text'],
    ['merge.verifysignatures', 'false'],
    ['commit.gpgsign', 'false'],
    ['push.gpgsign', 'false'],
    ['gpg.program', 'gpg'],
    ['gpg.ssh.defaultkeycommand', ''],
    ['http.cookiefile', ''],
    ['http.https://example.org.savecookies', 'false'],
    ['http.https://example.org/.sslverify', 'true'],
  ])('replaces the repository\'s %s by a safe value (%j)', (key, safe) => {
    expect(setting([local(key)], key)).toEqual([safe]);
  });

  it('a repository\'s merge driver becomes git\'s own text merge', () => {
    expect(setting([local('merge.evil.driver', 'touch x')], 'merge.evil.driver')).toEqual(["'git' merge-file -L mine -L base -L theirs %A %O %B"]);
  });

  it('keeps the user\'s own value of a setting the repository also sets', () => {
    const entries = [global('filter.lfs.process', 'git-lfs filter-process'), local('filter.lfs.process', 'evil'), global('commit.gpgsign', 'true'), local('commit.gpgsign', 'false')];
    expect(setting(entries, 'filter.lfs.process')).toEqual(['git-lfs filter-process']);
    expect(setting(entries, 'commit.gpgsign')).toEqual(['true']);
  });

  it('leaves settings only the user has alone', () => {
    const entries = [global('filter.lfs.process', 'git-lfs filter-process'), global('credential.helper', 'store')];
    expect(setting(entries, 'filter.lfs.process')).toEqual([]);
    expect(setting(entries, 'credential.helper')).toEqual([]);
  });

  it('clears the repository\'s credential helpers (URL-specific ones too) and puts the user\'s back in order', () => {
    const entries = [
      { scope: 'system', origin: 'file:/etc/gitconfig', key: 'credential.https://source.example.com.helper', value: 'corp.sh' },
      global('credential.helper', 'cache --timeout=3600'),
      local('credential.https://github.com.helper', '!touch pwned'),
    ];
    expect(isolate(entries, {}).settings.filter(([k]) => /^credential\./.test(k))).toEqual([
      ['credential.helper', ''],
      ['credential.https://source.example.com.helper', 'corp.sh'],
      ['credential.helper', 'cache --timeout=3600'],
    ]);
  });

  it('transports: the known ones stay allowed, helpers are allowed only by the user, ext:: never', () => {
    const entries = [local('protocol.allow', 'always'), local('protocol.evil.allow', 'always'), global('protocol.codecommit.allow', 'always'), local('protocol.codecommit.allow', 'never')];
    const settings = new Map(isolate(entries, {}).settings.filter(([k]) => k.startsWith('protocol.')));
    expect(settings.get('protocol.allow')).toBe('never');
    expect(settings.get('protocol.evil.allow')).toBe('never');
    expect(settings.get('protocol.codecommit.allow')).toBe('always');
    for (const p of ['file', 'git', 'http', 'https', 'ssh']) expect(settings.get(`protocol.${p}.allow`)).toBe('always');
    expect(settings.get('protocol.ext.allow')).toBe('never');
  });

  it('ssh: the user\'s GIT_SSH_COMMAND, GIT_SSH or core.sshCommand, never the repository\'s', () => {
    const repo = [local('core.sshcommand', 'evil')];
    expect(isolate(repo, {}).env.GIT_SSH_COMMAND).toBe('ssh -o BatchMode=yes');
    expect(isolate([global('core.sshcommand', 'ssh -i ~/.ssh/team'), ...repo], {}).env.GIT_SSH_COMMAND).toBe('ssh -i ~/.ssh/team');
    expect(isolate(repo, { GIT_SSH_COMMAND: 'mine' }).env.GIT_SSH_COMMAND).toBeUndefined();
    expect(isolate(repo, { GIT_SSH: "/opt/it's/plink" }).env.GIT_SSH_COMMAND).toBe(`'/opt/it'\\''s/plink'`);
    expect(isolate([], { GIT_SSH: '/opt/plink' }).env.GIT_SSH_COMMAND).toBeUndefined();
  });

  it('askpass and the git:// proxy: the user\'s or none', () => {
    expect(isolate([local('core.askpass', 'evil')], {}).env.GIT_ASKPASS).toBe('');
    expect(isolate([global('core.askpass', '/usr/bin/ksshaskpass'), local('core.askpass', 'evil')], {}).env.GIT_ASKPASS).toBe('/usr/bin/ksshaskpass');
    expect(isolate([local('core.askpass', 'evil')], { GIT_ASKPASS: 'mine' }).env.GIT_ASKPASS).toBeUndefined();
    expect(isolate([local('core.gitproxy', 'evil')], {}).env.GIT_PROXY_COMMAND).toBe('');
    expect(isolate([global('core.gitproxy', 'corp-proxy'), local('core.gitproxy', 'evil')], {}).env.GIT_PROXY_COMMAND).toBe('corp-proxy');
    expect(isolate([], {}).env).toMatchObject({ GIT_EDITOR: ':', GIT_SEQUENCE_EDITOR: ':' });
  });

  it('refuses network calls with a certificate authority of the repository\'s choosing', () => {
    expect(isolate([local('http.sslcainfo', '/p/ca.pem')], {}).networkRefusal).toMatch(/set http\.sslcainfo; Factmark only uses certificate settings from your own git config/);
    expect(isolate([global('http.sslcainfo', '/etc/corp-ca.pem')], {}).networkRefusal).toBeNull();
  });

  it('the settings reach git as -c arguments git accepts', () => {
    const settings = isolate([local('filter.x.clean', 'evil'), local('diff.x.binary', null)], {}).settings;
    const args = configArgs(settings);
    expect(args.slice(0, 2)).toEqual(['-c', 'filter.x.clean=']);
    const listed = parseConfigList(execFileSync('git', [...args, 'config', '--list', '--show-scope', '--show-origin', '-z'], { cwd: '/', encoding: 'utf8' }));
    expect(listed.find((e) => e.key === 'filter.x.clean')).toMatchObject({ scope: 'command', value: '' });
  });
});

describe('git isolation: local remotes', () => {
  it.each([
    ['/srv/shared/project.git', true],
    ['../project.git', true],
    ['file:///srv/project.git', true],
    ['C:\\shared\\project.git', true],
    ['./a:b', true],
    ['https://example.org/p.git', false],
    ['ssh://git@example.org/p.git', false],
    ['git@example.org:team/p.git', false],
    ['codecommit::eu-west-1://p', false],
  ])('%s is local: %s', (url, expected) => {
    expect(isLocalRemote(url)).toBe(expected);
  });

  it('a local remote runs git\'s own pack programs with no hooks; a network one the standard name', () => {
    expect(packProgram('receive-pack', false, 'git', '/tmp/h')).toBe('git-receive-pack');
    const local = packProgram('receive-pack', true, 'git', "/tmp/it's");
    expect(local).toBe(`'git' '-c' 'core.hooksPath=/tmp/it'\\''s' '-c' 'core.fsmonitor=false' '-c' 'core.alternateRefsCommand=' '-c' 'receive.advertiseAlternates=false' '-c' 'receive.autogc=false' '-c' 'gc.auto=0' '-c' 'maintenance.auto=false' 'receive-pack'`);
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
