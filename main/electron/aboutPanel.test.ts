import { describe, expect, it, vi } from 'vitest';
import { aboutIconPath, aboutPanelOptions, COPYRIGHT, installAboutPanel, NOTICE_MAX_CHARS, readModelNotice } from './aboutPanel';

const facts = {
  version: '1.2.3',
  versions: { electron: '45.4.1', chrome: '142.0.1', node: '22.1.0' },
  homepage: 'https://example.org/factmark',
};

describe('the About box', () => {
  it('shows the version, the runtime and the model notice on macOS and Windows (as credits)', () => {
    const options = aboutPanelOptions({ ...facts, platform: 'darwin', modelNotice: 'Trained on GUM (CC BY 4.0).' });
    expect(options).toMatchObject({ applicationName: 'Factmark', applicationVersion: '1.2.3', version: '1.2.3', copyright: COPYRIGHT });
    expect(options.credits).toBe('Electron 45.4.1, Chromium 142.0.1, Node.js 22.1.0\nSuggestion model: Trained on GUM (CC BY 4.0).');
  });

  it('puts the details under the copyright on Linux, which shows no credits', () => {
    const options = aboutPanelOptions({ ...facts, platform: 'linux', modelNotice: 'Trained on GUM.', iconPath: '/opt/Factmark/resources/icon.png' });
    expect(options.credits).toBeUndefined();
    expect(options.copyright).toBe(`${COPYRIGHT}\nElectron 45.4.1, Chromium 142.0.1, Node.js 22.1.0\nSuggestion model: Trained on GUM.`);
    expect(options.website).toBe(facts.homepage);
    expect(options.iconPath).toBe('/opt/Factmark/resources/icon.png');
  });

  it('leaves out what it does not know', () => {
    const options = aboutPanelOptions({ version: '1.2.3', versions: {}, homepage: facts.homepage, platform: 'win32', modelNotice: null });
    expect(options.credits).toBeUndefined();
    expect(options.copyright).toBe(COPYRIGHT);
    expect('iconPath' in options).toBe(false);
  });
});

describe('readModelNotice', () => {
  it('reads models/NOTICE.md, folding its lines and headings', () => {
    const files: Record<string, string> = { '/app/models/NOTICE.md': '# Models\n\nActor tagger trained on GUM\n(CC BY 4.0).\n' };
    expect(readModelNotice('/app', (p) => files[p] ?? '')).toBe('Models Actor tagger trained on GUM (CC BY 4.0).');
  });

  it('is null when no model ships, or its notice is empty', () => {
    expect(readModelNotice('/app', () => { throw new Error('ENOENT'); })).toBeNull();
    expect(readModelNotice('/app', () => ' \n')).toBeNull();
  });

  it('cuts a long notice and says where the rest is', () => {
    const notice = readModelNotice('/app', () => 'word '.repeat(500))!;
    expect(notice.length).toBeLessThanOrEqual(NOTICE_MAX_CHARS + 30);
    expect(notice).toMatch(/… \(models\/NOTICE\.md\)$/);
  });
});

describe('aboutIconPath', () => {
  it("prefers the package's resources/icon.png, then the checkout's build/icons", () => {
    expect(aboutIconPath('/app', '/opt/F/resources', (p) => p === '/opt/F/resources/icon.png' || p === '/app/build/icons/128x128.png')).toBe('/opt/F/resources/icon.png');
    expect(aboutIconPath('/app', '/opt/F/resources', (p) => p === '/app/build/icons/128x128.png')).toBe('/app/build/icons/128x128.png');
    expect(aboutIconPath('/app', undefined, () => false)).toBeUndefined();
  });
});

describe('installAboutPanel', () => {
  it('gives the app its About options, and never fails the start', () => {
    const set = vi.fn();
    installAboutPanel({ setAboutPanelOptions: set }, '/nonexistent-app', '9.9.9');
    expect(set.mock.calls[0]?.[0]).toMatchObject({ applicationName: 'Factmark', applicationVersion: '9.9.9' });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => installAboutPanel({ setAboutPanelOptions: () => { throw new Error('no panel'); } }, '/nonexistent-app', '9.9.9')).not.toThrow();
    expect(error).toHaveBeenCalledWith('Factmark: could not set up the About box:', expect.any(Error));
    error.mockRestore();
  });
});
