import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../paths';
import { createFactmarkService } from '../services/factmarkService';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';
import { MAX_BODY_BYTES } from './readBody';
import { startServer, type RunningServer } from './startServer';
import { rawRequest } from './testHttp';

let root: string;
let server: RunningServer;

const api = (operation: string, body: unknown, headers: Record<string, string> = {}) =>
  rawRequest(server.port, {
    method: 'POST',
    path: `/api/${operation}`,
    headers: { 'content-type': 'application/json', 'x-factmark-token': server.token, ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'factmark-server-'));
  const staticDir = join(root, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Factmark</title>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(staticDir, 'assets', 'app.css'), 'body{}');
  await writeFile(join(root, 'secret.txt'), 'outside the static folder');
  await symlink(join(root, 'secret.txt'), join(staticDir, 'assets', 'link.txt'));
  const handlers = createFactmarkService({ dataDir: join(root, 'data'), corpusDir: corpusDir(), version: '0.0.0-test' });
  server = await startServer({ handlers, staticDir });
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('startServer', () => {
  it('listens on 127.0.0.1 with a random port and a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('serves index.html at / with the security headers', async () => {
    const res = await rawRequest(server.port, { path: '/?token=abc' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Factmark</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content types', async () => {
    const js = await rawRequest(server.port, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await rawRequest(server.port, { path: '/assets/app.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/link.txt',
    '/assets',
    '/assets/',
    '/missing.js',
    '/%00index.html',
    '/%E0%A4%A',
  ])('answers 404 for %s (traversal, symlink escape, directory, missing)', async (path) => {
    const res = await rawRequest(server.port, { path });
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the static folder');
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const res = await rawRequest(server.port, { path: '/', headers: { host: `evil.example:${server.port}` } });
    expect(res.status).toBe(403);
    const wrongPort = await api('getSession', {}, { host: `127.0.0.1:${server.port + 1}` });
    expect(wrongPort.status).toBe(403);
    const localhost = await rawRequest(server.port, { path: '/', headers: { host: `localhost:${server.port}` } });
    expect(localhost.status).toBe(200);
  });

  it('refuses a foreign or null Origin with 403 and accepts its own', async () => {
    expect((await api('getSession', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('getSession', {}, { origin: 'null' })).status).toBe(403);
    expect((await api('getSession', {}, { origin: `http://localhost:${server.port + 1}` })).status).toBe(403);
    expect((await api('getSession', {}, { origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    const missing = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/getSession',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false });
    const wrong = await api('getSession', {}, { 'x-factmark-token': `${server.token}x` });
    expect(wrong.status).toBe(401);
    const empty = await api('getSession', {}, { 'x-factmark-token': '' });
    expect(empty.status).toBe(401);
  });

  it('answers 404 JSON for an unknown operation, 405 for GET, 415 without JSON', async () => {
    const unknown = await api('deleteEverything', {});
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(unknown.headers['cache-control']).toBe('no-store');
    const get = await rawRequest(server.port, { path: '/api/getSession', headers: { 'x-factmark-token': server.token } });
    expect(get.status).toBe(405);
    const text = await api('getSession', {}, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/getSession',
      headers: { 'content-type': 'application/json', 'x-factmark-token': server.token },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('answers 413 for a body over the limit, declared or streamed', async () => {
    const declared = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/importDocuments',
      headers: {
        'content-type': 'application/json',
        'x-factmark-token': server.token,
        'content-length': String(MAX_BODY_BYTES + 1),
      },
    });
    expect(declared.status).toBe(413);
    const streamed = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/importDocuments',
      headers: { 'content-type': 'application/json', 'x-factmark-token': server.token, 'transfer-encoding': 'chunked' },
      body: Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20),
    });
    expect(streamed.status).toBe(413);
  });

  it('answers a valid getSession with ok and the no-store header', async () => {
    const res = await api('getSession', {});
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(res.body);
    expect(body.ok).toBe(true);
    expect(body.value.version).toBe('0.0.0-test');
    expect(body.value.nativeDialogs).toBe(false);
  });

  it('answers invalid input with ok:false invalid-input (HTTP 200)', async () => {
    const extra = await api('getSession', { unexpected: 1 });
    expect(extra.status).toBe(200);
    expect(JSON.parse(extra.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badName = await api('setAnnotator', { name: '' });
    expect(JSON.parse(badName.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('closes cleanly, also with an idle keep-alive connection open', async () => {
    const other = await startServer({
      handlers: createFactmarkService({ dataDir: join(root, 'data2'), corpusDir: corpusDir(), version: 'x' }),
      staticDir: join(root, 'renderer'),
      token: 'fixed-token',
    });
    expect(other.token).toBe('fixed-token');
    const res = await fetch(other.url);
    expect(res.status).toBe(200);
    await res.text();
    await other.close();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});

describe('the printed address: token exchanged for a cookie', () => {
  const cookieOf = (res: { headers: Record<string, string | string[] | undefined> }) => {
    const set = res.headers['set-cookie'];
    return (Array.isArray(set) ? set[0] : set) ?? '';
  };

  it('redirects to the bare address with an HttpOnly, SameSite=Strict, Path=/ cookie that is not the token', async () => {
    const res = await rawRequest(server.port, { path: `/?token=${server.token}` });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(res.headers['cache-control']).toBe('no-store');
    const cookie = cookieOf(res);
    expect(cookie).toMatch(new RegExp(`^factmark-session-${server.port}=[A-Za-z0-9_-]{32}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookie).not.toContain(server.token);
    // Other query parameters stay.
    expect((await rawRequest(server.port, { path: `/index.html?a=1&token=${server.token}&b=2` })).headers.location).toBe('/index.html?a=1&b=2');
  });

  it('API requests are accepted with the cookie alone; a wrong cookie, or another port\'s, is refused', async () => {
    const pair = cookieOf(await rawRequest(server.port, { path: `/?token=${server.token}` })).split(';')[0] as string;
    const call = (cookie: string) =>
      rawRequest(server.port, { method: 'POST', path: '/api/getSession', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    const ok = await call(`other=1; ${pair}`);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true });
    expect((await call(`${pair.split('=')[0]}=${'x'.repeat(32)}`)).status).toBe(401);
    expect((await call(pair.replace(`-${server.port}=`, `-${server.port + 1}=`))).status).toBe(401);
    expect((await call(`factmark-session-${server.port}=${server.token}`)).status).toBe(401);
  });

  it('a wrong token is not exchanged: the page is served, without a cookie', async () => {
    const res = await rawRequest(server.port, { path: '/?token=wrong' });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
