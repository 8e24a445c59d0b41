import { describe, expect, it } from 'vitest';
import { findChromium, NO_BROWSER, type ChromiumHost } from './findChromium.cjs';

/** A machine with exactly these files, this environment and (maybe) Playwright's Chromium. */
function host(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}, managed: string | null = null): ChromiumHost {
  const present = new Set(files);
  return { env, platform, home: platform === 'win32' ? 'C:\\Users\\ana' : '/home/ana', exists: (p) => present.has(p), playwrightChromium: () => managed };
}

const MANAGED = '/home/ana/.cache/ms-playwright/chromium-1200/chrome-linux/chrome';

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, then the older FACTMARK_CHROMIUM, over everything else', () => {
    const files = ['/opt/my/chrome', '/usr/bin/chromium', MANAGED];
    expect(findChromium(host('linux', files, { CHROMIUM_PATH: '/opt/my/chrome' }, MANAGED))).toEqual({ path: '/opt/my/chrome', source: 'CHROMIUM_PATH' });
    expect(findChromium(host('linux', files, { FACTMARK_CHROMIUM: '/opt/my/chrome' }, MANAGED))).toEqual({ path: '/opt/my/chrome', source: 'FACTMARK_CHROMIUM' });
  });

  it('says so when CHROMIUM_PATH names nothing, instead of quietly using another browser', () => {
    const found = findChromium(host('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/opt/gone' }));
    expect(found).toEqual({ error: expect.stringMatching(/^CHROMIUM_PATH is set to \/opt\/gone, which does not exist/) });
  });

  it("prefers Playwright's own Chromium when it is installed, then the system's", () => {
    expect(findChromium(host('linux', [MANAGED, '/usr/bin/chromium'], {}, MANAGED))).toEqual({ path: MANAGED, source: "Playwright's Chromium" });
    // Playwright knows where it would be, but it was never installed.
    expect(findChromium(host('linux', ['/usr/bin/chromium'], {}, MANAGED))).toEqual({ path: '/usr/bin/chromium', source: 'the system' });
  });

  it.each([
    ['linux', '/usr/bin/chromium-browser'],
    ['linux', '/usr/bin/google-chrome-stable'],
    ['linux', '/snap/bin/chromium'],
    ['darwin', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
    ['darwin', '/home/ana/Applications/Chromium.app/Contents/MacOS/Chromium'],
    ['win32', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'],
    ['win32', 'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'],
    ['win32', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
  ] as [NodeJS.Platform, string][])('finds the system browser on %s at %s', (platform, path) => {
    expect(findChromium(host(platform, [path]))).toEqual({ path, source: 'the system' });
  });

  it('uses Windows install folders from the environment', () => {
    const path = 'D:\\Apps\\Google\\Chrome\\Application\\chrome.exe';
    expect(findChromium(host('win32', [path], { PROGRAMFILES: 'D:\\Apps' }))).toEqual({ path, source: 'the system' });
  });

  it('answers one sentence naming the command that installs a browser when there is none', () => {
    const found = findChromium(host('linux', [], {}, MANAGED));
    expect(found).toEqual({ error: NO_BROWSER });
    expect(NO_BROWSER).toMatch(/npx playwright install chromium/);
    expect(NO_BROWSER.split('. ')).toHaveLength(1);
    // A Debian path on a Mac is no browser.
    expect(findChromium(host('darwin', ['/usr/bin/chromium']))).toEqual({ error: NO_BROWSER });
  });
});
