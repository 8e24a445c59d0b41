import { describe, expect, it } from 'vitest';
import { appPageUrl, isAppPage } from './appPage';

describe('isAppPage', () => {
  const page = appPageUrl('/opt/Factmark app/dist/renderer/index.html');

  it('accepts the app page, with any query or hash', () => {
    expect(page).toBe('file:///opt/Factmark%20app/dist/renderer/index.html');
    expect(isAppPage(page, page)).toBe(true);
    expect(isAppPage(`${page}?x=1#top`, page)).toBe(true);
  });

  it('refuses other files, schemes and hosts', () => {
    expect(isAppPage('file:///opt/Factmark%20app/dist/renderer/other.html', page)).toBe(false);
    expect(isAppPage('file:///etc/passwd', page)).toBe(false);
    expect(isAppPage('file://evil.example/opt/Factmark%20app/dist/renderer/index.html', page)).toBe(false);
    expect(isAppPage('https://example.com/opt/Factmark%20app/dist/renderer/index.html', page)).toBe(false);
    expect(isAppPage('about:blank', page)).toBe(false);
    expect(isAppPage('', page)).toBe(false);
    expect(isAppPage(null, page)).toBe(false);
    expect(isAppPage('not a url', page)).toBe(false);
  });
});
