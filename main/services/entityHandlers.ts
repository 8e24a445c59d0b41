import type { FactmarkHandlers } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/result';
import { applyEntityEdit, entitiesPath, readEntities, writeEntities } from './entityStore';
import type { ServiceCore } from './serviceCore';

/** What the entity operations need from the service (serviceCore.ts). */
export type EntityHost = Pick<ServiceCore, 'currentProject' | 'annotator' | 'lockStatus' | 'now' | 'inOrder' | 'noteContent'>;

/** The entity operations of the contract: the project's entity list (entities.json, entityStore.ts). */
export function entityHandlers(host: EntityHost): Pick<FactmarkHandlers, 'listEntities' | 'saveEntity'> {
  const { now } = host;
  return {
    listEntities: async () => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      return ok({ entities: (await readEntities(current.value.dir, now())).entities });
    },

    // Edits of entities.json run one after another, so none is lost.
    saveEntity: (edit) =>
      host.inOrder('entities', async () => {
        const current = await host.currentProject();
        if (!current.ok) return current;
        const { dir } = current.value;
        const who = await host.annotator();
        if (who !== null) {
          const readOnly = await host.lockStatus(dir, who);
          if (readOnly !== null) return fail('read-only', `${readOnly} The entity was not saved.`);
        }
        const { entities } = await readEntities(dir, now());
        const applied = applyEntityEdit(entities, edit);
        if (!applied.ok) return applied;
        host.noteContent(entitiesPath(dir), await writeEntities(dir, applied.value.entities));
        const saved = (await readEntities(dir, now())).entities;
        return ok({ entity: applied.value.entity, entities: saved });
      }),
  };
}
