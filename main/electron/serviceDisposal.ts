/**
 * Closing a window's service (its pending saves written, its project lock released, its worker
 * and watcher stopped) takes time: a window's 'closed' handler starts it, and the quit sequence
 * waits for every one started, so the app never exits half-way through one. Electron-free.
 */
export interface Disposable {
  dispose(): Promise<void>;
}

const started = new WeakMap<Disposable, Promise<void>>();
const pending = new Set<Promise<void>>();

/** Starts disposing (once per service, however often asked); a failure is reported, never thrown. */
export function disposeService(service: Disposable, onError: (error: unknown) => void = reportError): Promise<void> {
  const known = started.get(service);
  if (known) return known;
  const done: Promise<void> = service
    .dispose()
    .catch(onError)
    .finally(() => pending.delete(done));
  started.set(service, done);
  pending.add(done);
  return done;
}

/** Resolves once every disposal started so far, and any started meanwhile, has finished. */
export async function allServicesDisposed(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

function reportError(error: unknown): void {
  console.error('Factmark: closing a project failed:', error);
}
