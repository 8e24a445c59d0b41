import { describe, expect, it, vi } from 'vitest';
import { installQuitSequence } from './quitSequence';
import { createElectronStandIn } from './testing/electronStandIn';

/** The app under the recording stand-in, with a clean-up that the test finishes when it wants. */
function quittingApp(platform: NodeJS.Platform, ceilingMs?: number) {
  const electron = createElectronStandIn({ userData: '/nonexistent' });
  const steps: string[] = [];
  let finishCleanUp: () => void = () => undefined;
  let cleanUps = 0;
  installQuitSequence({
    app: electron.app,
    platform,
    ...(ceilingMs === undefined ? {} : { ceilingMs }),
    onError: (error) => steps.push(`error: ${(error as Error).message}`),
    cleanUp: () => {
      cleanUps += 1;
      steps.push('clean-up started');
      return new Promise<void>((resolve) => {
        finishCleanUp = () => {
          steps.push('clean-up done');
          resolve();
        };
      });
    },
  });
  electron.onExit(() => steps.push('exit'));
  const window = new electron.BrowserWindow({});
  return { electron, window, steps, finish: () => finishCleanUp(), cleanUps: () => cleanUps };
}

describe('quit sequence', () => {
  it('holds the quit until every project is closed, then exits (Linux and Windows: closing the last window quits)', async () => {
    const { electron, window, steps, finish } = quittingApp('linux');
    window.close();
    expect(steps).toEqual(['clean-up started']);
    expect(electron.exited).toBe(false);
    finish();
    await vi.waitFor(() => expect(electron.exited).toBe(true));
    expect(steps).toEqual(['clean-up started', 'clean-up done', 'exit']);
  });

  it('on macOS keeps the app when the last window closes, and Cmd+Q quits after the clean-up', async () => {
    const { electron, window, steps, finish, cleanUps } = quittingApp('darwin');
    window.close();
    expect(steps).toEqual([]);
    expect(electron.exited).toBe(false);
    // Cmd+Q (app.quit from the app menu's Quit role).
    electron.app.quit();
    expect(steps).toEqual(['clean-up started']);
    // Quit asked again meanwhile (a second Cmd+Q): still one clean-up, still held.
    electron.app.quit();
    expect(cleanUps()).toBe(1);
    expect(electron.exited).toBe(false);
    finish();
    await vi.waitFor(() => expect(electron.exited).toBe(true));
    expect(steps).toEqual(['clean-up started', 'clean-up done', 'exit']);
  });

  it('lets a window with unsaved changes save before the quit goes on, on macOS too', async () => {
    const { electron, window, steps, finish } = quittingApp('darwin');
    // The renderer holds its close while it saves (beforeunload), which cancels this quit.
    let saving = true;
    window.holdClose = () => saving;
    electron.app.quit();
    expect(window.isDestroyed()).toBe(false);
    expect(steps).toEqual([]);
    // Saved: the renderer closes its window itself; the quit the user asked for goes on.
    saving = false;
    window.close();
    expect(steps).toEqual(['clean-up started']);
    finish();
    await vi.waitFor(() => expect(electron.exited).toBe(true));
  });

  it('quits anyway when the clean-up outlasts its ceiling, and says so', async () => {
    const { electron, window, steps } = quittingApp('linux', 50);
    window.close();
    await vi.waitFor(() => expect(electron.exited).toBe(true));
    expect(steps).toEqual(['clean-up started', 'error: closing the open projects took over 50 ms; quitting anyway', 'exit']);
  });
});
