import { app, BrowserWindow, protocol, session } from 'electron';
import { join } from 'node:path';
import { installAboutPanel } from './aboutPanel';
import { appPageUrl } from './appPage';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './appProtocol';
import { registerIpcHandlers } from './ipc';
import { installMenu } from './menu';
import { installQuitSequence } from './quitSequence';
import { allServicesDisposed, disposeService } from './serviceDisposal';
import { confineWebContents, hardenSession } from './security';
import { appWindows, createAppWindow } from './window';
import { VERSION } from '../version';

// The Electron entry (dist/main/electron.js). Layout of the build: dist/main/{electron,preload}.js
// and dist/renderer/index.html, served to the windows as app://factmark/ (appProtocol.ts).
const rendererDir = join(__dirname, '..', 'renderer');
const preload = join(__dirname, 'preload.js');
const appPage = appPageUrl();

// The app scheme must be known before the app is ready.
protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();

app.on('web-contents-created', (_event, contents) => confineWebContents(contents, appPage));

// FACTMARK_DATA_DIR (tests, portable setups) wins over Electron's per-user folder, as in the CLI.
const dataDir = (): string => process.env.FACTMARK_DATA_DIR || app.getPath('userData');

/** `factmark-desktop --project DIR` (or `--project=DIR`) opens that project in the first window. */
function projectFromArgs(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--project' || a.startsWith('--project='));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}
let initialProject = projectFromArgs(process.argv);

function openWindow(): void {
  createAppWindow({ dataDir: dataDir(), appPage, preload, initialProject });
  initialProject = undefined;
}

function refreshMenu(): void {
  installMenu(dataDir()).catch((error: unknown) => {
    console.error('Factmark: could not build the menu:', error);
  });
}

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  registerAppProtocol(session.defaultSession.protocol, rendererDir);
  registerIpcHandlers(appPage, refreshMenu);
  refreshMenu();
  openWindow();
  // Help ▸ About: the version and the model notice (app.asar's root is two folders up).
  installAboutPanel(app, join(__dirname, '..', '..'), VERSION);
  // macOS keeps the app running without windows; the dock icon opens a new one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

// Quit writes pending saves, then releases the project locks, then exits (quitSequence.ts); on
// macOS closing the last window keeps the app, Cmd+Q quits.
installQuitSequence({
  app,
  platform: process.platform,
  async cleanUp() {
    for (const entry of appWindows.values()) void disposeService(entry.handlers);
    await allServicesDisposed();
  },
});
