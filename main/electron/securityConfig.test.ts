import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../server/contentSecurityPolicy';
import { appPageUrl } from './appPage';
import { confineWebContents, hardenSession } from './security';

const page = appPageUrl();

describe('Electron hardening', () => {
  it('electron-builder.yml sets the fuses (no run-as-node, no NODE_OPTIONS/--inspect, cookie encryption, ASAR only and checked)', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8'));
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('the window is created with contextIsolation, sandbox, no nodeIntegration, web security and no auxclick', () => {
    const source = readFileSync('main/electron/window.ts', 'utf8');
    const prefs = /webPreferences: \{([^}]*)\}/.exec(source)?.[1] ?? '';
    expect(prefs).toMatch(/contextIsolation: true/);
    expect(prefs).toMatch(/sandbox: true/);
    expect(prefs).toMatch(/nodeIntegration: false/);
    expect(prefs).toMatch(/webSecurity: true/);
    expect(prefs).toMatch(/disableBlinkFeatures: 'Auxclick'/);
    expect(prefs).not.toMatch(/nodeIntegrationInSubFrames|webviewTag: true|allowRunningInsecureContent|experimentalFeatures/);
  });

  it('denies navigation away from the app page, redirects, webviews and new windows', () => {
    const handlers = new Map<string, (event: { url: string; preventDefault(): void }) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: (event: { url: string; preventDefault(): void }) => void) => handlers.set(name, fn),
      setWindowOpenHandler: (fn: (details: { url: string }) => { action: string }) => (openHandler = fn),
    } as unknown as WebContents;
    confineWebContents(contents, page);
    const prevented = (name: string, url: string) => {
      let stopped = false;
      handlers.get(name)!({ url, preventDefault: () => (stopped = true) });
      return stopped;
    };
    for (const name of ['will-navigate', 'will-redirect']) {
      expect(prevented(name, 'https://evil.example/')).toBe(true);
      expect(prevented(name, 'javascript:alert(1)')).toBe(true);
      expect(prevented(name, 'file:///etc/passwd')).toBe(true);
      expect(prevented(name, 'file:///opt/factmark/dist/renderer/index.html')).toBe(true);
      expect(prevented(name, 'app://factmark/other.html')).toBe(true);
      expect(prevented(name, `${page}#reload`)).toBe(false);
    }
    expect(prevented('will-attach-webview', page)).toBe(true);
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: page })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check, and sends the strict CSP on every response', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: (() => boolean) | null = null;
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | null = null;
    const session = {
      webRequest: { onHeadersReceived: (fn: typeof headers) => (headers = fn) },
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
    } as unknown as Session;
    hardenSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      request!(null, permission, (g) => (granted = g));
      expect(granted).toBe(false);
    }
    expect(check!()).toBe(false);
    let sent: Record<string, string[]> = {};
    headers!({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => (sent = r.responseHeaders));
    expect(sent['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
  });
});
