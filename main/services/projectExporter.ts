import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ExportReport } from '../../shared/api/views';
import { exportJsonl, type ExportDocument } from '../../shared/formats/exportJsonl';
import type { ProjectFile } from '../../shared/model/schemas';
import { isErrno, stableJson, writeFileAtomic } from './atomicJson';
import { documentTextPath, exportsDir, listDocuments, readAnnotation } from './projectStore';
import { readTextFile } from './textHash';

export interface ExportRequest {
  dir: string;
  project: ProjectFile;
  annotator: string;
  unit: 'codepoint' | 'utf16';
  scope: 'done' | 'all';
  /** Absolute, or relative to the project folder; an existing folder gets the default file name. */
  outPath?: string;
  version: string;
  now: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 20261122-093000 in local time: export names are read by people, in their own time zone. */
export function localFileStamp(d: Date): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

export function projectSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 80);
  return slug || 'project';
}

export const defaultExportName = (projectName: string, now: Date) =>
  `${projectSlug(projectName)}-${localFileStamp(now)}.jsonl`;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

/** Where to write: never over an earlier default export made in the same second. */
async function resolveOutPath(req: ExportRequest): Promise<Result<string>> {
  if (req.outPath !== undefined) {
    const requested = isAbsolute(req.outPath) ? req.outPath : resolve(req.dir, req.outPath);
    if (await isDirectory(requested)) return ok(join(requested, defaultExportName(req.project.name, req.now)));
    const parent = dirname(requested);
    if (!(await isDirectory(parent))) return fail('io', `The folder ${parent} does not exist.`, parent);
    return ok(requested);
  }
  const base = join(exportsDir(req.dir), defaultExportName(req.project.name, req.now));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : base.replace(/\.jsonl$/, `-${n}.jsonl`);
    try {
      await stat(candidate);
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return ok(candidate);
      throw err;
    }
  }
}

/**
 * Export the annotator's work as JSONL plus a sidecar describing it (offset unit, labels,
 * counts). Documents whose text changed after annotation are refused rather than exported
 * with offsets that no longer point at the quoted words.
 */
export async function exportProject(req: ExportRequest): Promise<Result<ExportReport>> {
  const { documents } = await listDocuments(req.dir);
  const docs: ExportDocument[] = [];
  const changed: string[] = [];
  for (const meta of documents) {
    const read = await readAnnotation(req.dir, req.annotator, meta.id, req.now);
    const annotation = read.kind === 'ok' ? read.annotation : null;
    const status = annotation?.status ?? 'todo';
    if (req.scope === 'done' && status !== 'done') continue;
    const { text, sha256 } = await readTextFile(documentTextPath(req.dir, meta.id));
    if (annotation && annotation.textSha256 !== sha256) {
      changed.push(meta.id);
      continue;
    }
    docs.push({ meta, text, status, annotator: req.annotator, spans: annotation?.spans ?? [] });
  }
  if (changed.length > 0) {
    return fail(
      'text-changed',
      `Cannot export: the text of ${changed.map((id) => `"${id}"`).join(', ')} changed after it was annotated, so its offsets no longer match. Restore the original text first.`,
    );
  }
  if (docs.length === 0) {
    return req.scope === 'done'
      ? fail('invalid-input', "No documents are marked done; choose 'all' to export everything.")
      : fail('invalid-input', 'The project has no documents to export; import some first.');
  }
  const out = await resolveOutPath(req);
  if (!out.ok) return out;
  const { content, sidecar } = exportJsonl(docs, {
    unit: req.unit,
    labels: req.project.labels,
    factmarkVersion: req.version,
    createdAt: req.now.toISOString(),
  });
  const path = out.value;
  const sidecarPath = `${path}.meta.json`;
  await writeFileAtomic(path, content);
  await writeFileAtomic(sidecarPath, stableJson(sidecar));
  return ok({ path, sidecarPath, documents: sidecar.documents, spans: sidecar.spans, unit: req.unit });
}
