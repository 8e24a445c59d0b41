import { builtinModules } from 'node:module';
import { posix } from 'node:path';

/**
 * What app.asar may hold and what its bundles may need, as pure functions over its file list and
 * the bundles' text (scripts/packaging/package.check.ts feeds them the packaged app). Each
 * function answers the problems it finds, as sentences; none means the rule holds.
 */

/** Everything the desktop app loads: its package.json, three bundles, the UI, and the model(s). */
const ALLOWED: readonly RegExp[] = [
  /^package\.json$/,
  /^dist\/main\/(electron|preload|suggestWorker|textWorker)\.js$/,
  /^dist\/renderer\/[^/].*$/,
  /^models\/[^/].*$/,
];

/** Never shipped, whatever the globs say: tests, fixtures, sources, maps, dependencies, other bundles. */
const FORBIDDEN: readonly [RegExp, string][] = [
  [/(^|\/)node_modules(\/|$)/, 'a dependency folder (dist/main is bundled)'],
  [/\.map$/, 'a source map'],
  [/\.(test|spec|fuzz\.test)\.[cm]?[jt]sx?$/, 'a test'],
  [/(^|\/)(test-fixtures|e2e|fixtures|__tests__)(\/|$)/, 'test data'],
  [/\.(ts|tsx|mts|cts)$/, 'a TypeScript source'],
  [/^(main|renderer|shared|scripts|corpus|bench|docs|security|build)\//, 'a source or repository folder'],
  [/(^|\/)(cli|stressWriter)\.js$/, 'a bundle the desktop app never loads'],
];

/** Modules a bundle may require although app.asar does not hold them, and why. */
export const OPTIONAL_REQUIRES: Readonly<Record<string, string>> = {
  canvas: "linkedom tries it inside try/catch and falls back to its own shim (canvas is not a Factmark dependency)",
};

/** Paths inside app.asar, without the leading slash; directories are left out by the caller. */
export function auditEntries(files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) problems.push(`${file} is ${forbidden[1]}: app.asar holds only what the app loads.`);
    else if (!ALLOWED.some((pattern) => pattern.test(file))) problems.push(`${file} is not something the app loads (electron-builder.yml files).`);
  }
  for (const needed of ['package.json', 'dist/main/electron.js', 'dist/main/preload.js', 'dist/main/suggestWorker.js', 'dist/renderer/index.html']) {
    if (!files.includes(needed)) problems.push(`${needed} is missing from app.asar.`);
  }
  return problems;
}

/** The module names a CommonJS bundle requires with a string literal (what esbuild leaves external). */
export function requiredModules(bundle: string): string[] {
  const found = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\(\s*(["'])([^"'\n]+)\1\s*\)/g)) found.add(match[2]!);
  return [...found].sort();
}

/** require() calls with anything but a string literal: their target cannot be checked. */
export function dynamicRequires(bundle: string): number {
  return [...bundle.matchAll(/\brequire\(\s*(?!["'])[^)\s]/g)].length;
}

const builtins = new Set(builtinModules);
const isBuiltin = (name: string) => name.startsWith('node:') || builtins.has(name) || builtins.has(name.split('/')[0]!);

/** Every module `bundlePath` requires resolves inside app.asar (`files`), is Node's or Electron's, or is a known optional one. */
export function auditRequires(bundlePath: string, bundle: string, files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of requiredModules(bundle)) {
    if (isBuiltin(name) || name === 'electron' || name in OPTIONAL_REQUIRES) continue;
    if (name.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(bundlePath), name));
      const candidates = [target, `${target}.js`, `${target}.json`, posix.join(target, 'index.js')];
      if (!candidates.some((c) => files.includes(c))) problems.push(`${bundlePath} requires ${name}, which app.asar does not hold.`);
      continue;
    }
    problems.push(`${bundlePath} requires the package ${name}, which app.asar does not hold (bundle it: scripts/build.mjs).`);
  }
  const dynamic = dynamicRequires(bundle);
  if (dynamic > 0) problems.push(`${bundlePath} has ${dynamic} require() call(s) with a computed name, which cannot be checked.`);
  return problems;
}

/** npm packages esbuild bundled into a file, from the `// node_modules/<package>/...` comments it writes. */
export function bundledPackages(bundle: string): string[] {
  const found = new Set<string>();
  for (const match of bundle.matchAll(/^\/\/ (?:\S*\/)?node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm)) found.add(match[1]!);
  return [...found].sort();
}

/** package-lock.json (v2/v3) `packages` entries: `"node_modules/x": { dev?: true, ... }`. */
export interface LockFile {
  packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
}

/** Bundled packages that npm installs only as development dependencies (so a dev tool ships in the app). */
export function auditBundledPackages(bundlePath: string, packages: readonly string[], lock: LockFile): string[] {
  const problems: string[] = [];
  for (const name of packages) {
    const entries = Object.entries(lock.packages).filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
    if (entries.length === 0) problems.push(`${bundlePath} bundles ${name}, which package-lock.json does not list.`);
    else if (entries.every(([, entry]) => entry.dev === true)) problems.push(`${bundlePath} bundles ${name}, a development dependency: declare it in dependencies if the app needs it, or stop importing it.`);
  }
  return problems;
}

/** The fuse wire's order (Electron's FuseV1Options), named as electron-builder.yml names them. */
export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

/** The fuses an Electron binary carries after its sentinel: name -> on/off. */
export function readFuses(binary: Buffer): Record<string, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('No fuse sentinel in the binary.');
  const wire = at + FUSE_SENTINEL.length;
  const length = binary[wire + 1]!;
  const fuses: Record<string, boolean> = {};
  for (let i = 0; i < length && i < FUSE_NAMES.length; i++) {
    const state = binary[wire + 2 + i];
    if (state === ENABLED || state === DISABLED) fuses[FUSE_NAMES[i]!] = state === ENABLED;
  }
  return fuses;
}

/** The fuse wire Electron ships with (version 1, 8 fuses), as a stand-in binary carries it. */
export function defaultFuseWire(defaults: Record<(typeof FUSE_NAMES)[number], boolean>): Buffer {
  return Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FUSE_NAMES.length]),
    Buffer.from(FUSE_NAMES.map((name) => (defaults[name] ? ENABLED : DISABLED))),
  ]);
}
