/**
 * What a repository's own git settings may not make Factmark's git do (docs/security.md, "What a
 * project folder can make Factmark do"). A project is shared through git, so a cloned or
 * downloaded project carries its `.git/config` (and the files it includes), its `.git/hooks`
 * and its `.gitattributes`; git would run programs those name (core.fsmonitor, hooks, filter,
 * diff and merge drivers, credential helpers, gpg, ssh and proxy commands, a local remote's
 * upload-pack/receive-pack). Every git call goes through gitSyncRunner.ts, which asks git for the
 * effective settings with their scope first (`git config --list --show-scope`) and passes what
 * this module answers: the repository's ("local" and "worktree" scope) values of every setting
 * that names a program are replaced by the user's own (system, global or command-line scope)
 * value of the same setting, or by a safe default. Pure: no I/O, so every rule is unit-tested.
 */

export interface ConfigEntry {
  scope: string;
  /** Where git read it: `file:<path>` (relative paths from the top of the working tree), `command line:`, ... */
  origin: string;
  /** As `git config --list` prints it: section and variable lower-cased, subsection as written. */
  key: string;
  /** null: a key with no `=` (a boolean true). */
  value: string | null;
}

/** `git config --list --show-scope --show-origin -z`: `scope NUL origin NUL key LF value NUL` per entry. */
export function parseConfigList(stdout: string): ConfigEntry[] {
  const fields = stdout.split('\0');
  const entries: ConfigEntry[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const scope = fields[i] as string;
    const origin = fields[i + 1] as string;
    const kv = fields[i + 2] as string;
    const nl = kv.indexOf('\n');
    entries.push(nl < 0 ? { scope, origin, key: kv, value: null } : { scope, origin, key: kv.slice(0, nl), value: kv.slice(nl + 1) });
  }
  return entries;
}

/** The scopes the user controls; anything else (local, worktree) came with the repository. */
const TRUSTED_SCOPES = new Set(['system', 'global', 'command']);
export const isTrusted = (e: ConfigEntry) => TRUSTED_SCOPES.has(e.scope);

/**
 * Settings the repository may set but whose value names a program to run (or, for cookies,
 * a file to write): the repository's value is replaced by the user's own or by `fallback`.
 * Empty values make git run nothing (tested in gitIsolation.test.ts and gitHostile.test.ts).
 */
const PROGRAM_SETTINGS: readonly { pattern: RegExp; fallback: (git: string) => string }[] = [
  { pattern: /^core\.alternaterefscommand$/, fallback: () => '' },
  { pattern: /^diff\.external$/, fallback: () => '' },
  { pattern: /^diff\..+\.(command|textconv)$/, fallback: () => '' },
  { pattern: /^filter\..+\.(clean|smudge|process)$/, fallback: () => '' },
  { pattern: /^filter\..+\.required$/, fallback: () => 'false' },
  // A merge driver the repository defines becomes git's own three-way text merge.
  { pattern: /^merge\..+\.driver$/, fallback: (git) => `${shellQuote(git)} merge-file -L mine -L base -L theirs %A %O %B` },
  { pattern: /^merge\.default$/, fallback: () => 'text' },
  { pattern: /^merge\.verifysignatures$/, fallback: () => 'false' },
  { pattern: /^(commit|tag|push)\.gpgsign$/, fallback: () => 'false' },
  { pattern: /^gpg\.(openpgp\.)?program$/, fallback: () => 'gpg' },
  { pattern: /^gpg\.x509\.program$/, fallback: () => 'gpgsm' },
  { pattern: /^gpg\.ssh\.program$/, fallback: () => 'ssh-keygen' },
  { pattern: /^gpg\.ssh\.defaultkeycommand$/, fallback: () => '' },
  { pattern: /^gpg\.format$/, fallback: () => 'openpgp' },
  { pattern: /^log\.showsignature$/, fallback: () => 'false' },
  { pattern: /^http\.(.+\.)?cookiefile$/, fallback: () => '' },
  { pattern: /^http\.(.+\.)?savecookies$/, fallback: () => 'false' },
  { pattern: /^http\.(.+\.)?sslverify$/, fallback: () => 'true' },
];

/**
 * Settings a repository may not bring for a network call at all: a certificate authority of its
 * choosing would let whoever made the project read the user's credentials on their way to the
 * real server, and there is no "unset" value to replace it with.
 */
const REFUSED_FOR_NETWORK = /^http\.(.+\.)?(sslcainfo|sslcapath|proxysslcainfo)$/;

/** Transports git may use; others (`helper::` remotes) only when the user's own config allows them. */
const KNOWN_PROTOCOLS = ['file', 'git', 'http', 'https', 'ssh'];

/**
 * Always passed, whatever any config says: no fsmonitor command, hooks only from an empty folder
 * Factmark owns, no `ext::` remotes, no background maintenance and no submodule recursion (a
 * submodule is another repository with its own config).
 */
export function fixedSettings(hooksDir: string): [string, string][] {
  return [
    ['core.fsmonitor', 'false'],
    ['core.hooksPath', hooksDir],
    ['protocol.ext.allow', 'never'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
    ['fetch.recurseSubmodules', 'false'],
    ['submodule.recurse', 'false'],
    ['push.recurseSubmodules', 'no'],
  ];
}

export interface Isolation {
  /** `-c key=value` pairs, after the fixed ones. */
  settings: [string, string | null][];
  /** Environment variables to set ('' included) for the call. */
  env: Record<string, string>;
  /** Why a network call (fetch, push, ls-remote) is refused, or null. */
  networkRefusal: string | null;
}

const lastTrusted = (entries: readonly ConfigEntry[], key: string) => {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as ConfigEntry;
    if (e.key === key && isTrusted(e)) return e;
  }
  return undefined;
};

/** A string for `sh -c` as one word. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The overrides for one git call, from the effective config (with scopes) and the process
 * environment (the user's: trusted). `git` is the binary name or path, for the merge fallback.
 */
export function isolate(entries: readonly ConfigEntry[], env: NodeJS.ProcessEnv, git = 'git'): Isolation {
  const untrusted = entries.filter((e) => !isTrusted(e));
  const untrustedKeys = new Set(untrusted.map((e) => e.key));
  const settings: [string, string | null][] = [];
  const seen = new Set<string>();
  for (const key of untrustedKeys) {
    const rule = PROGRAM_SETTINGS.find((r) => r.pattern.test(key));
    if (!rule || seen.has(key)) continue;
    seen.add(key);
    const mine = lastTrusted(entries, key);
    settings.push([key, mine ? mine.value : rule.fallback(git)]);
  }
  // Transports: the user's own policy, else "always" for the known ones and "never" for the rest
  // (a `helper::` remote runs git-remote-<helper>; the repository names the remote's URL).
  settings.push(['protocol.allow', lastTrusted(entries, 'protocol.allow')?.value ?? 'never']);
  const protocols = new Set([...KNOWN_PROTOCOLS, ...[...untrustedKeys].flatMap((k) => /^protocol\.(.+)\.allow$/.exec(k)?.[1] ?? [])]);
  for (const name of protocols) {
    const key = `protocol.${name}.allow`;
    settings.push([key, lastTrusted(entries, key)?.value ?? (KNOWN_PROTOCOLS.includes(name) ? 'always' : 'never')]);
  }
  settings.push(['protocol.ext.allow', 'never']);

  // Credential helpers are a list: an empty value clears it (the repository's included), then
  // the user's own helpers are put back in their order, each under its own (URL-specific) key.
  const helper = /^credential\.(.+\.)?helper$/;
  if (untrusted.some((e) => helper.test(e.key))) {
    settings.push(['credential.helper', '']);
    for (const e of entries) if (isTrusted(e) && helper.test(e.key)) settings.push([e.key, e.value]);
  }

  const out: Record<string, string> = {};
  // ssh: GIT_SSH_COMMAND is read before core.sshCommand, so setting it leaves the repository's unused.
  if (!env.GIT_SSH_COMMAND) {
    if (env.GIT_SSH) {
      if (untrustedKeys.has('core.sshcommand')) out.GIT_SSH_COMMAND = shellQuote(env.GIT_SSH);
    } else {
      // No prompt for a password nobody can type: BatchMode makes ssh fail with a message instead.
      out.GIT_SSH_COMMAND = lastTrusted(entries, 'core.sshcommand')?.value ?? 'ssh -o BatchMode=yes';
    }
  }
  // GIT_ASKPASS and GIT_PROXY_COMMAND are read before their settings; '' means none.
  if (env.GIT_ASKPASS === undefined && untrustedKeys.has('core.askpass')) out.GIT_ASKPASS = lastTrusted(entries, 'core.askpass')?.value ?? '';
  if (env.GIT_PROXY_COMMAND === undefined && untrustedKeys.has('core.gitproxy')) {
    const catchAll = entries.filter((e) => isTrusted(e) && e.key === 'core.gitproxy' && e.value && !e.value.includes(' for '));
    out.GIT_PROXY_COMMAND = catchAll[0]?.value ?? '';
  }
  // Factmark never asks for an editor (":" is git's "no editor") and has no terminal for a pager.
  out.GIT_EDITOR = ':';
  out.GIT_SEQUENCE_EDITOR = ':';
  out.GIT_PAGER = 'cat';

  const refused = [...new Set(untrusted.filter((e) => REFUSED_FOR_NETWORK.test(e.key)).map((e) => e.key))];
  const networkRefusal = refused.length
    ? `this repository's own settings (.git/config) set ${refused.join(', ')}; Factmark only uses certificate settings from your own git config (git config --global). Remove ${refused.length === 1 ? 'it' : 'them'} from the repository (git config --unset ${refused[0]}) and sync again`
    : null;
  return { settings, env: out, networkRefusal };
}

/** `-c` arguments for settings (a null value: the key alone, git's boolean true). */
export const configArgs = (settings: readonly (readonly [string, string | null])[]) =>
  settings.flatMap(([k, v]) => ['-c', v === null ? k : `${k}=${v}`]);

/**
 * Whether git reaches this remote URL through its local transport: it then runs the remote
 * repository's upload-pack / receive-pack on this computer, with that repository's hooks and
 * config (transport.c, url_is_local_not_ssh).
 */
export function isLocalRemote(url: string): boolean {
  if (/^file:\/\//i.test(url)) return true;
  if (/^[A-Za-z][A-Za-z0-9+.-]*(::|:\/\/)/.test(url)) return false;
  if (/^[A-Za-z]:[\\/]/.test(url)) return true;
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  return colon < 0 || (slash >= 0 && slash < colon);
}

/**
 * The program git runs for the other side of a fetch or push. A remote repository's own
 * `remote.<name>.uploadpack` / `receivepack` setting would name any command, and a local one
 * (a shared folder) would run its hooks here: for a local remote, git itself with no hooks and
 * no alternates command; for a network remote, the standard program name.
 */
export function packProgram(kind: 'upload-pack' | 'receive-pack', local: boolean, git: string, hooksDir: string): string {
  if (!local) return `git-${kind}`;
  const remoteSide: [string, string][] = [
    ['core.hooksPath', hooksDir],
    ['core.fsmonitor', 'false'],
    ['core.alternateRefsCommand', ''],
    ['receive.advertiseAlternates', 'false'],
    ['receive.autogc', 'false'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
  ];
  return [git, ...configArgs(remoteSide), kind].map(shellQuote).join(' ');
}
