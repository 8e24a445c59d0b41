/**
 * The commands the application menu sends to the renderer on the `factmark:menu` channel
 * (plan, Transport section). The renderer's preload passes them to `onMenuCommand` listeners.
 */
export const MENU_CHANNEL = 'factmark:menu';

export type MenuCommand =
  | 'new-project'
  | 'open-project'
  | 'open-sample'
  | `open-recent:${string}`
  | 'import'
  | 'export'
  | 'schema'
  | 'agreement'
  | 'review'
  | 'sync'
  | 'shortcuts'
  | 'about';

export const openRecentCommand = (projectPath: string): MenuCommand => `open-recent:${projectPath}`;
