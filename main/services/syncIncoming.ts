import { join } from 'node:path';
import type { SyncAnnotatorProgress, SyncIncoming } from '../../shared/api/syncViews';
import { readdirOrEmpty } from './atomicJson';
import type { Git } from './gitSyncRunner';
import { mapLimit } from './mapLimit';
import { readProjectBytes } from './projectFiles';
import { annotationOf, documentOf, ownerOf } from './syncFiles';

const FILES_IN_FLIGHT = 32;

/** An annotation file's status, read cheaply (the whole file is not validated here). */
async function statusOf(file: string): Promise<string | null> {
  const read = await readProjectBytes(file, 'json').catch(() => null);
  return read?.ok ? (/"status":\s*"(todo|in_progress|done)"/.exec(read.bytes.toString('utf8'))?.[1] ?? null) : null;
}

async function titleOf(dir: string, docId: string): Promise<string> {
  try {
    const read = await readProjectBytes(join(dir, 'documents', `${docId}.json`), 'json');
    if (!read.ok) return docId;
    const meta = JSON.parse(read.bytes.toString('utf8')) as { title?: unknown };
    return typeof meta.title === 'string' && meta.title ? meta.title : docId;
  } catch {
    return docId;
  }
}

/** An annotator's progress over the project, from their files as they are now. */
export async function annotatorProgress(dir: string, name: string, filesChanged: number, documents: number): Promise<SyncAnnotatorProgress> {
  const names = (await readdirOrEmpty(join(dir, 'annotations', name))).filter((n) => /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.json$/.test(n));
  const statuses = await mapLimit(names, FILES_IN_FLIGHT, (n) => statusOf(join(dir, 'annotations', name, n)));
  return {
    name,
    filesChanged,
    done: statuses.filter((s) => s === 'done').length,
    inProgress: statuses.filter((s) => s === 'in_progress').length,
    documents,
  };
}

/** What changed in the project between `base` (a commit, or the empty tree) and HEAD, seen from `me`. */
export async function incomingBetween(git: Git, dir: string, me: string, base: string): Promise<SyncIncoming> {
  const diff = await git(['diff', '--name-status', '--no-renames', '-z', '--relative', base, 'HEAD', '--', '.']);
  const fields = diff.code === 0 ? diff.stdout.split('\0').filter(Boolean) : [];
  const newDocs: string[] = [];
  const changedDocs = new Set<string>();
  const removedDocs: string[] = [];
  const perAnnotator = new Map<string, number>();
  const projectFiles: string[] = [];
  let ownFilesChanged = 0;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i] as string;
    const path = fields[i + 1] as string;
    const owner = ownerOf(path, me);
    const docId = documentOf(path);
    if (docId !== null) {
      if (path.endsWith('.json') && status === 'A') newDocs.push(docId);
      else if (path.endsWith('.json') && status === 'D') removedDocs.push(docId);
      else changedDocs.add(docId);
    } else if (owner === 'others') {
      const who = annotationOf(path)?.annotator as string;
      perAnnotator.set(who, (perAnnotator.get(who) ?? 0) + 1);
    } else if (owner === 'mine') ownFilesChanged++;
    else if (owner === 'project') projectFiles.push(path);
  }
  for (const id of [...newDocs, ...removedDocs]) changedDocs.delete(id);
  const commitsRun = await git(['rev-list', '--count', '--no-merges', base === '4b825dc642cb6eb9a060e54bf8d69288fbee4904' ? 'HEAD' : `${base}..HEAD`]);
  const documents = (await readdirOrEmpty(join(dir, 'documents'))).filter((n) => n.endsWith('.json')).length;
  const annotators: SyncAnnotatorProgress[] = [];
  for (const [name, count] of [...perAnnotator.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    annotators.push(await annotatorProgress(dir, name, count, documents));
  }
  return {
    commits: Number(commitsRun.stdout.trim()) || 0,
    newDocuments: await Promise.all(newDocs.sort().map(async (id) => ({ id, title: await titleOf(dir, id) }))),
    changedDocuments: [...changedDocs].sort(),
    removedDocuments: removedDocs.sort(),
    annotators,
    projectFiles: projectFiles.sort(),
    ownFilesChanged,
  };
}
