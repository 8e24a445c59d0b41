import { randomInt } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { annotationFileSchema, describeZodError, type AnnotationFile, type ProjectFile } from '../../shared/model/schemas';
import {
  migrateAnnotationFile,
  planSchemaChange,
  schemaOf,
  type LabelSchema,
  type SchemaChangeSummary,
  type SchemaRenames,
} from '../../shared/model/schemaEdits';
import { isErrno, readdirOrEmpty } from './atomicJson';
import { annotationJson, projectFileJson, projectFilePath } from './projectStore';
import { checkProjectWrite, readProjectBytes, readProjectFileOrThrow } from './projectFiles';

/** One file a schema change rewrites: its new bytes and the bytes it was planned from. */
export interface PlannedWrite {
  file: string;
  content: string;
  previous: string;
}

export interface PlannedChange {
  summary: SchemaChangeSummary;
  writes: PlannedWrite[];
  project: ProjectFile;
}

const ANNOTATION_FILE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.json$/;

/** Every annotator's annotation files: [annotator folder, file name]. */
async function annotationFiles(dir: string): Promise<string[]> {
  const root = join(dir, 'annotations');
  const annotators = await readdirOrEmpty(root);
  const files: string[] = [];
  for (const who of annotators.sort()) {
    let names: string[];
    try {
      names = await readdir(join(root, who));
    } catch (err) {
      if (isErrno(err, 'ENOTDIR') || isErrno(err, 'ENOENT')) continue;
      throw err;
    }
    for (const name of names.sort()) if (ANNOTATION_FILE.test(name)) files.push(join(root, who, name));
  }
  return files;
}

/**
 * Work out a schema change over the whole project: the new project.json and every annotation
 * file (all annotators) that changes, with counts. Reads only.
 */
export async function planProjectChange(
  dir: string,
  project: ProjectFile,
  next: LabelSchema,
  renames: SchemaRenames,
): Promise<PlannedChange> {
  const empty = { filesTouched: 0, files: [], spansRemoved: 0, spansRelabelled: 0, relationsRemoved: 0, valuesRemoved: 0, deletedLabels: [], problems: [], needsConfirmation: false };
  const planned = planSchemaChange(schemaOf(project), next, renames);
  if (!planned.ok) return { summary: { ...empty, schemaProblems: planned.problems }, writes: [], project };
  const { plan } = planned;
  const newProject: ProjectFile = { ...project, labels: next.labels, relationTypes: next.relationTypes };
  const summary: SchemaChangeSummary = { ...empty, schemaProblems: [], files: [], problems: [], deletedLabels: [] };
  const deletedCounts = new Map(plan.deletedLabels.map((id) => [id, 0]));
  const writes: PlannedWrite[] = [];
  for (const file of await annotationFiles(dir)) {
    const read = await readProjectBytes(file, 'json');
    if (!read.ok) {
      if (read.reason === 'unreadable') summary.problems.push(`${relative(dir, file)} could not be read (${read.message}); it was left as it is.`);
      continue;
    }
    const raw = read.bytes.toString('utf8');
    let parsed: AnnotationFile;
    try {
      const result = annotationFileSchema.safeParse(JSON.parse(raw));
      if (!result.success) {
        summary.problems.push(`${relative(dir, file)} is not a valid annotation file (${describeZodError(result.error)}); it was left as it is.`);
        continue;
      }
      parsed = result.data;
    } catch (err) {
      summary.problems.push(`${relative(dir, file)} is not valid JSON (${(err as Error).message}); it was left as it is.`);
      continue;
    }
    for (const s of [...parsed.spans, ...(parsed.orphans ?? [])]) {
      const n = deletedCounts.get(s.label);
      if (n !== undefined) deletedCounts.set(s.label, n + 1);
    }
    const m = migrateAnnotationFile(parsed, plan);
    if (!m.changed) continue;
    summary.spansRemoved += m.spansRemoved;
    summary.spansRelabelled += m.spansRelabelled;
    summary.relationsRemoved += m.relationsRemoved;
    summary.valuesRemoved += m.valuesRemoved;
    const content = annotationJson(m.file);
    if (content === raw) continue;
    writes.push({ file, content, previous: raw });
    summary.files.push(relative(dir, file));
  }
  const projectFile = projectFilePath(dir);
  const previousProject = (await readProjectFileOrThrow(projectFile, 'json'))?.toString('utf8') ?? '';
  const projectContent = projectFileJson(newProject);
  if (projectContent !== previousProject) {
    writes.push({ file: projectFile, content: projectContent, previous: previousProject });
    summary.files.push(relative(dir, projectFile));
  }
  summary.filesTouched = writes.length;
  summary.deletedLabels = plan.deletedLabels.map((id) => ({ id, name: project.labels.find((l) => l.id === id)?.name ?? id, spans: deletedCounts.get(id) ?? 0 }));
  summary.needsConfirmation = summary.deletedLabels.length > 0 || summary.spansRemoved + summary.relationsRemoved + summary.valuesRemoved > 0;
  return { summary, writes, project: newProject };
}

/** The file-system steps of a commit, replaceable in tests to inject failures. */
export interface CommitSteps {
  writeTemp(file: string, content: string): Promise<string>;
  rename(from: string, to: string): Promise<void>;
  read(file: string): Promise<string>;
  remove(file: string): Promise<void>;
}

/** A temp name write-file-atomic would also use (`<file>.<number>`): a crash's leftovers are swept like a save's. */
async function writeTemp(file: string, content: string): Promise<string> {
  await checkProjectWrite(file);
  const tmp = `${file}.${randomInt(1, 2 ** 31)}`;
  const handle = await open(tmp, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

export const fsCommitSteps: CommitSteps = {
  writeTemp,
  rename: (from, to) => rename(from, to),
  read: async (file) => (await readProjectFileOrThrow(file, 'json'))?.toString('utf8') ?? '',
  remove: (file) => rm(file, { force: true }),
};

export class CommitError extends Error {}

/**
 * Replace several files together: every new version is written (and synced) under a temp name
 * first, then each is renamed over its file. If anything fails, or a file changed since it was
 * planned, the files already replaced get their old bytes back and the temps are removed: the
 * project is left as it was. (A crash in the rename phase can still leave a mix; the temps it
 * leaves are swept like those of an interrupted save.)
 */
export async function commitFiles(writes: readonly PlannedWrite[], steps: CommitSteps = fsCommitSteps): Promise<void> {
  const temps: string[] = [];
  const cleanup = async () => {
    for (const t of temps) await steps.remove(t).catch(() => undefined);
  };
  try {
    for (const w of writes) temps.push(await steps.writeTemp(w.file, w.content));
    for (const w of writes) {
      if ((await steps.read(w.file)) !== w.previous) {
        throw new CommitError(`${w.file} changed while the schema change was being applied (another program or window saved it); nothing was changed. Try again.`);
      }
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
  const done: PlannedWrite[] = [];
  try {
    for (const [i, w] of writes.entries()) {
      await steps.rename(temps[i] ?? '', w.file);
      done.push(w);
    }
  } catch (err) {
    const failed: string[] = [];
    for (const w of done.reverse()) {
      try {
        const tmp = await steps.writeTemp(w.file, w.previous);
        await steps.rename(tmp, w.file);
      } catch {
        failed.push(w.file);
      }
    }
    await cleanup();
    if (failed.length > 0) {
      throw new CommitError(
        `The schema change failed part-way (${(err as Error).message}) and ${failed.length} file(s) could not be put back: ${failed.join(', ')}. Check them with \`factmark validate\`.`,
      );
    }
    throw err;
  }
}
