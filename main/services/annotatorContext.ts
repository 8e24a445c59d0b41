import { fail, ok, type Result } from '../../shared/api/result';
import type { ProjectFile } from '../../shared/model/schemas';

export const NEED_ANNOTATOR = 'Choose your annotator name first.';

/** What the operation groups (review, sync) get from the service to find the open project and the annotator. */
export interface AnnotatorContextHost {
  currentProject(): Promise<Result<{ dir: string; project: ProjectFile }>>;
  annotator(): Promise<string | null>;
}

/** The open project and the annotator an operation works as; a typed failure when either is missing. */
export async function annotatorContext(host: AnnotatorContextHost): Promise<Result<{ dir: string; project: ProjectFile; who: string }>> {
  const who = await host.annotator();
  if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
  const current = await host.currentProject();
  if (!current.ok) return current;
  return ok({ ...current.value, who });
}
