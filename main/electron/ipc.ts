import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, OPERATION_NAMES, type OperationName } from '../../shared/api/contract';
import { fail, type Result } from '../../shared/api/result';
import { dispatch } from '../services/factmarkService';
import { isTrustedSender } from './ipcSender';
import { appWindows } from './window';

/** Operations after which the recent-projects list (and so the menu) may have changed. */
const CHANGES_RECENT: ReadonlySet<OperationName> = new Set(['getSession', 'openProject', 'createProject', 'openSampleProject']);

/**
 * One IPC handler per contract operation. A call is answered only when it comes from the main
 * frame of one of our windows showing our own page; inputs are validated by dispatch().
 */
export function registerIpcHandlers(appPage: string, onRecentMayChange: () => void): void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      // Known window (by its webContents id), main frame only (no iframes), showing our page.
      const entry = appWindows.get(event.sender.id);
      const frame = event.senderFrame;
      if (!entry || !isTrustedSender({ knownWindow: true, frame }, appPage)) {
        return fail('invalid-input', 'Refused: unknown sender');
      }
      const result = await dispatch(entry.handlers, name, input);
      if (CHANGES_RECENT.has(name)) onRecentMayChange();
      return result;
    });
  }
}
