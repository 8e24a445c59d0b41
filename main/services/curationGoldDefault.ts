import { GOLD_ANNOTATOR } from '../../shared/agreement/agreementView';
import { readdirOrEmpty } from './atomicJson';
import { annotatorDir } from './projectStore';

/**
 * Whose annotations an export takes when the options name no one: the adjudicated `gold` files
 * when the project has any (docs/agreement.md), else the current annotator's.
 */
export async function defaultExportAnnotator(dir: string, current: string): Promise<string> {
  return (await hasGoldFiles(dir)) ? GOLD_ANNOTATOR : current;
}

/** The project has adjudicated `gold` annotation files. */
export async function hasGoldFiles(dir: string): Promise<boolean> {
  const names = await readdirOrEmpty(annotatorDir(dir, GOLD_ANNOTATOR));
  return names.some((n) => n.endsWith('.json'));
}
