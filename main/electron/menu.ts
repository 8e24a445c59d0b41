import { app, BrowserWindow, Menu } from 'electron';
import { readJsonFile } from '../services/atomicJson';
import { settingsFile, settingsSchema } from '../services/settingsStore';
import { MENU_CHANNEL, type MenuCommand } from './menuCommands';
import { buildMenuTemplate } from './menuTemplate';
import { findAppWindow } from './window';

/** The window a menu item was used in, else the focused one. */
function targetWindow(window: unknown): BrowserWindow | null {
  const id = (window as { id?: unknown } | undefined)?.id;
  if (typeof id === 'number') {
    const entry = findAppWindow(id);
    if (entry) return entry.window;
  }
  return BrowserWindow.getFocusedWindow();
}

function send(command: MenuCommand, window: unknown): void {
  const target = targetWindow(window);
  if (target && !target.isDestroyed()) target.webContents.send(MENU_CHANNEL, command);
}

/**
 * (Re)builds the application menu. Open Recent comes from the settings file all windows share;
 * it is only read here, so a damaged file is left for the service to report.
 */
export async function installMenu(dataDir: string): Promise<void> {
  const read = await readJsonFile(settingsFile(dataDir), settingsSchema).catch(() => null);
  const recentProjects = read?.ok ? read.value.recentProjects : [];
  const template = buildMenuTemplate({
    recentProjects,
    isMac: process.platform === 'darwin',
    withDevTools: !app.isPackaged,
    appName: app.name,
    send,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
