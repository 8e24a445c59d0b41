import { zipSync } from 'fflate';

export interface FileToDownload {
  /** Relative path (as written beside the export's data file; `folder/file` for brat). */
  name: string;
  bytes: Uint8Array;
}

/**
 * What the browser saves after an export: the one file as it is, under the name it was written
 * with; several files (data and dataset card, splits, a brat folder) as one zip named after the
 * data file, holding them with their written names.
 */
export function downloadPlan(files: readonly FileToDownload[], dataPath: string): { name: string; bytes: Uint8Array; type: string } | null {
  if (files.length === 0) return null;
  const only = files[0] as FileToDownload;
  if (files.length === 1 && !only.name.includes('/')) return { name: only.name, bytes: only.bytes, type: 'application/octet-stream' };
  const base = dataPath.split(/[\\/]/).filter(Boolean).pop() ?? 'factmark-export';
  const stem = base.replace(/\.[^.]+$/, '') || base;
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.name] = f.bytes;
  return { name: `${stem}.zip`, bytes: zipSync(entries, { level: 6 }), type: 'application/zip' };
}
