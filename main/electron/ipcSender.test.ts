import { describe, expect, it } from 'vitest';
import { appPageUrl } from './appPage';
import { isTrustedSender } from './ipcSender';

const page = appPageUrl();
const main = (url: string) => ({ url, parent: null });

describe('IPC sender check', () => {
  it('answers the main frame of our window showing our page (any query or hash)', () => {
    expect(isTrustedSender({ knownWindow: true, frame: main(page) }, page)).toBe(true);
    expect(isTrustedSender({ knownWindow: true, frame: main(`${page}?doc=1#x`) }, page)).toBe(true);
  });

  it.each([
    ['an unknown window', { knownWindow: false, frame: main(page) }],
    ['a frame that is gone', { knownWindow: true, frame: null }],
    ['an iframe inside our page', { knownWindow: true, frame: { url: page, parent: {} } }],
    ['another file of the app', { knownWindow: true, frame: main('app://factmark/other.html') }],
    ['the built page opened as a file', { knownWindow: true, frame: main('file:///opt/factmark/dist/renderer/index.html') }],
    ['another local file', { knownWindow: true, frame: main('file:///etc/passwd') }],
    ['another host of the app scheme', { knownWindow: true, frame: main('app://evil/index.html') }],
    ['a remote page', { knownWindow: true, frame: main('https://evil.example/index.html') }],
    ['the serve origin', { knownWindow: true, frame: main('http://127.0.0.1:4000/') }],
    ['a data: URL', { knownWindow: true, frame: main('data:text/html,<script>1</script>') }],
    ['a javascript: URL', { knownWindow: true, frame: main('javascript:alert(1)') }],
    ['a path with .. that leaves the folder', { knownWindow: true, frame: main('app://factmark/../../index.htm') }],
    ['an empty URL', { knownWindow: true, frame: main('') }],
  ])('refuses %s', (_what, sender) => {
    expect(isTrustedSender(sender, page)).toBe(false);
  });
});
