import { afterEach, describe, expect, it } from 'vitest';
import { runMenuCommand } from './controller';
import { appStore } from './stores/appStore';
import type { ProjectView } from '../../shared/api/views';

const project = { path: '/p', name: 'P', documents: [], problems: [], labels: [], relationTypes: [], snapToWords: true, annotator: 'al', isSample: false, readOnly: false, readOnlyReason: null, hasGold: false } as ProjectView;

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
