import { describe, expect, it } from 'vitest';
import { appPageUrl, isAppPage } from './appPage';

describe('isAppPage', () => {
  const page = appPageUrl();

  it('is our own scheme, never file://', () => {
    expect(page).toBe('app://factmark/index.html');
  });

  it('accepts the app page, with any query or hash', () => {
    expect(isAppPage(page, page)).toBe(true);
    expect(isAppPage(`${page}?x=1#top`, page)).toBe(true);
  });

  it('refuses other files, schemes and hosts', () => {
    expect(isAppPage('app://factmark/other.html', page)).toBe(false);
    expect(isAppPage('app://factmark/assets/index.js', page)).toBe(false);
    expect(isAppPage('app://evil/index.html', page)).toBe(false);
    expect(isAppPage('app://user:pw@factmark/index.html', page)).toBe(false);
    expect(isAppPage('app://factmark:8080/index.html', page)).toBe(false);
    expect(isAppPage('file:///opt/factmark/dist/renderer/index.html', page)).toBe(false);
    expect(isAppPage('file:///etc/passwd', page)).toBe(false);
    expect(isAppPage('https://factmark/index.html', page)).toBe(false);
    expect(isAppPage('about:blank', page)).toBe(false);
    expect(isAppPage('', page)).toBe(false);
    expect(isAppPage(null, page)).toBe(false);
    expect(isAppPage('not a url', page)).toBe(false);
  });
});
