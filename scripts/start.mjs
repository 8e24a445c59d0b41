// `npm start` (after the build): the desktop app when Electron can run here, else the same app
// served to a browser by `factmark serve`, so the user always gets a working Factmark.
// Electron 45 fetches its binary at first launch, not at npm install. We do that fetch here,
// once, with Electron's own installer (skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set, as on
// CI), and fall back to the browser version when it fails (offline machines).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
/** An Electron that is still running after this long has started; an earlier failure means it cannot. */
const STARTUP_GRACE_MS = 4000;

/** The Electron binary, or why there is none (as a phrase for the message). */
function locateElectron() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, relative || 'electron');
    return existsSync(binary) ? { binary } : { reason: `ELECTRON_OVERRIDE_DIST_PATH points to no binary (${binary})` };
  }
  if (!relative) {
    const why = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
      ? 'ELECTRON_SKIP_BINARY_DOWNLOAD is set, so npm did not download it'
      : "npm did not download it (install scripts skipped or offline)";
    return { reason: `node_modules/electron has no binary: ${why}` };
  }
  const binary = join(packageDir, 'dist', relative);
  return existsSync(binary) ? { binary } : { reason: `${binary} is missing` };
}

/** Resolves 'started' if Electron is still up after the grace period, else why it is not. */
function launchElectron(binary) {
  return new Promise((resolve) => {
    const env = { ...process.env };
    // Set in some shells by other tools; it would make the binary behave as plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(binary, [root], { stdio: 'inherit', env });
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      resolve({ started: true, child });
    }, STARTUP_GRACE_MS);
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ started: false, reason: `it could not be started: ${error.message}` });
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A quick clean exit is the user closing the app (or a second instance handing over).
      if (code === 0) resolve({ started: true, child, exited: 0 });
      else resolve({ started: false, reason: `it exited at start-up (${signal ?? `exit code ${code}`})` });
    });
  });
}

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/** A way to show the URL in a browser, only where there is a display to show it on. */
function browserOpener() {
  if (process.env.FACTMARK_NO_BROWSER) return null;
  if (process.platform === 'darwin') return 'open';
  if (process.platform !== 'linux') return null;
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  if (onPath('xdg-open')) return 'xdg-open';
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function openInBrowser(url) {
  const opener = browserOpener();
  if (!opener) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log(`(Could not open a browser with ${opener}; open the address above yourself.)`));
  child.unref();
}

/** `factmark serve` as a child; its output is passed through and the URL opened once printed. */
function serveInBrowser() {
  const child = spawn(process.execPath, [join(root, 'bin', 'factmark.js'), 'serve', ...process.argv.slice(2)], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let buffered = '';
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    buffered += chunk.toString('utf8');
    const match = /^Factmark is serving on (\S+)$/m.exec(buffered);
    if (match) {
      opened = true;
      openInBrowser(match[1]);
    }
  });
  forwardSignals(child);
}

/**
 * Ctrl+C reaches the child from the terminal by itself; this process only waits for it to finish
 * (so its "stopped" line is not printed after the shell prompt). SIGTERM is sent to us alone.
 */
function forwardSignals(child) {
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

if (!existsSync(join(root, 'dist', 'main', 'electron.js')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  console.error('Factmark is not built: run npm run build (npm start does it for you).');
  process.exit(1);
}

/** Electron's own first-launch download (node_modules/electron/install.js); false if it failed. */
function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || process.env.ELECTRON_OVERRIDE_DIST_PATH) return false;
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json', { paths: [root] })), 'install.js');
  } catch {
    return false;
  }
  if (!existsSync(installer)) return false;
  console.log("Fetching Electron's binary (first start only)…");
  const result = spawnSync(process.execPath, [installer], { stdio: 'inherit', timeout: 5 * 60_000 });
  return result.status === 0;
}

let electron = locateElectron();
if (!electron.binary) {
  const fetched = downloadElectron();
  electron = locateElectron();
  if (!electron.binary && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !fetched) {
    electron = { reason: 'its download failed: this machine may be offline' };
  }
}
if (!electron.binary) {
  console.log(`Electron's binary is not available on this machine (${electron.reason}); starting the browser version instead.`);
  serveInBrowser();
} else {
  const launched = await launchElectron(electron.binary);
  if (!launched.started) {
    console.log(`Electron could not start on this machine (${electron.binary}: ${launched.reason}); starting the browser version instead.`);
    serveInBrowser();
  } else if (launched.exited === undefined) {
    forwardSignals(launched.child);
  }
}
