// Which Chromium the end-to-end tests and benches drive, found the way users' machines have one:
//   1. CHROMIUM_PATH (FACTMARK_CHROMIUM, its older name, still works), taken as given;
//   2. Playwright's own Chromium, where `npx playwright install chromium` put it;
//   3. the system's Chromium, Chrome (or, on Windows and macOS, Edge) in the usual places per OS.
// Nothing is downloaded. Run as a script (`node scripts/lib/findChromium.cjs`), it prints the
// path, or one sentence saying how to get a browser and exits 1: `npm run test:e2e` stops there.
// CommonJS so that playwright.config.ts (TypeScript), the .mjs benches and Vitest all load it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module (see above) */
const { existsSync } = require('node:fs');
const { homedir } = require('node:os');
const path = require('node:path');

const NO_BROWSER =
  'No Chromium or Chrome found for the end-to-end tests: install one with `npx playwright install chromium` ' +
  '(or your system\'s package, such as `sudo apt-get install chromium`), or set CHROMIUM_PATH to its executable.';

/** The usual install places of Chromium-family browsers on `platform`, most likely first. */
function systemCandidates(platform, env, home) {
  if (platform === 'win32') {
    const join = path.win32.join;
    const programFiles = [env.PROGRAMFILES || 'C:\\Program Files', env['PROGRAMFILES(X86)'] || 'C:\\Program Files (x86)'];
    const local = env.LOCALAPPDATA || join(home, 'AppData', 'Local');
    return [
      ...[...programFiles, local].map((dir) => join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...[local, ...programFiles].map((dir) => join(dir, 'Chromium', 'Application', 'chrome.exe')),
      ...programFiles.map((dir) => join(dir, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  if (platform === 'darwin') {
    const apps = ['/Applications', path.posix.join(home, 'Applications')];
    const bundles = [
      ['Google Chrome.app', 'Google Chrome'],
      ['Chromium.app', 'Chromium'],
      ['Microsoft Edge.app', 'Microsoft Edge'],
    ];
    return bundles.flatMap(([bundle, binary]) => apps.map((dir) => path.posix.join(dir, bundle, 'Contents', 'MacOS', binary)));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
  ];
}

/** Where Playwright installs its Chromium (whether or not it is there), or null. */
function playwrightChromium() {
  try {
    return require('playwright-core').chromium.executablePath() || null;
  } catch {
    return null;
  }
}

function defaultHost() {
  return { env: process.env, platform: process.platform, home: homedir(), exists: existsSync, playwrightChromium };
}

/**
 * @returns {{ path: string, source: string } | { error: string }} the browser and where it was
 * found, or why there is none (a sentence for the user).
 */
function findChromium(host = defaultHost()) {
  for (const name of ['CHROMIUM_PATH', 'FACTMARK_CHROMIUM']) {
    const given = host.env[name];
    if (!given) continue;
    return host.exists(given) ? { path: given, source: name } : { error: `${name} is set to ${given}, which does not exist: point it to a Chromium or Chrome executable, or unset it.` };
  }
  const managed = host.playwrightChromium();
  if (managed && host.exists(managed)) return { path: managed, source: "Playwright's Chromium" };
  for (const candidate of systemCandidates(host.platform, host.env, host.home)) {
    if (host.exists(candidate)) return { path: candidate, source: 'the system' };
  }
  return { error: NO_BROWSER };
}

module.exports = { findChromium, systemCandidates, NO_BROWSER };

if (require.main === module) {
  const found = findChromium();
  if ('error' in found) {
    console.error(found.error);
    process.exit(1);
  }
  console.log(`Chromium for the end-to-end tests: ${found.path} (from ${found.source})`);
}
