import type { ProjectFile } from '../../shared/model/schemas';
import { readAnnotation } from './projectStore';

/**
 * Blind mode (project.json `settings.blind`): an annotator does not see anyone else's
 * annotations of a document until they have marked it done themselves, so their own reading is
 * not anchored on a colleague's. Enforced by the services (exports of other annotators' work,
 * and any view of it) rather than only hidden in the UI. It is a working rule, not access
 * control: whoever has the folder can open its files.
 */
export const isBlind = (project: ProjectFile) => project.settings.blind === true;

/** Whether `reader` may see other annotators' annotations of this document now. */
export async function othersVisible(dir: string, project: ProjectFile, reader: string, docId: string, now: Date): Promise<boolean> {
  if (!isBlind(project)) return true;
  const read = await readAnnotation(dir, reader, docId, now);
  return read.kind === 'ok' && read.annotation.status === 'done';
}

/** Records (document, annotator) `reader` may see: their own always, others' per othersVisible. */
export async function filterBlind<T>(
  dir: string,
  project: ProjectFile,
  reader: string,
  records: readonly T[],
  now: Date,
  of: (record: T) => { docId: string; annotator: string },
): Promise<{ kept: T[]; hidden: number }> {
  if (!isBlind(project)) return { kept: [...records], hidden: 0 };
  const seen = new Map<string, boolean>();
  const kept: T[] = [];
  for (const r of records) {
    const { docId, annotator } = of(r);
    if (annotator === reader) {
      kept.push(r);
      continue;
    }
    let visible = seen.get(docId);
    if (visible === undefined) {
      visible = await othersVisible(dir, project, reader, docId, now);
      seen.set(docId, visible);
    }
    if (visible) kept.push(r);
  }
  return { kept, hidden: records.length - kept.length };
}
