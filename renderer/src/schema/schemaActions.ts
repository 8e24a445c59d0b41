import type { LabelDef, RelationType } from '../../../shared/model/schemas';
import type { SchemaChangeSummary, SchemaRenames } from '../../../shared/model/schemaEdits';
import type { Result } from '../../../shared/api/result';
import { bridge } from '../bridge';
import { documentStore, setProject } from '../stores/appDocumentStore';

/** What the schema editor does: preview a change to the labels and relation types, and apply it. */

export type SchemaChange = { labels: LabelDef[]; relationTypes: RelationType[]; renames: SchemaRenames };

/** What a schema change would do to the project's files; writes nothing. */
export function previewSchemaChange(change: SchemaChange) {
  return bridge.previewSchemaChange(change);
}

/** Apply a schema change to project.json and every annotation file; the open document is reloaded. */
export async function applySchemaChange(change: SchemaChange, confirmDeletes: boolean): Promise<Result<SchemaChangeSummary>> {
  // The open document's edits land first, so the migration includes them.
  if (!(await documentStore.flush())) {
    return { ok: false, error: { code: 'io', message: 'The open document could not be saved, so the schema was not changed. Retry the save first.' } };
  }
  const result = await bridge.applySchemaChange({ ...change, confirmDeletes });
  if (!result.ok) return result;
  setProject(result.value.project);
  await documentStore.reload();
  return { ok: true, value: result.value.summary };
}
