import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FactmarkHandlers } from '../../shared/api/contract';
import { OPERATION_NAMES } from '../../shared/api/contract';
import { fail, type Result } from '../../shared/api/result';
import { dispatch } from '../services/factmarkService';
import { SECURITY_HEADERS } from './contentSecurityPolicy';
import { readBody, MAX_BODY_BYTES } from './readBody';
import {
  isAllowedHost,
  isAllowedOrigin,
  isJsonContentType,
  newToken,
  TOKEN_HEADER,
  tokenMatches,
} from './requestGuards';
import { hasSession, sessionCookie, TOKEN_QUERY, withoutToken } from './sessionCookie';
import { openStaticFile, resolveStaticFile } from './staticFiles';

export interface ServerOptions {
  handlers: FactmarkHandlers;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 (default) lets the OS choose a free port. */
  port?: number;
  /** Normally generated; fixed only by tests. */
  token?: string;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/ */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Only loopback: the API reads and writes the user's files and must never face a network. */
const HOST = '127.0.0.1';
const API_PREFIX = '/api/';
const KNOWN_OPERATIONS: ReadonlySet<string> = new Set(OPERATION_NAMES);

function sendJson(res: ServerResponse, status: number, body: Result<unknown>, extra: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(payload);
}

/** Transport refusals carry a Result too, so the browser client can show the message. */
function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  const code = status === 404 ? 'not-found' : status === 500 ? 'internal' : 'invalid-input';
  sendJson(res, status, fail(code, message), extra);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, operation: string, opts: { handlers: FactmarkHandlers; token: string; session: string; port: number }) {
  if (req.method !== 'POST') {
    refuse(res, 405, 'API calls must use POST.', { Allow: 'POST' });
    return;
  }
  // The page proves access with its session cookie; other clients (scripts) may send the token.
  if (!hasSession(req.headers.cookie, opts.port, opts.session) && !tokenMatches(req.headers[TOKEN_HEADER], opts.token)) {
    refuse(res, 401, 'Missing or wrong access token: open the address printed by `factmark serve`.');
    return;
  }
  if (!KNOWN_OPERATIONS.has(operation)) {
    refuse(res, 404, `Unknown operation: ${operation}`);
    return;
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    refuse(res, 415, 'API calls must send Content-Type: application/json.');
    return;
  }
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body.ok) {
    if (body.reason === 'too-large') {
      refuse(res, 413, `The request is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB.`, { Connection: 'close' });
    } else {
      res.destroy();
    }
    return;
  }
  let input: unknown;
  try {
    input = body.body.length === 0 ? {} : JSON.parse(body.body.toString('utf8'));
  } catch {
    refuse(res, 400, 'The request body is not valid JSON.');
    return;
  }
  sendJson(res, 200, await dispatch(opts.handlers, operation, input));
}

async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string, staticDir: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    refuse(res, 405, 'Only GET is allowed here.', { Allow: 'GET, HEAD' });
    return;
  }
  const file = await resolveStaticFile(staticDir, pathname);
  if (!file) {
    refuse(res, 404, 'Not found.');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': String(file.size),
    // The UI is rebuilt in place; always revalidate so a rebuild is picked up.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = openStaticFile(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * The HTTP transport of `factmark serve`: the built UI as static files plus POST /api/<operation>
 * carrying the same contract as the Electron IPC. See docs and the plan's Transport section.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  /** What the browser's cookie holds (sessionCookie.ts): a secret of its own, never the printed token. */
  const session = newToken();
  let port = 0;

  const server = createServer((req, res) => {
    const route = async () => {
      if (!isAllowedHost(req.headers.host, port)) {
        refuse(res, 403, 'Refused: unexpected Host header.');
        return;
      }
      if (!isAllowedOrigin(req.headers.origin, port)) {
        refuse(res, 403, 'Refused: request from another origin.');
        return;
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
      } catch {
        refuse(res, 400, 'Bad request URL.');
        return;
      }
      const pathname = url.pathname;
      if (pathname.startsWith(API_PREFIX)) {
        await handleApi(req, res, pathname.slice(API_PREFIX.length), { handlers: options.handlers, token, session, port });
      } else if ((req.method === 'GET' || req.method === 'HEAD') && tokenMatches(url.searchParams.get(TOKEN_QUERY) ?? undefined, token)) {
        // The printed address: its token becomes the session cookie, and the address loses it.
        res.writeHead(303, { ...SECURITY_HEADERS, Location: withoutToken(url), 'Set-Cookie': sessionCookie(port, session), 'Cache-Control': 'no-store', 'Content-Length': '0' });
        res.end();
      } else {
        await handleStatic(req, res, pathname, options.staticDir);
      }
    };
    route().catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      refuse(res, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  return new Promise((resolvePromise, rejectPromise) => {
    server.once('error', rejectPromise);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', rejectPromise);
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://${HOST}:${port}/`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections would hold close() open until they time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}
