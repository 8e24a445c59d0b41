import type { MenuItemConstructorOptions } from 'electron';
import { openRecentCommand, type MenuCommand } from './menuCommands';

export interface MenuTemplateOptions {
  /** Most recent first (settings.json). */
  recentProjects: readonly string[];
  isMac: boolean;
  /** Development builds get the developer tools. */
  withDevTools: boolean;
  appName: string;
  /** Delivers a command to the window the menu was used in. */
  send(command: MenuCommand, window: unknown): void;
}

/**
 * The application menu as data (built into a Menu by menu.ts). Every app action is a command the
 * renderer carries out, so the menu and the in-window buttons share one code path.
 */
export function buildMenuTemplate(opts: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const command = (label: string, cmd: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: (_item, window) => opts.send(cmd, window),
  });
  const recent: MenuItemConstructorOptions[] =
    opts.recentProjects.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : opts.recentProjects.map((p) => command(p, openRecentCommand(p)));

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('New Project…', 'new-project'),
      command('Open Project…', 'open-project', 'CmdOrCtrl+O'),
      command('Open Sample Project', 'open-sample'),
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      command('Import Documents…', 'import'),
      command('Export…', 'export', 'CmdOrCtrl+E'),
      ...(opts.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  // The top bar's project-wide screens, for those who look in the menu first.
  const project: MenuItemConstructorOptions = {
    label: 'Project',
    submenu: [
      command('Label Schema…', 'schema'),
      command('Agreement and Adjudication…', 'agreement'),
      command('Review Claims Across Documents…', 'review'),
      { type: 'separator' },
      command('Sync', 'sync'),
    ],
  };
  // No undo/redo roles: Ctrl+Z must reach the renderer, whose annotation history is the only one
  // (the native contenteditable undo would bypass it). Clipboard roles keep copy working on macOS.
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(opts.withDevTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    // The app's own About dialog (version, model credits) everywhere; macOS also keeps the native
    // panel in the app menu (aboutPanel.ts).
    submenu: [command('Keyboard Shortcuts', 'shortcuts'), { type: 'separator' }, command('About Factmark', 'about')],
  };
  const macApp: MenuItemConstructorOptions = {
    label: opts.appName,
    submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [...(opts.isMac ? [macApp] : []), file, edit, view, project, help];
}
