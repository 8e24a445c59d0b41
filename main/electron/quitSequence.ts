/**
 * Quitting loses nothing. Electron's order: app.quit() -> 'before-quit' -> every window is asked
 * to close (a renderer with unsaved changes holds its close in beforeunload, saves, and closes
 * itself: renderer app/unloadGuard.ts) -> 'window-all-closed' -> 'will-quit' -> exit.
 * Here:
 *  - 'before-quit' notes that the user asked to quit, so a window that held its close to save
 *    still ends the app once it closes (on macOS too, where closing the last window otherwise
 *    keeps the app running, as users expect there);
 *  - 'will-quit' is held (preventDefault) while every window's service finishes: saves already
 *    asked for are written, then the project lock is released (factmarkService dispose), then
 *    the app quits again, for good;
 *  - a clean-up that fails or outlasts `ceilingMs` is reported and the app quits anyway (the
 *    lock files still go in the process's exit hook, annotatorLock.ts).
 * Electron-free (the app is passed in) so that the sequence is unit-tested; main.ts wires it.
 */
export interface QuitApp {
  on(event: 'before-quit' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface QuitSequenceOptions {
  app: QuitApp;
  platform: NodeJS.Platform;
  /** Closes every project still open and resolves when all are closed (saves on disk, locks released). */
  cleanUp(): Promise<void>;
  /** Longest wait for the clean-up before quitting anyway. */
  ceilingMs?: number;
  onError?(error: unknown): void;
}

export const QUIT_CLEANUP_CEILING_MS = 30_000;

export function installQuitSequence(opts: QuitSequenceOptions): void {
  const { app } = opts;
  const onError = opts.onError ?? ((error: unknown) => console.error('Factmark: quitting:', error));
  let quitRequested = false;
  let cleaning: Promise<void> | null = null;
  let cleanedUp = false;

  app.on('before-quit', () => {
    quitRequested = true;
  });

  app.on('window-all-closed', () => {
    if (opts.platform !== 'darwin' || quitRequested) app.quit();
  });

  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    if (cleaning) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ceiling = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        onError(new Error(`closing the open projects took over ${opts.ceilingMs ?? QUIT_CLEANUP_CEILING_MS} ms; quitting anyway`));
        resolve();
      }, opts.ceilingMs ?? QUIT_CLEANUP_CEILING_MS);
    });
    cleaning = Promise.race([opts.cleanUp().catch(onError), ceiling]).then(() => {
      clearTimeout(timer);
      cleanedUp = true;
      app.quit();
    });
  });
}
