import type { FactmarkHandlers, ParsedInput } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/result';
import { describeRemovals } from '../../shared/model/schemaEdits';
import { liveLockHolders } from './annotatorLock';
import { CommitError, commitFiles, planProjectChange } from './schemaChange';
import type { ServiceCore } from './serviceCore';
import { sha256Hex } from './textHash';

/** What the schema operations need from the service (serviceCore.ts). */
export type SchemaHost = Pick<ServiceCore, 'currentProject' | 'annotator' | 'lockStatus' | 'view' | 'now' | 'inOrder' | 'noteContent' | 'noteWriting' | 'lastWritten'>;

/** The schema operations of the contract: preview and apply a change of labels and relation types (schemaChange.ts). */
export function schemaHandlers(host: SchemaHost): Pick<FactmarkHandlers, 'previewSchemaChange' | 'applySchemaChange'> {
  const { now, noteContent } = host;

  /**
   * Rewrite project.json and every annotator's annotation files for a new label schema, all or
   * nothing (schemaChange.ts). Refused while this window is read-only or another annotator has
   * the project open: their files would change under them.
   */
  async function applySchema({ labels, relationTypes, renames, confirmDeletes }: ParsedInput<'applySchemaChange'>) {
    const current = await host.currentProject();
    if (!current.ok) return current;
    const { dir, project } = current.value;
    const who = await host.annotator();
    if (who !== null) {
      const readOnly = await host.lockStatus(dir, who);
      if (readOnly !== null) return fail('read-only', `${readOnly} The schema was not changed.`);
    }
    const others = await liveLockHolders(dir, who ?? '', now());
    if (others.length > 0) {
      const names = others.map((o) => `${o.annotator} (${o.where})`).join(', ');
      return fail('read-only', `The project is open for ${names}; the schema changes everyone's annotation files, so close it there first. Nothing was changed.`);
    }
    const planned = await planProjectChange(dir, project, { labels, relationTypes }, renames);
    const { summary } = planned;
    if (summary.schemaProblems.length > 0) return fail('invalid-input', `The schema was not changed: ${summary.schemaProblems.join(' ')}`);
    if (summary.needsConfirmation && !confirmDeletes) {
      return fail('invalid-input', `This change removes ${describeRemovals(summary)}; confirm it to apply. Nothing was changed.`);
    }
    // Known to the watcher before they land, so this window does not report its own writes.
    const own = planned.writes.map((w) => host.noteWriting(w.file, w.content));
    try {
      await commitFiles(dir, planned.writes, { now: now() });
    } catch (err) {
      for (const o of own) o.failed();
      for (const w of planned.writes) noteContent(w.file, w.previous);
      if (err instanceof CommitError) return fail('conflict', err.message);
      throw err;
    }
    for (const o of own) o.landed();
    for (const w of planned.writes) host.lastWritten.set(w.file, sha256Hex(w.content));
    return ok({ summary, project: await host.view(dir, planned.project, who) });
  }

  return {
    previewSchemaChange: async ({ labels, relationTypes, renames }) => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      const planned = await planProjectChange(current.value.dir, current.value.project, { labels, relationTypes }, renames);
      return ok(planned.summary);
    },

    // One schema change at a time, and never while one of this window's saves is being written.
    applySchemaChange: (input) => host.inOrder('schema', () => applySchema(input)),
  };
}
