import type { DocumentView, ProjectView } from '../../../shared/api/views';

/** An empty project as the services answer it, for store tests. */
export const TEST_PROJECT: ProjectView = {
  path: '/p',
  name: 'P',
  documents: [],
  problems: [],
  labels: [],
  relationTypes: [],
  snapToWords: true,
  annotator: 'al',
  isSample: false,
  readOnly: false,
  readOnlyReason: null,
  hasGold: false,
};

/** Document `d1` with this text as getDocument answers it: not started, no annotation file yet. */
export function documentView(text: string, overrides: Partial<DocumentView> = {}): DocumentView {
  return {
    meta: {
      schemaVersion: 1,
      id: 'd1',
      title: 'T',
      outlet: null,
      date: null,
      source: null,
      textSha256: 'a'.repeat(64),
      length: text.length,
      importedAt: '2024-01-01T00:00:00Z',
      importNotices: [],
    },
    text,
    status: 'todo',
    spans: [],
    relations: [],
    updatedAt: null,
    textChanged: false,
    revision: null,
    ...overrides,
  };
}
