import { afterEach, describe, expect, it } from 'vitest';
import { runMenuCommand } from './menuCommands';
import { appStore } from '../stores/appStore';
import { TEST_PROJECT } from '../stores/storeTestKit';

const project = TEST_PROJECT;

afterEach(() => appStore.set({ overlay: null, project: null }));

describe('runMenuCommand (the desktop menu)', () => {
  it('opens the project screens the top bar opens', () => {
    appStore.set({ project });
    for (const command of ['schema', 'agreement', 'review', 'export'] as const) {
      runMenuCommand(command);
      expect(appStore.get().overlay).toBe(command);
    }
  });

  it('opens no project screen while no project is open', () => {
    runMenuCommand('review');
    expect(appStore.get().overlay).toBeNull();
  });
});
