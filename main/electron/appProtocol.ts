import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { SECURITY_HEADERS } from '../server/contentSecurityPolicy';
import { resolveStaticFile } from '../server/staticFiles';

/**
 * The desktop window loads the app from `app://factmark/`, a scheme of our own served only from
 * the built renderer folder (dist/renderer), never from `file://`. Under `file://` the CSP's
 * `'self'` would be every local file and a page could read any of them; here `'self'` is the
 * app's own files and nothing else, as under `factmark serve`. Kept free of Electron imports
 * (types aside) so that the handler is unit-tested; main.ts registers it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'factmark';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the app's windows show. */
export const APP_PAGE = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready: standard (an origin, relative URLs), secure (a secure
 * context, like https), fetch and CORS support (Vite's module scripts are loaded in CORS mode).
 * No `bypassCSP`: the CSP applies in full.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
];

const notFound = () => new Response('Not found.', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The answer to one request of the app scheme: a regular file of `rendererDir` (no `..`, no link
 * out of it: main/server/staticFiles.ts), with the CSP; 404 for anything else, another host
 * included; 405 for anything but GET and HEAD.
 */
export async function appResponse(request: { url: string; method: string }, rendererDir: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Only GET is allowed.', { status: 405, headers: { ...SECURITY_HEADERS, Allow: 'GET, HEAD' } });
  }
  const file = await resolveStaticFile(rendererDir, url.pathname);
  if (!file) return notFound();
  const headers = { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(await readFile(file.path)), { status: 200, headers });
}

/** What registerAppProtocol needs of Electron's `protocol` (a stand-in in tests). */
export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export function registerAppProtocol(protocol: ProtocolLike, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request, rendererDir));
}
