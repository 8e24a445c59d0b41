import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import { corpusDir } from '../paths';
import { createFactmarkService, type FactmarkService } from '../services/factmarkService';
import { VERSION } from '../version';
import { disposeService } from './serviceDisposal';

/** A window and the service that holds its open project (one project per window). */
export interface AppWindow {
  window: BrowserWindow;
  handlers: FactmarkService;
}

export interface WindowPaths {
  /** Electron's per-user folder (settings, sample working copy). */
  dataDir: string;
  /** The app page (app://factmark/index.html, appProtocol.ts). */
  appPage: string;
  /** dist/main/preload.js */
  preload: string;
  /** A project to open instead of the last one (command line `--project DIR`). */
  initialProject?: string | undefined;
}

const DIALOG_TITLES = {
  open: 'Open a Factmark project folder',
  create: 'Choose a folder for the new project',
  export: 'Choose where to write the export',
} as const;

/** Open windows by webContents id: IPC answers only these, each with its own service. */
export const appWindows = new Map<number, AppWindow>();

export function findAppWindow(windowId: number): AppWindow | undefined {
  for (const entry of appWindows.values()) if (entry.window.id === windowId) return entry;
  return undefined;
}

export function createAppWindow(paths: WindowPaths): AppWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Factmark',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: paths.preload,
      spellcheck: false,
      // Middle-click (auxclick) must not open links in new windows (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const handlers = createFactmarkService({
    dataDir: paths.dataDir,
    corpusDir: corpusDir(),
    version: VERSION,
    ...(paths.initialProject ? { initialProject: paths.initialProject } : {}),
    host: {
      async chooseFolder(purpose) {
        if (window.isDestroyed()) return null;
        const options: OpenDialogOptions = {
          title: DIALOG_TITLES[purpose],
          properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
        };
        const picked = await dialog.showOpenDialog(window, options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
    },
  });
  const entry: AppWindow = { window, handlers };
  // The id is read now: webContents is gone by the time 'closed' fires.
  const contentsId = window.webContents.id;
  appWindows.set(contentsId, entry);
  window.on('closed', () => {
    appWindows.delete(contentsId);
    // Another window on the same project and annotator may write from now on (a quit waits for it).
    void disposeService(handlers);
  });
  window.once('ready-to-show', () => window.show());
  // Closing is left to the default: the renderer flushes pending saves in its beforeunload.
  void window.loadURL(paths.appPage);
  return entry;
}
