import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationFileSchema, projectFileSchema, type AnnotationFile } from '../../shared/model/schemas';
import { readJsonFile } from '../services/atomicJson';
import { readProjectFileOrThrow } from '../services/projectFiles';
import { UsageError } from './io';

/** The document ids of a project (documents/<id>.txt), sorted. */
export async function projectDocIds(dir: string): Promise<string[]> {
  const project = await readJsonFile(join(dir, 'project.json'), projectFileSchema);
  if (!project.ok) throw new UsageError(`${dir} is not a Factmark project (project.json ${project.reason === 'missing' ? 'is missing' : `is invalid: ${project.message}`}).`);
  const names = await readdir(join(dir, 'documents')).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -4)).sort();
}

export async function readDocText(dir: string, docId: string): Promise<{ text: string; sha256: string }> {
  const file = join(dir, 'documents', `${docId}.txt`);
  const bytes = await readProjectFileOrThrow(file, 'text');
  if (bytes === null) throw new UsageError(`${file}: the document text is missing.`);
  return { text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
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
