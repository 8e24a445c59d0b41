import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationFileSchema, entitiesFileSchema, projectFileSchema, type AnnotationFile } from '../../shared/model/schemas';
import { readJsonFile } from '../services/atomicJson';
import { entitiesPath } from '../services/entityStore';
import { UsageError } from './io';

/** The document ids of a project (documents/<id>.txt), sorted. */
export async function projectDocIds(dir: string): Promise<string[]> {
  const project = await readJsonFile(join(dir, 'project.json'), projectFileSchema);
  if (!project.ok) throw new UsageError(`${dir} is not a Factmark project (project.json ${project.reason === 'missing' ? 'is missing' : `is invalid: ${project.message}`}).`);
  const names = await readdir(join(dir, 'documents')).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -4)).sort();
}

export async function readDocText(dir: string, docId: string): Promise<{ text: string; sha256: string }> {
  const bytes = await readFile(join(dir, 'documents', `${docId}.txt`));
  return { text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The annotators with a folder under annotations/. */
export async function projectAnnotators(dir: string): Promise<string[]> {
  const entries = await readdir(join(dir, 'annotations'), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** One annotator's valid annotation files (invalid or missing ones are skipped: `validate` reports them). */
export async function annotatorFiles(dir: string, annotator: string): Promise<AnnotationFile[]> {
  const folder = join(dir, 'annotations', annotator);
  const names = await readdir(folder).catch(() => [] as string[]);
  const out: AnnotationFile[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const read = await readJsonFile(join(folder, name), annotationFileSchema);
    if (read.ok) out.push(read.value);
  }
  return out;
}

/** The gazetteer: every actor string tagged by anyone in the project, and every entity name and alias. */
export async function knownActors(dir: string): Promise<string[]> {
  const known = new Set<string>();
  for (const annotator of await projectAnnotators(dir)) {
    for (const file of await annotatorFiles(dir, annotator)) for (const s of file.spans) if (s.label === 'actor') known.add(s.quote);
  }
  // Read only: an invalid entities.json is left for the app (or validate) to report.
  const entities = await readJsonFile(entitiesPath(dir), entitiesFileSchema);
  if (entities.ok) for (const e of entities.value.entities) for (const n of [e.name, ...e.aliases]) known.add(n);
  return [...known];
}
