import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { ExportReport } from '../../shared/api/views';
import { fail, ok, type Result } from '../../shared/api/result';

/** The browser version downloads what an export wrote; larger exports stay on disk only. */
export const MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;

export interface DownloadFile {
  /** Path inside the download: the file's name, or `folder/file` for a folder export (brat). */
  name: string;
  base64: string;
}

async function walk(path: string): Promise<string[]> {
  const st = await stat(path);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path)).sort()) out.push(...(await walk(join(path, entry))));
  return out;
}

/**
 * The files an export reported writing (its data files, folders and dataset cards), read for a
 * download: names relative to the folder the export wrote into, so a zip holds them as on disk.
 * Only the paths of a finished export's own report are read, never a path from the request.
 */
export async function readExportedFiles(report: ExportReport, maxBytes = MAX_DOWNLOAD_BYTES): Promise<Result<{ files: DownloadFile[] }>> {
  const base = dirname(report.path);
  const paths = new Set<string>();
  for (const f of report.files) for (const p of await walk(f)) paths.add(p);
  let total = 0;
  const files: DownloadFile[] = [];
  for (const p of paths) {
    const bytes = await readFile(p);
    total += bytes.length;
    if (total > maxBytes) {
      return fail('unsupported', `This export is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, too large to download through the browser; it is in ${base}.`);
    }
    const name = relative(base, p) || basename(p);
    files.push({ name: name.split('\\').join('/'), base64: bytes.toString('base64') });
  }
  return ok({ files });
}
