import type { Entity } from '../../../shared/model/schemas';
import { bridge } from '../bridge';
import { appStore } from '../stores/appStore';
import { createStore } from '../stores/createStore';

/** The open project's entities (entities.json), loaded when a project opens and after each edit. */
export interface EntityState {
  /** The project these entities belong to; null before the first load. */
  projectPath: string | null;
  entities: Entity[];
}

export const entityStore = createStore<EntityState>({ projectPath: null, entities: [] });

export async function loadEntities(): Promise<void> {
  const path = appStore.get().project?.path ?? null;
  if (path === null) {
    entityStore.set({ projectPath: null, entities: [] });
    return;
  }
  const result = await bridge.listEntities({});
  if (result.ok && appStore.get().project?.path === path) entityStore.set({ projectPath: path, entities: result.value.entities });
}

/** Create an entity (or add aliases / rename one); answers it, or the message why not. */
export async function saveEntity(edit: { id?: string; name: string; aliases: string[] }): Promise<{ ok: true; entity: Entity } | { ok: false; message: string }> {
  const result = await bridge.saveEntity(edit);
  if (!result.ok) return { ok: false, message: result.error.message };
  entityStore.set({ projectPath: appStore.get().project?.path ?? null, entities: result.value.entities });
  return { ok: true, entity: result.value.entity };
}

// Another project: its own entities.
let lastPath: string | null = null;
appStore.subscribe(() => {
  const path = appStore.get().project?.path ?? null;
  if (path === lastPath) return;
  lastPath = path;
  void loadEntities();
});
