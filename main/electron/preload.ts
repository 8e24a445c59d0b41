import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { PRELOAD_OPERATION_NAMES } from '../../shared/api/operationNames';

/*
 * The sandboxed preload: it may require only 'electron', so it does not import contract.ts
 * (which pulls in zod). It exposes exactly one function per operation and the menu listener;
 * nothing from ipcRenderer itself reaches the page.
 */

/** Same as ipcChannel() in shared/api/contract.ts, written out here to keep zod out. */
const channel = (name: string) => 'factmark:' + name;
/** Same as MENU_CHANNEL in main/electron/menuCommands.ts. */
const MENU_CHANNEL = 'factmark:menu';

const api: Record<string, unknown> = {};
for (const name of PRELOAD_OPERATION_NAMES) {
  api[name] = (input: unknown) => ipcRenderer.invoke(channel(name), input);
}
api.onMenuCommand = (callback: (command: string) => void): (() => void) => {
  if (typeof callback !== 'function') throw new TypeError('onMenuCommand needs a function');
  // The page gets the command string only, never the IPC event (it carries the sender object).
  const listener = (_event: IpcRendererEvent, command: unknown) => {
    if (typeof command === 'string') callback(command);
  };
  ipcRenderer.on(MENU_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(MENU_CHANNEL, listener);
  };
};

contextBridge.exposeInMainWorld('factmark', api);
