import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/contentSecurityPolicy';
import { isAppPage } from './appPage';

/**
 * Session-wide hardening: the same CSP as `factmark serve` on every response (index.html also
 * carries it, this covers any other load), and no web permission (camera, notifications,
 * geolocation, clipboard reads, ...) is ever granted: the app needs none.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Keeps every web contents on the app page: no navigation or redirect elsewhere (a dropped file
 * or a link in an article would otherwise replace the app), no new windows, no <webview>.
 */
export function confineWebContents(contents: WebContents, appPage: string): void {
  const stayOnAppPage = (event: { url: string; preventDefault(): void }) => {
    if (!isAppPage(event.url, appPage)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
