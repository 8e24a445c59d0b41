import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../server/contentSecurityPolicy';
import { removeTempDirs, tempDir } from '../services/serviceTestKit';
import { APP_PAGE, APP_SCHEME_PRIVILEGES, appResponse, registerAppProtocol } from './appProtocol';

afterEach(removeTempDirs);

/** A built renderer folder, and a secret beside it. */
function renderer() {
  const root = tempDir();
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Factmark</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(root, 'secret.txt'), 'not the app');
  symlinkSync(join(root, 'secret.txt'), join(dir, 'assets', 'link.txt'));
  return dir;
}

const get = (url: string, dir: string, method = 'GET') => appResponse({ url, method }, dir);

describe('the app:// scheme', () => {
  it('is registered as standard and secure, without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
  });

  it('serves the built page and its assets with their types and the CSP', async () => {
    const dir = renderer();
    const page = await get(APP_PAGE, dir);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Factmark</title>');
    const js = await get('app://factmark/assets/app.js', dir);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1);');
    expect((await get('app://factmark/', dir)).status).toBe(200);
  });

  it.each([
    ['a file that is not there', 'app://factmark/nothing.js'],
    ['a path out of the folder', 'app://factmark/../secret.txt'],
    ['an encoded path out of the folder', 'app://factmark/%2e%2e/secret.txt'],
    ['a link out of the folder', 'app://factmark/assets/link.txt'],
    ['a folder', 'app://factmark/assets'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['an unreadable URL', 'app://%%/'],
  ])('answers 404 for %s', async (_what, url) => {
    expect((await get(url, renderer())).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    const dir = renderer();
    expect((await get(APP_PAGE, dir, 'POST')).status).toBe(405);
    const head = await get(APP_PAGE, dir, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('is handled on the protocol it is registered with', async () => {
    const handled: [string, (r: Request) => Promise<Response>][] = [];
    registerAppProtocol({ handle: (scheme, handler) => handled.push([scheme, handler]) }, renderer());
    expect(handled.map(([s]) => s)).toEqual(['app']);
    const [, handler] = handled[0] as [string, (r: Request) => Promise<Response>];
    expect((await handler(new Request(APP_PAGE))).status).toBe(200);
  });
});
