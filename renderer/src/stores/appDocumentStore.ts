import type { ArticleViewHandle } from '../article/ArticleView';
import type { ProjectView } from '../../../shared/api/views';
import { bridge } from '../bridge';
import { newSpanId } from '../support/ids';
import { appStore } from './appStore';
import { createDocumentStore } from './documentStore';

/**
 * The open document's store, wired to the services, and the mounted article view. The feature
 * actions (project/, article/, import/, export/, history/, …) act on these; state lives here and
 * in appStore.
 */
export const documentStore = createDocumentStore({
  api: bridge,
  onProjectUpdated: (project) => setProject(project),
  newId: newSpanId,
  now: () => new Date().toISOString(),
  schema: () => ({ labels: appStore.get().project?.labels ?? [], relationTypes: appStore.get().project?.relationTypes ?? [] }),
});

/** The mounted article view (set by the article pane). */
export const article: { current: ArticleViewHandle | null; selectedWithAlt: boolean } = {
  current: null,
  selectedWithAlt: false,
};

/** Every new project view goes through here: the lock state travels with it. */
export function setProject(project: ProjectView | null): void {
  documentStore.setLocked(project?.readOnlyReason ?? null);
  appStore.set({ project });
}
