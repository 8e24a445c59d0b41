import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { validateSpans } from '../../shared/annotation/operations';
import { annotationFileSchema, DOC_STATUSES, type AnnotationFile, type DocStatus, type ProjectFile } from '../../shared/model/schemas';
import { isErrno, readJsonFile } from './atomicJson';
import { readProjectBytes } from './projectFiles';
import { documentTextPath, listDocuments, readProjectFile } from './projectStore';
import { sha256Hex } from './textHash';

/**
 * Read-only checks of a whole project folder, for `factmark validate` and `factmark stats`:
 * nothing is moved, repaired or written (the app sets invalid annotation files aside; these only
 * report them).
 */
export interface ProjectIssue {
  file: string;
  reason: string;
}

interface AnnotationEntry {
  annotator: string;
  file: string;
  docId: string;
}

const DOC_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

async function annotationEntries(dir: string, issues: ProjectIssue[]): Promise<AnnotationEntry[]> {
  const root = join(dir, 'annotations');
  let annotators: string[];
  try {
    annotators = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return [];
    throw err;
  }
  const out: AnnotationEntry[] = [];
  for (const annotator of annotators) {
    const folder = join(root, annotator);
    for (const e of (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!e.isFile() || e.name.startsWith('.')) continue;
      const file = join(folder, e.name);
      if (/\.json\.invalid-/.test(e.name)) {
        issues.push({ file, reason: 'an annotation file set aside earlier because it was invalid; inspect it, then delete it.' });
        continue;
      }
      if (!e.name.endsWith('.json')) continue;
      const docId = e.name.slice(0, -'.json'.length);
      if (!DOC_ID.test(docId)) {
        issues.push({ file, reason: 'the file name is not a document id.' });
        continue;
      }
      out.push({ annotator, file, docId });
    }
  }
  return out;
}

export interface ProjectScan {
  project: ProjectFile | null;
  issues: ProjectIssue[];
  documents: { id: string; text: string | null }[];
  annotations: { annotator: string; docId: string; file: string; annotation: AnnotationFile }[];
}

/** Read every file of the project and check it; `onProgress` is told after each document. */
export async function scanProject(dir: string, onProgress?: (done: number, total: number) => void): Promise<ProjectScan> {
  const issues: ProjectIssue[] = [];
  const read = await readProjectFile(dir);
  if (!read.ok) return { project: null, issues: [{ file: read.error.file ?? dir, reason: read.error.message }], documents: [], annotations: [] };
  const project = read.value;
  const listing = await listDocuments(dir);
  for (const p of listing.problems) issues.push({ file: p.file, reason: p.message });
  const texts = new Map<string, { text: string; sha: string }>();
  const documents: ProjectScan['documents'] = [];
  let done = 0;
  for (const meta of listing.documents) {
    const file = documentTextPath(dir, meta.id);
    const read = await readProjectBytes(file, 'text');
    if (read.ok) {
      const text = read.bytes.toString('utf8');
      const sha = sha256Hex(read.bytes);
      if (sha !== meta.textSha256) issues.push({ file, reason: `the text changed after import (its SHA-256 is not the one in ${meta.id}.json).` });
      else if (text.length !== meta.length) issues.push({ file, reason: `the text is ${text.length} UTF-16 units long, ${meta.id}.json says ${meta.length}.` });
      texts.set(meta.id, { text, sha });
      documents.push({ id: meta.id, text });
    } else {
      // A link out of the project, a pipe, a device or a huge file (projectFiles.ts) is reported, never read.
      if (read.reason === 'unreadable') issues.push({ file, reason: read.message });
      documents.push({ id: meta.id, text: null });
    }
    onProgress?.(++done, listing.documents.length);
  }
  const labelIds = project.labels.map((l) => l.id);
  const annotations: ProjectScan['annotations'] = [];
  for (const entry of await annotationEntries(dir, issues)) {
    const parsed = await readJsonFile(entry.file, annotationFileSchema);
    if (!parsed.ok) {
      if (parsed.reason === 'invalid') issues.push({ file: entry.file, reason: parsed.message });
      continue;
    }
    const a = parsed.value;
    if (a.docId !== entry.docId) {
      issues.push({ file: entry.file, reason: `it belongs to document "${a.docId}", not "${entry.docId}".` });
      continue;
    }
    if (a.annotator !== entry.annotator) issues.push({ file: entry.file, reason: `it names annotator "${a.annotator}" but lies in the folder of "${entry.annotator}".` });
    const doc = texts.get(entry.docId);
    if (!doc) {
      issues.push({ file: entry.file, reason: `there is no document "${entry.docId}" in this project.` });
      continue;
    }
    annotations.push({ ...entry, annotation: a });
    if (a.textSha256 !== doc.sha) {
      issues.push({ file: entry.file, reason: 'the document text changed after these annotations were made (text drift); open the document in the app to repair it.' });
      continue;
    }
    const problem = validateSpans(doc.text, a.spans, labelIds);
    if (problem) {
      issues.push({ file: entry.file, reason: problem });
      continue;
    }
    const badQuote = a.spans.find((s) => doc.text.slice(s.start, s.end) !== s.quote);
    if (badQuote) issues.push({ file: entry.file, reason: `span ${badQuote.id}: its quote is not the text at ${badQuote.start}-${badQuote.end}.` });
  }
  return { project, issues, documents, annotations };
}

export interface ProjectStats {
  project: string;
  documents: number;
  labels: { id: string; name: string }[];
  annotators: {
    name: string;
    status: Record<DocStatus, number>;
    spans: number;
    spansByLabel: Record<string, number>;
  }[];
  spansByLabel: Record<string, number>;
}

export function statsOf(scan: ProjectScan): ProjectStats {
  const byAnnotator = new Map<string, ProjectScan['annotations']>();
  for (const a of scan.annotations) byAnnotator.set(a.annotator, [...(byAnnotator.get(a.annotator) ?? []), a]);
  const total: Record<string, number> = {};
  const annotators = [...byAnnotator.keys()].sort().map((name) => {
    const files = byAnnotator.get(name) ?? [];
    const status = Object.fromEntries(DOC_STATUSES.map((s) => [s, 0])) as Record<DocStatus, number>;
    const spansByLabel: Record<string, number> = {};
    let spans = 0;
    for (const f of files) {
      status[f.annotation.status]++;
      for (const s of f.annotation.spans) {
        spansByLabel[s.label] = (spansByLabel[s.label] ?? 0) + 1;
        total[s.label] = (total[s.label] ?? 0) + 1;
        spans++;
      }
    }
    // Documents without a file are not started.
    status.todo += scan.documents.length - files.length;
    return { name, status, spans, spansByLabel };
  });
  return {
    project: scan.project?.name ?? '',
    documents: scan.documents.length,
    labels: (scan.project?.labels ?? []).map((l) => ({ id: l.id, name: l.name })),
    annotators,
    spansByLabel: total,
  };
}
