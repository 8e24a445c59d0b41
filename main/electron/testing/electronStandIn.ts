import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import Module from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A recording stand-in for the `electron` module, for machines without Electron's binary (CI):
 * our main process (its source in unit tests, or the built bundle from the packaged app.asar in
 * `npm run test:package`) runs against it, and tests read what it asked of Electron: window
 * options, IPC handlers, menus, session hardening, protocol handlers, exposed APIs. It follows
 * Electron's documented behaviour where our code depends on it (the quit order, `beforeunload`
 * holding a close, `will-quit` being cancellable, no 'window-all-closed' while quitting). It
 * proves our wiring, not Electron. Unknown APIs throw, naming what to add here.
 */
export interface Call {
  api: string;
  args: unknown[];
}

interface Preventable {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

function preventable(extra: Record<string, unknown> = {}): Preventable & Record<string, unknown> {
  let prevented = false;
  return {
    ...extra,
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

export interface StandInOptions {
  /** app.getPath('userData') and friends. */
  userData: string;
  isPackaged?: boolean;
  name?: string;
  version?: string;
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;

export function createElectronStandIn(opts: StandInOptions) {
  const calls: Call[] = [];
  const record = (api: string, ...args: unknown[]) => {
    calls.push({ api, args });
  };
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const exitListeners: (() => void)[] = [];
  let exited = false;
  let ready = false;
  let resolveReady: () => void = () => undefined;
  const whenReadyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  let nextContentsId = 1;
  let nextWindowId = 1;
  let quitting = false;

  class WebContentsStandIn extends EventEmitter {
    readonly id = nextContentsId++;
    url = '';
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
    readonly sent: { channel: string; args: unknown[] }[] = [];
    send(channel: string, ...args: unknown[]) {
      this.sent.push({ channel, args });
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
    getURL() {
      return this.url;
    }
    /** What our code sees as event.senderFrame for a call from this page's main frame. */
    get mainFrame() {
      return { url: this.url, parent: null };
    }
  }

  const windows: BrowserWindowStandIn[] = [];

  class BrowserWindowStandIn extends EventEmitter {
    readonly id = nextWindowId++;
    readonly webContents = new WebContentsStandIn();
    readonly options: Record<string, unknown>;
    shown = false;
    private destroyed = false;
    /**
     * The renderer's beforeunload: answers true to hold the close (unsaved changes being saved,
     * as renderer app/unloadGuard.ts does). Tests set it.
     */
    holdClose: () => boolean = () => false;

    constructor(options: Record<string, unknown> = {}) {
      super();
      this.options = options;
      record('BrowserWindow', options);
      windows.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    static getAllWindows() {
      return windows.filter((w) => !w.isDestroyed());
    }
    static getFocusedWindow() {
      return BrowserWindowStandIn.getAllWindows()[0] ?? null;
    }
    static fromWebContents(contents: unknown) {
      return windows.find((w) => w.webContents === contents) ?? null;
    }
    private load(url: string) {
      this.webContents.url = url;
      setImmediate(() => {
        if (!this.destroyed) this.emit('ready-to-show');
      });
      return Promise.resolve();
    }
    loadFile(path: string) {
      record('BrowserWindow.loadFile', path);
      return this.load(pathToFileURL(path).href);
    }
    loadURL(url: string) {
      record('BrowserWindow.loadURL', url);
      return this.load(url);
    }
    show() {
      this.shown = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** Electron's close: 'close' (cancellable), the page's beforeunload (may hold it), then closed. Answers whether it closed. */
    close(): boolean {
      if (this.destroyed) return true;
      const event = preventable();
      this.emit('close', event);
      if (event.defaultPrevented || this.holdClose()) return false;
      this.destroy();
      return true;
    }
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.emit('closed');
      if (!quitting && BrowserWindowStandIn.getAllWindows().length === 0) app.emit('window-all-closed');
    }
  }

  /** app.quit() as Electron documents it. */
  function quit(): void {
    record('app.quit');
    if (exited) return;
    const beforeQuit = preventable();
    app.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quitting = true;
    try {
      for (const window of BrowserWindowStandIn.getAllWindows()) {
        // A window that holds its close cancels the quit (Electron: beforeunload aborts quitting).
        if (!window.close()) return;
      }
    } finally {
      quitting = false;
    }
    const willQuit = preventable();
    app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    app.emit('quit', preventable(), 0);
    exit(0);
  }

  function exit(code = 0): void {
    if (exited) return;
    record('app.exit', code);
    exited = true;
    for (const listener of exitListeners) listener();
  }

  const appEmitter = new EventEmitter();
  const app = Object.assign(appEmitter, {
    name: opts.name ?? 'Factmark',
    isPackaged: opts.isPackaged ?? false,
    commandLine: { appendSwitch: (...args: unknown[]) => record('app.commandLine.appendSwitch', ...args) },
    whenReady: () => whenReadyPromise,
    isReady: () => ready,
    enableSandbox: () => record('app.enableSandbox'),
    getPath: (name: string) => (name === 'userData' || name === 'appData' ? opts.userData : `${opts.userData}/${name}`),
    getVersion: () => opts.version ?? '0.0.0',
    getName: () => opts.name ?? 'Factmark',
    setAboutPanelOptions: (options: unknown) => record('app.setAboutPanelOptions', options),
    showAboutPanel: () => record('app.showAboutPanel'),
    requestSingleInstanceLock: () => true,
    setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
    quit,
    exit,
  });

  const ipcMain = {
    handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      ipcHandlers.delete(channel);
    },
    on: (...args: unknown[]) => record('ipcMain.on', ...args),
  };

  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: (...args: unknown[]) => record('session.webRequest.onHeadersReceived', ...args) },
      setPermissionRequestHandler: (...args: unknown[]) => record('session.setPermissionRequestHandler', ...args),
      setPermissionCheckHandler: (...args: unknown[]) => record('session.setPermissionCheckHandler', ...args),
      protocol: {
        handle: (...args: unknown[]) => record('session.protocol.handle', ...args),
      },
      on: (...args: unknown[]) => record('session.on', ...args),
    },
  };

  const electron: Record<string, unknown> = {
    app,
    BrowserWindow: BrowserWindowStandIn,
    ipcMain,
    session,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => record('Menu.setApplicationMenu', menu),
    },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        record('dialog.showOpenDialog', ...args);
        return { canceled: true, filePaths: [] };
      },
      showMessageBox: async (...args: unknown[]) => {
        record('dialog.showMessageBox', ...args);
        return { response: 0, checkboxChecked: false };
      },
      showErrorBox: (...args: unknown[]) => record('dialog.showErrorBox', ...args),
    },
    protocol: {
      registerSchemesAsPrivileged: (...args: unknown[]) => record('protocol.registerSchemesAsPrivileged', ...args),
      handle: (...args: unknown[]) => record('protocol.handle', ...args),
      isProtocolHandled: () => false,
    },
    net: {
      /** file: URLs only (what an app:// handler serves from); anything else is refused, as there is no network. */
      fetch: async (url: string | URL) => {
        const href = String(url);
        if (!href.startsWith('file:')) throw new Error(`stand-in net.fetch: no network (${href})`);
        return new Response(await readFile(fileURLToPath(href)));
      },
    },
    shell: {
      openExternal: async (...args: unknown[]) => record('shell.openExternal', ...args),
      openPath: async (...args: unknown[]) => {
        record('shell.openPath', ...args);
        return '';
      },
      showItemInFolder: (...args: unknown[]) => record('shell.showItemInFolder', ...args),
    },
    contextBridge: { exposeInMainWorld: (...args: unknown[]) => record('contextBridge.exposeInMainWorld', ...args) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => record('ipcRenderer.invoke', ...args),
      on: (...args: unknown[]) => record('ipcRenderer.on', ...args),
      removeListener: (...args: unknown[]) => record('ipcRenderer.removeListener', ...args),
    },
    nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' }),
  };

  const module = new Proxy(electron, {
    get(target, key) {
      if (typeof key === 'symbol' || key in target || key === 'then' || key === '__esModule' || key === 'default') {
        return key === 'default' ? target : target[key as string];
      }
      throw new Error(`The electron stand-in has no "${key}": add it in main/electron/testing/electronStandIn.ts.`);
    },
  });

  return {
    module,
    app,
    BrowserWindow: BrowserWindowStandIn,
    calls,
    ipcHandlers,
    windows,
    /** Fires app 'ready' (what Electron does once it has started). */
    ready() {
      ready = true;
      app.emit('ready', preventable(), {});
      resolveReady();
    },
    /** Called at the moment the process would exit (to look at what is on disk then). */
    onExit(listener: () => void) {
      exitListeners.push(listener);
    },
    get exited() {
      return exited;
    },
    /** Calls an IPC operation as the given window's page (or as `frame`, to play a foreign sender). */
    invoke(window: BrowserWindowStandIn, channel: string, input: unknown, frame: { url: string; parent: unknown } | null = window.webContents.mainFrame) {
      const handler = ipcHandlers.get(channel);
      if (!handler) throw new Error(`No IPC handler for ${channel}`);
      return handler({ sender: window.webContents, senderFrame: frame }, input);
    },
  };
}

/**
 * Makes `require('electron')` answer the stand-in in this process, for code loaded with Node's
 * own require (the built bundles). Returns the function that undoes it.
 */
export function routeElectronTo(standIn: ElectronStandIn): () => void {
  const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const original = loader._load;
  loader._load = function load(request: string, parent: unknown, isMain: boolean) {
    if (request === 'electron') return standIn.module;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    loader._load = original;
  };
}
