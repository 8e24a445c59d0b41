import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractAll, listPackage } from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { ipcChannel, OPERATION_NAMES } from '../../shared/api/contract';
import { createElectronStandIn, routeElectronTo, type ElectronStandIn } from '../../main/electron/testing/electronStandIn';
import { auditBundledPackages, auditEntries, auditRequires, bundledPackages, FUSE_NAMES, readFuses, type LockFile } from './asarAudit';
import { ELECTRON_DEFAULT_FUSES, makeStandInElectronDist } from './standInElectron';

/*
 * `npm run test:package` (part of `npm test`, after the build): packages Factmark with
 * electron-builder from a stand-in Electron distribution (no download: see standInElectron.ts),
 * for the `dir` and `deb` targets (the deb's fpm step is intercepted: it is downloaded by
 * electron-builder where the network allows, and the check reads what it would be given), then
 * checks the result: what app.asar holds and needs, the fuses, the deb's metadata, the CLI beside
 * the app, the icons; and runs the packaged main process (from the unpacked app.asar) under the
 * recording stand-in of `electron`: its window, IPC, refusal of foreign senders, and the quit
 * sequence. It proves our packaging and wiring, not Electron (e2e/electron.spec.ts runs the real
 * one where its binary exists).
 */
const root = resolve(__dirname, '..', '..');
const require = createRequire(__filename);
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  deb: { depends: string[] };
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; homepage: string };
const electronVersion = (require('electron/package.json') as { version: string }).version;

const work = mkdtempSync(join(tmpdir(), 'factmark-package-'));
const appOut = join(work, 'release', 'linux-unpacked');
const resources = join(appOut, 'resources');
const asarPath = join(resources, 'app.asar');
let fpmArgs: string[] = [];
let desktopFile = '';
let afterInstall = '';
let asarFiles: string[] = [];

beforeAll(async () => {
  for (const bundle of ['electron.js', 'preload.js', 'suggestWorker.js', 'cli.js']) {
    if (!existsSync(join(root, 'dist', 'main', bundle))) throw new Error(`dist/main/${bundle} is missing: run npm run build first (npm test does).`);
  }
  const electronDist = makeStandInElectronDist(join(work, 'electron-dist'), electronVersion);
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget(['dir', 'deb'], Arch.x64),
    config: { electronDist, directories: { output: join(work, 'release') } },
    publish: 'never',
    // The deb target's last step runs fpm: answer true to skip it and keep what it would be given.
    effectiveOptionComputed: async (computed: unknown) => {
      if (!Array.isArray(computed) || !Array.isArray(computed[0])) return false;
      fpmArgs = computed[0] as string[];
      desktopFile = readFileSync(computed[1] as string, 'utf8');
      // electron-builder deletes its temp files afterwards: read the install script now.
      afterInstall = readFileSync(fpmArgs[fpmArgs.indexOf('--after-install') + 1]!, 'utf8');
      return true;
    },
  });
  asarFiles = listPackage(asarPath, { isPack: false })
    .map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''))
    .filter((entry) => !statOf(entry)?.isDirectory());
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** An entry of app.asar as @electron/asar describes it (directories have `files`). */
function statOf(entry: string): { isDirectory(): boolean } | null {
  const { statFile } = require('@electron/asar') as { statFile(archive: string, file: string): { files?: unknown } };
  try {
    const stat = statFile(asarPath, entry);
    return { isDirectory: () => 'files' in stat };
  } catch {
    return null;
  }
}

const readAsar = (entry: string) => readFileSync(join(work, 'unpacked-asar', entry), 'utf8');

describe('the packaged app (electron-builder, Linux dir and deb targets, stand-in Electron)', () => {
  it('holds in app.asar only what the app loads, and says how big it is', () => {
    expect(auditEntries(asarFiles)).toEqual([]);
    const bytes = statSync(asarPath).size;
    console.log(`package: app.asar is ${(bytes / 1e6).toFixed(1)} MB (${bytes} bytes, ${asarFiles.length} files): ${asarFiles.join(', ')}`);
  });

  it('has bundles whose every require resolves inside app.asar, with no development dependency bundled in', () => {
    extractAll(asarPath, join(work, 'unpacked-asar'));
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as LockFile;
    const problems: string[] = [];
    for (const bundle of asarFiles.filter((f) => /^dist\/main\/.*\.js$/.test(f))) {
      const text = readAsar(bundle);
      problems.push(...auditRequires(bundle, text, asarFiles), ...auditBundledPackages(bundle, bundledPackages(text), lock));
    }
    expect(problems).toEqual([]);
  });

  it('flips exactly the fuses electron-builder.yml configures in the binary', () => {
    const fuses = readFuses(readFileSync(join(appOut, 'factmark-desktop')));
    const expected = Object.fromEntries(FUSE_NAMES.map((name) => [name, config.electronFuses[name] ?? ELECTRON_DEFAULT_FUSES[name]]));
    expect(fuses).toEqual(expected);
    expect(fuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });

  it('gives the deb its homepage, maintainer, description, icons, desktop entry and the factmark command', () => {
    const arg = (flag: string) => fpmArgs[fpmArgs.indexOf(flag) + 1];
    expect(arg('--url')).toBe(pkg.homepage);
    expect(arg('--maintainer')).toMatch(/^Factmark developers <[^>]+@[^>]+>$/);
    expect(arg('--description')).toMatch(/^Tag claims, actors and numbers in news articles\n .*offline workbench/s);
    expect(arg('--version')).toBe(pkg.version);
    expect(arg('--license')).toBe('MIT');
    expect(fpmArgs).toContain('build/linux/factmark=/usr/bin/factmark');
    expect(fpmArgs).toContain(`${appOut}/=/opt/Factmark`);
    for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(fpmArgs).toContain(`${join(root, 'build', 'icons', `${size}x${size}.png`)}=/usr/share/icons/hicolor/${size}x${size}/apps/factmark-desktop.png`);
    }
    expect(desktopFile).toMatch(/^Name=Factmark$/m);
    expect(desktopFile).toMatch(/^Exec=\/opt\/Factmark\/factmark-desktop %U$/m);
    expect(desktopFile).toMatch(/^Icon=factmark-desktop$/m);
    expect(desktopFile).toMatch(/^StartupWMClass=factmark-desktop$/m);
    expect(desktopFile).toMatch(/^Categories=Office;$/m);
    expect(desktopFile).toMatch(/^Comment=.+/m);
    // The after-install script links /usr/bin/factmark-desktop to the app, not over our CLI.
    expect(afterInstall).toContain("'/usr/bin/factmark-desktop'");
    expect(afterInstall).not.toContain("'/usr/bin/factmark'");
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgbm1', 'libasound2']));
    // The wrapper is executable in git, so fpm installs it so.
    expect(statSync(join(root, 'build', 'linux', 'factmark')).mode & 0o111).toBe(0o111);
  });

  it('ships the command line beside the app, and it runs from there', () => {
    const cli = join(resources, 'cli', 'dist', 'main', 'cli.js');
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/factmark serve/);
    const project = join(work, 'cli-project');
    cpSync(join(root, 'corpus'), project, { recursive: true });
    const stats = spawnSync(process.execPath, [cli, 'stats', project], { encoding: 'utf8' });
    expect(stats.status).toBe(0);
    expect(stats.stdout).toMatch(/5 documents/);
    // What `factmark serve` serves, and the sample project, are there too.
    expect(existsSync(join(resources, 'cli', 'dist', 'renderer', 'index.html'))).toBe(true);
    expect(existsSync(join(resources, 'cli', 'corpus', 'project.json'))).toBe(true);
    expect(existsSync(join(resources, 'corpus', 'project.json'))).toBe(true);
  });

  it('has icons that are what npm run icons renders from build/icon.svg', async () => {
    const { iconFiles } = await import('../icons.mjs');
    const stale = (await iconFiles()).filter(([path, bytes]) => !existsSync(join(root, path)) || !readFileSync(join(root, path)).equals(bytes));
    expect(stale.map(([path]) => path), 'run npm run icons and commit the result').toEqual([]);
  });
});

describe('the packaged main process under the recording stand-in of electron', () => {
  let electron: ElectronStandIn;
  let restore: () => void = () => undefined;
  const dataDir = join(work, 'data');
  const project = join(work, 'project');
  const savedArgv = process.argv;
  const savedDataDir = process.env.FACTMARK_DATA_DIR;

  beforeAll(async () => {
    if (!existsSync(join(work, 'unpacked-asar'))) extractAll(asarPath, join(work, 'unpacked-asar'));
    cpSync(join(root, 'corpus'), project, { recursive: true });
    electron = createElectronStandIn({ userData: join(work, 'user-data'), isPackaged: true, version: pkg.version });
    restore = routeElectronTo(electron);
    // What the packaged Electron gives the app: its resources folder, a command line, a data folder.
    (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath = resources;
    process.argv = [join(appOut, 'factmark-desktop'), '--project', project];
    process.env.FACTMARK_DATA_DIR = dataDir;
    require(join(work, 'unpacked-asar', 'dist', 'main', 'electron.js'));
    electron.ready();
    await vi.waitFor(() => expect(electron.windows[0]?.shown).toBe(true), { timeout: 30_000 });
    // The menu is built once the settings file was read.
    await vi.waitFor(() => expect(electron.calls.some((c) => c.api === 'Menu.setApplicationMenu')).toBe(true), { timeout: 30_000 });
  }, 120_000);

  afterAll(() => {
    restore();
    process.argv = savedArgv;
    if (savedDataDir === undefined) delete process.env.FACTMARK_DATA_DIR;
    else process.env.FACTMARK_DATA_DIR = savedDataDir;
  });

  const trusted = (channel: string, input: unknown) => electron.invoke(electron.windows[0]!, ipcChannel(channel as never), input) as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;

  it('opens one hardened window on the page inside app.asar, with the preload from app.asar', () => {
    expect(electron.windows).toHaveLength(1);
    const options = electron.windows[0]!.options as { webPreferences: Record<string, unknown>; show: boolean; minWidth: number };
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(options.show).toBe(false);
    expect(options.minWidth).toBeGreaterThan(0);
    expect(options.webPreferences.preload).toBe(join(work, 'unpacked-asar', 'dist', 'main', 'preload.js'));
    expect(electron.calls.map((c) => c.api)).toEqual(expect.arrayContaining(['app.enableSandbox', 'session.webRequest.onHeadersReceived', 'session.setPermissionRequestHandler', 'Menu.setApplicationMenu']));
    // The page: file:// into app.asar, or the app's own protocol serving dist/renderer from it.
    const url = electron.windows[0]!.webContents.url;
    if (url.startsWith('file:')) {
      expect(url).toBe(`file://${join(work, 'unpacked-asar', 'dist', 'renderer', 'index.html')}`);
    } else {
      expect(electron.calls.some((c) => c.api === 'protocol.handle' || c.api === 'session.protocol.handle')).toBe(true);
    }
    // Help ▸ About shows this version, with the icon shipped beside app.asar.
    const about = electron.calls.find((c) => c.api === 'app.setAboutPanelOptions')?.args[0] as Record<string, string> | undefined;
    expect(about).toMatchObject({ applicationName: 'Factmark', applicationVersion: pkg.version, website: pkg.homepage, iconPath: join(resources, 'icon.png') });
    expect(existsSync(join(resources, 'icon.png'))).toBe(true);
    // Every web contents is confined: no new windows.
    expect(electron.windows[0]!.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('answers every contract operation over IPC, and only to its own page', async () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual(OPERATION_NAMES.map((name) => ipcChannel(name)).sort());
    expect((await trusted('getSession', {})).ok).toBe(true);
    const window = electron.windows[0]!;
    const foreign = [
      { url: 'https://evil.example/index.html', parent: null },
      { url: window.webContents.url, parent: {} },
      { url: 'file:///etc/passwd', parent: null },
      null,
    ];
    for (const frame of foreign) {
      const answer = (await electron.invoke(window, ipcChannel('getSession'), {}, frame)) as { ok: boolean; error?: { message: string } };
      expect(answer.ok).toBe(false);
      expect(answer.error?.message).toMatch(/Refused/);
    }
    const stranger = new electron.BrowserWindow({});
    const fromStranger = (await electron.invoke(stranger, ipcChannel('getSession'), {})) as { ok: boolean };
    expect(fromStranger.ok).toBe(false);
    stranger.destroy();
  });

  it('suggests from the worker and model inside app.asar', async () => {
    expect((await trusted('setAnnotator', { name: 'packager' })).ok).toBe(true);
    const opened = (await trusted('openProject', { path: project })) as { ok: boolean; value: { documents: { id: string }[]; readOnly: boolean } };
    expect(opened.ok).toBe(true);
    expect(opened.value.readOnly).toBe(false);
    const docId = opened.value.documents[0]!.id;
    const suggested = (await trusted('getSuggestions', { docId })) as { ok: boolean; value: { suggestions: unknown[] } };
    expect(suggested.ok).toBe(true);
    expect(suggested.value.suggestions.length).toBeGreaterThan(0);
  }, 120_000);

  it('quits with the pending save on disk and the project lock released before the process exits', async () => {
    const lockFile = join(project, '.factmark', 'locks', 'packager.lock');
    expect(existsSync(lockFile)).toBe(true);
    const listed = (await trusted('getProject', {})) as { value: { documents: { id: string }[] } };
    const docId = listed.value.documents[1]!.id;
    const at = new Date().toISOString();
    let atExit: { lock: boolean; saved: string } | null = null;
    electron.onExit(() => {
      const file = join(project, 'annotations', 'packager', `${docId}.json`);
      atExit = { lock: existsSync(lockFile), saved: existsSync(file) ? readFileSync(file, 'utf8') : '' };
    });
    // A save is on its way when the user quits (Ctrl+Q / Cmd+Q).
    const saving = trusted('saveAnnotations', { docId, status: 'in_progress', spans: [{ id: 'quit-1', start: 0, end: 6, label: 'actor', createdAt: at, updatedAt: at }] });
    electron.app.quit();
    expect(electron.exited).toBe(false);
    await vi.waitFor(() => expect(electron.exited).toBe(true), { timeout: 60_000 });
    expect((await saving).ok).toBe(true);
    expect(atExit).not.toBeNull();
    expect(atExit!.lock).toBe(false);
    expect(JSON.parse(atExit!.saved).spans.map((s: { id: string }) => s.id)).toEqual(['quit-1']);
    const order = electron.calls.map((c) => c.api).filter((api) => api === 'app.quit' || api === 'app.exit');
    expect(order[0]).toBe('app.quit');
    expect(order.at(-1)).toBe('app.exit');
  }, 120_000);
});
