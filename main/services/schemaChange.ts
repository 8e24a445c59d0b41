import { readdir } from 'node:fs/promises';
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
import { lockFiles, type HeldLocks } from './fileLock';
import { beginTransaction } from './journal';
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

export class CommitError extends Error {}

/**
 * Replace several files together, journaled (journal.ts): every file the change rewrites is
 * locked (no Factmark save interleaves), checked to still hold the bytes it was planned from,
 * and the new versions are planned in the journal before any file is touched. A crash at any
 * point is completed (or, before the plan was complete, undone) the next time the project is
 * opened, so the project never stays mixed.
 */
export async function commitFiles(
  dir: string,
  writes: readonly PlannedWrite[],
  opts: { now?: Date; interruptAfter?: number } = {},
): Promise<void> {
  const tx = await beginTransaction(dir);
  let held: HeldLocks | null = null;
  try {
    held = await lockFiles(dir, writes.map((w) => w.file));
    for (const w of writes) {
      // Inside the project only, regular files (projectFiles.ts); null when missing.
      await checkProjectWrite(w.file);
      const current = (await readProjectFileOrThrow(w.file, 'json'))?.toString('utf8') ?? null;
      if (current !== w.previous) {
        throw new CommitError(`${w.file} changed while the schema change was being applied (another program or window saved it); nothing was changed. Try again.`);
      }
    }
    for (const w of writes) tx.write(w.file, w.content, w.previous);
    await tx.commit({
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.interruptAfter !== undefined ? { interruptAfter: opts.interruptAfter } : {}),
    });
  } catch (err) {
    await tx.abort();
    throw err;
  } finally {
    await held?.release();
  }
}
