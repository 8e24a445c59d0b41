import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appRoot, corpusDir, defaultDataDir, resolveUserPath } from '../paths';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('paths', () => {
  it('takes the data folder from FACTMARK_DATA_DIR first', () => {
    vi.stubEnv('FACTMARK_DATA_DIR', 'some/where');
    expect(defaultDataDir()).toBe(resolve('some/where'));
  });

  it('uses the per-user data folder of the platform otherwise', () => {
    vi.stubEnv('FACTMARK_DATA_DIR', '');
    vi.stubEnv('XDG_DATA_HOME', '/xdg');
    const expected =
      process.platform === 'win32'
        ? join(process.env.APPDATA ?? '', 'Factmark')
        : process.platform === 'darwin'
          ? join(homedir(), 'Library', 'Application Support', 'Factmark')
          : '/xdg/factmark';
    expect(defaultDataDir()).toBe(expected);
  });

  it('finds the app root and the shipped corpus from the source tree', () => {
    expect(appRoot()).toBe(resolve('.'));
    expect(corpusDir()).toBe(resolve('corpus'));
    expect(existsSync(join(corpusDir(), 'project.json'))).toBe(true);
  });

  it('expands ~ and resolves relative paths', () => {
    expect(resolveUserPath('~')).toBe(homedir());
    expect(resolveUserPath('~/x/y')).toBe(join(homedir(), 'x', 'y'));
    expect(resolveUserPath(' rel ')).toBe(resolve('rel'));
  });
});
