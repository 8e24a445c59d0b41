import { APP_PAGE } from './appProtocol';

/**
 * The one page the app's windows may show: our built index.html, served by the app scheme
 * (appProtocol.ts) at app://factmark/index.html. Kept free of Electron imports so the trust
 * decisions below are unit-tested.
 */
export function appPageUrl(): string {
  return APP_PAGE;
}

/**
 * True when `url` is the app page itself (any query or hash): used to allow reloads and to
 * recognise IPC senders. Any other scheme (file: included), host or path is foreign.
 */
export function isAppPage(url: string | undefined | null, appPage: string): boolean {
  if (!url) return false;
  let candidate: URL;
  let expected: URL;
  try {
    candidate = new URL(url);
    expected = new URL(appPage);
  } catch {
    return false;
  }
  return (
    candidate.protocol === expected.protocol &&
    candidate.host === expected.host &&
    candidate.username === '' &&
    candidate.password === '' &&
    candidate.pathname === expected.pathname
  );
}
