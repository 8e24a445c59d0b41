import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../../shared/model/labels';
import { PROJECT_SCHEMA_VERSION, type ProjectFile } from '../../shared/model/schemas';
import { resolveUserPath } from '../paths';
import { isErrno } from './errno';
import { makeFolder } from './makeFolder';
import { writeProjectFile } from './projectStore';

/** Files an OS puts into any folder: they do not make a folder "not empty" for a new project. */
const OS_CLUTTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * A new project with Factmark's default schema, in a new or empty folder (createProject in the
 * app, `factmark init` on the command line). Opening it is the caller's.
 */
export async function createProjectFolder(path: string, name: string): Promise<Result<{ dir: string; project: ProjectFile }>> {
  const dir = resolveUserPath(path);
  let entries: string[] | null = null;
  try {
    if (!(await stat(dir)).isDirectory()) return fail('invalid-input', `${dir} is a file, not a folder.`, dir);
    entries = await readdir(dir);
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  if (entries?.includes('project.json')) {
    return fail('invalid-input', `${dir} is already a Factmark project; open it instead.`, dir);
  }
  if (entries && entries.some((e) => !OS_CLUTTER.has(e))) {
    return fail('invalid-input', `${dir} is not empty; choose a new or empty folder for the project.`, dir);
  }
  await makeFolder(dir);
  const project: ProjectFile = {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    name,
    labels: DEFAULT_LABELS,
    relationTypes: DEFAULT_RELATION_TYPES,
    settings: { snapToWords: true },
  };
  await writeProjectFile(dir, project);
  await makeFolder(join(dir, 'documents'));
  await makeFolder(join(dir, 'annotations'));
  return ok({ dir, project });
}
