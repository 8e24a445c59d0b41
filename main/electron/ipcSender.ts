import { isAppPage } from './appPage';

/** What main knows about an IPC call's sender (from Electron's event), kept Electron-free for tests. */
export interface IpcSender {
  /** The sender's webContents belongs to one of our windows. */
  knownWindow: boolean;
  /** event.senderFrame: null once the frame is gone. */
  frame: { url: string; parent: unknown } | null | undefined;
}

/**
 * An IPC call is answered only when it comes from the main frame (no iframe, no parent) of one of
 * our windows, showing our own page (file:// index.html, any query or hash): anything else, such
 * as a page a link navigated to or a frame injected by an article, is refused.
 */
export function isTrustedSender(sender: IpcSender, appPage: string): boolean {
  const { frame } = sender;
  return sender.knownWindow && !!frame && frame.parent === null && isAppPage(frame.url, appPage);
}
