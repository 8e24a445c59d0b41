import type { ProjectProblem, ProjectView } from '../../shared/api/views';
import type { ProjectFile } from '../../shared/model/schemas';
import { hasGoldFiles } from './curationGoldDefault';
import { listSetAsideEntities, readEntities } from './entityStore';
import { listSetAsideAnnotations } from './projectStore';
import { listDocumentSummaries } from './summaryIndex';

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
  // From the summary index where the files are unchanged (main/services/summaryIndex.ts).
  const listing = await listDocumentSummaries({ dir, project, annotator, now });
  const { documents } = listing;
  const problems: ProjectProblem[] = [...listing.problems];
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
    hasGold: await hasGoldFiles(dir),
  };
}
