import { afterEach, describe, expect, it, vi } from 'vitest';
import { removeTempDirs, tempDir } from '../services/serviceTestKit';

/**
 * main.ts under a recording stand-in of the `electron` module (no Electron binary runs here):
 * the app scheme is made privileged before the app is ready, its handler is registered on the
 * default session, and windows load app://factmark/index.html, never a file:// URL.
 */
const calls: { what: string; args: unknown[] }[] = [];
const record = (what: string) => (...args: unknown[]) => {
  calls.push({ what, args });
};
let ready: () => void = () => undefined;

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    static getFocusedWindow = () => null;
    id = 1;
    webContents = { id: 7, send: record('webContents.send') };
    constructor(options: unknown) {
      calls.push({ what: 'new BrowserWindow', args: [options] });
    }
    loadURL = record('loadURL');
    loadFile = record('loadFile');
    on = record('window.on');
    once = record('window.once');
    isDestroyed = () => false;
    show = record('show');
  }
  return {
    app: {
      enableSandbox: record('app.enableSandbox'),
      on: record('app.on'),
      whenReady: () => new Promise<void>((resolve) => (ready = resolve)),
      getPath: () => '/nonexistent',
      quit: record('app.quit'),
      setAboutPanelOptions: record('app.setAboutPanelOptions'),
      isPackaged: true,
      name: 'Factmark',
    },
    BrowserWindow,
    protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged') },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: record('onHeadersReceived') },
        setPermissionRequestHandler: record('setPermissionRequestHandler'),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
        protocol: { handle: record('session.protocol.handle') },
      },
    },
    ipcMain: { handle: record('ipcMain.handle') },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: record('Menu.setApplicationMenu') },
    dialog: { showOpenDialog: record('dialog.showOpenDialog') },
  };
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await removeTempDirs();
});

describe('the Electron entry (main.ts) wiring', () => {
  it('serves the app from app://factmark/ and loads windows there', async () => {
    vi.stubEnv('FACTMARK_DATA_DIR', tempDir());
    await import('./main');
    const names = () => calls.map((c) => c.what);
    // Before ready: the scheme is privileged, nothing is loaded yet.
    expect(names()).toContain('protocol.registerSchemesAsPrivileged');
    expect(calls.find((c) => c.what === 'protocol.registerSchemesAsPrivileged')?.args[0]).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(names()).not.toContain('session.protocol.handle');
    expect(names()).not.toContain('new BrowserWindow');
    ready();
    await vi.waitFor(() => expect(names()).toContain('loadURL'));
    const handled = calls.filter((c) => c.what === 'session.protocol.handle');
    expect(handled.map((c) => c.args[0])).toEqual(['app']);
    expect(names().indexOf('session.protocol.handle')).toBeLessThan(names().indexOf('new BrowserWindow'));
    expect(calls.filter((c) => c.what === 'loadURL').map((c) => c.args[0])).toEqual(['app://factmark/index.html']);
    expect(names()).not.toContain('loadFile');
    // IPC answers the app page only (ipcSender.test.ts checks the decision itself).
    expect(calls.filter((c) => c.what === 'ipcMain.handle').length).toBeGreaterThan(10);
  });
});
