import type { DocumentSummary, ProjectProblem, ProjectView } from '../../shared/api/views';
import { countByLabel } from '../../shared/annotation/operations';
import type { ProjectFile } from '../../shared/model/schemas';
import { linkedEntities } from '../../shared/annotation/entities';
import { listSetAsideEntities, readEntities } from './entityStore';
import { documentTextPath, listDocuments, listSetAsideAnnotations, readAnnotation } from './projectStore';
import { hashTextFile } from './textHash';
import { mapLimit } from './mapLimit';

/** Files read at once while listing a project: memory stays flat however large it is. */
const FILES_IN_FLIGHT = 32;

export interface ProjectViewInput {
  dir: string;
  project: ProjectFile;
  /** null until the user has chosen a name: every document then reads as not started. */
  annotator: string | null;
  isSample: boolean;
  now: Date;
  /** Why this window may not write (another holds the annotator's lock); null: it may. */
  readOnlyReason?: string | null;
}

/** The document list and problems of a project, for one annotator, read fresh from disk. */
export async function buildProjectView({ dir, project, annotator, isSample, now, readOnlyReason = null }: ProjectViewInput): Promise<ProjectView> {
  const listing = await listDocuments(dir);
  const problems: ProjectProblem[] = [...listing.problems];
  const documents: DocumentSummary[] = await mapLimit(listing.documents, FILES_IN_FLIGHT, async (meta): Promise<DocumentSummary> => {
    const base = {
      id: meta.id,
      title: meta.title,
      outlet: meta.outlet,
      date: meta.date,
      length: meta.length,
    };
    if (annotator === null) return { ...base, status: 'todo', counts: {}, entities: [], textChanged: false };
    const read = await readAnnotation(dir, annotator, meta.id, now);
    if (read.kind !== 'ok') return { ...base, status: 'todo', counts: {}, entities: [], textChanged: false };
    const { annotation } = read;
    const textChanged = annotation.textSha256 !== (await hashTextFile(documentTextPath(dir, meta.id)));
    return { ...base, status: annotation.status, counts: countByLabel(annotation.spans), entities: linkedEntities(project, annotation.spans), textChanged };
  });
  for (const doc of documents.filter((d) => d.textChanged)) {
    problems.push({
      kind: 'text-changed',
      file: documentTextPath(dir, doc.id),
      message: `The text of "${doc.title || doc.id}" changed after it was annotated; its annotations are read-only.`,
    });
  }
  // Files set aside just now are found by this scan too, with the reason they were set aside.
  if (annotator !== null) problems.push(...(await listSetAsideAnnotations(dir, annotator)));
  // Reading entities.json sets an invalid one aside; every set-aside copy stays listed.
  await readEntities(dir, now);
  problems.push(...(await listSetAsideEntities(dir)));
  return {
    path: dir,
    name: project.name,
    labels: project.labels,
    relationTypes: project.relationTypes,
    snapToWords: project.settings.snapToWords,
    documents,
    problems,
    annotator: annotator ?? '',
    isSample,
    readOnly: readOnlyReason !== null,
    readOnlyReason,
  };
}
