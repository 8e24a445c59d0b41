import type { DocumentSummary, ProjectProblem, ProjectView } from '../../shared/api/views';
import { countByLabel } from '../../shared/annotation/operations';
import type { ProjectFile } from '../../shared/model/schemas';
import { documentTextPath, listDocuments, listSetAsideAnnotations, readAnnotation } from './projectStore';
import { hashTextFile } from './textHash';

export interface ProjectViewInput {
  dir: string;
  project: ProjectFile;
  /** null until the user has chosen a name: every document then reads as not started. */
  annotator: string | null;
  isSample: boolean;
  now: Date;
}

/** The document list and problems of a project, for one annotator, read fresh from disk. */
export async function buildProjectView({ dir, project, annotator, isSample, now }: ProjectViewInput): Promise<ProjectView> {
  const listing = await listDocuments(dir);
  const problems: ProjectProblem[] = [...listing.problems];
  const documents: DocumentSummary[] = await Promise.all(
    listing.documents.map(async (meta): Promise<DocumentSummary> => {
      const base = {
        id: meta.id,
        title: meta.title,
        outlet: meta.outlet,
        date: meta.date,
        length: meta.length,
      };
      if (annotator === null) return { ...base, status: 'todo', counts: {}, textChanged: false };
      const read = await readAnnotation(dir, annotator, meta.id, now);
      if (read.kind !== 'ok') return { ...base, status: 'todo', counts: {}, textChanged: false };
      const { annotation } = read;
      const textChanged = annotation.textSha256 !== (await hashTextFile(documentTextPath(dir, meta.id)));
      return { ...base, status: annotation.status, counts: countByLabel(annotation.spans), textChanged };
    }),
  );
  for (const doc of documents.filter((d) => d.textChanged)) {
    problems.push({
      kind: 'text-changed',
      file: documentTextPath(dir, doc.id),
      message: `The text of "${doc.title || doc.id}" changed after it was annotated; its annotations are read-only.`,
    });
  }
  // Files set aside just now are found by this scan too, with the reason they were set aside.
  if (annotator !== null) problems.push(...(await listSetAsideAnnotations(dir, annotator)));
  return {
    path: dir,
    name: project.name,
    labels: project.labels,
    snapToWords: project.settings.snapToWords,
    documents,
    problems,
    annotator: annotator ?? '',
    isSample,
  };
}
