import { pathToFileURL } from 'node:url';

/**
 * The one page the app's windows may show: our built index.html, as a file:// URL. Kept free of
 * Electron imports so the trust decisions below are unit-tested.
 */
export function appPageUrl(indexHtmlPath: string): string {
  return pathToFileURL(indexHtmlPath).href;
}

/**
 * True when `url` is the app page itself (any query or hash): used to allow reloads and to
 * recognise IPC senders. Any other file, scheme or host is foreign.
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
    candidate.protocol === 'file:' &&
    candidate.host === expected.host &&
    decodeURIComponent(candidate.pathname) === decodeURIComponent(expected.pathname)
  );
}
