import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import { FORMAT_INFO, SPLIT_NAMES, type ExportFormat, type ExportOptions, type SplitName } from '../../shared/formats/exportOptions';
import { isErrno, pathExists } from './atomicJson';
import type { ExportTarget } from './exportTargets';
import { exportsDir } from './projectStore';

/**
 * Which files an export writes. A file format writes one data file per split (`out.jsonl`, or
 * `out-train.jsonl`, `out-dev.jsonl`, ...), each with its own dataset card `<data file>.README.md`
 * (and, for JSONL, `<data file>.meta.json`), so exports of several formats or names into one
 * folder never share a card. brat writes a new folder (per split: a sub-folder) with `README.md`,
 * `annotation.conf` and `visual.conf` inside.
 */
export type ExportGroup = SplitName | 'all';

export interface ExportPlan {
  /** The data file, or brat's folder. */
  outPath: string;
  groups: ExportGroup[];
  /** The file (or, for brat, the folder) holding one group. */
  dataPath(group: ExportGroup): string;
  /** The card describing a data file (brat: the folder's README.md). */
  cardPath(dataPath: string): string;
  /** JSONL: the sidecar describing a data file. */
  sidecarPath(dataPath: string): string | null;
  /** Everything this export will create or replace, for exportTargets.checkTargets. */
  targets: ExportTarget[];
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

const FORMAT_SUFFIX: Record<ExportFormat, string> = {
  jsonl: '',
  conll: '',
  brat: '-brat',
  w3c: '-w3c',
  labelstudio: '-labelstudio',
  doccano: '-doccano',
  csv: '-review',
};

export const defaultExportName = (projectName: string, now: Date, format: ExportFormat = 'jsonl') =>
  `${projectSlug(projectName)}-${localFileStamp(now)}${FORMAT_SUFFIX[format]}${FORMAT_INFO[format].extension}`;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    if (isErrno(err, 'ENOENT') || isErrno(err, 'ENOTDIR')) return false;
    throw err;
  }
}

export async function isEmptyDirectory(path: string): Promise<boolean> {
  return (await isDirectory(path)) && (await readdir(path)).length === 0;
}

/** The stem of a data path: `out.jsonl` -> `out`. */
const stemOf = (path: string) => (extname(path) ? path.slice(0, -extname(path).length) : path);

export function planFor(format: ExportFormat, outPath: string, groups: ExportGroup[]): ExportPlan {
  const folderLayout = FORMAT_INFO[format].layout === 'folder';
  const ext = FORMAT_INFO[format].extension;
  const dataPath = (g: ExportGroup) =>
    g === 'all' ? outPath : folderLayout ? join(outPath, g) : `${stemOf(outPath)}-${g}${extname(outPath) || ext}`;
  const cardPath = (data: string) => (folderLayout ? join(outPath, 'README.md') : `${data}.README.md`);
  const sidecarPath = (data: string) => (format === 'jsonl' ? `${data}.meta.json` : null);
  const targets: ExportTarget[] = folderLayout
    ? [{ path: outPath, kind: 'folder' }]
    : groups.flatMap((g): ExportTarget[] => {
        const data = dataPath(g);
        const card = cardPath(data);
        const sidecar = sidecarPath(data);
        return [{ path: data, kind: 'data', card }, ...(sidecar ? [{ path: sidecar, kind: 'sidecar' as const, card }] : []), { path: card, kind: 'card' }];
      });
  return { outPath, groups, dataPath, cardPath, sidecarPath, targets };
}

/** The groups (files) of an export: the splits with a ratio above 0, or one. */
export const groupsOf = (options: ExportOptions): ExportGroup[] => {
  const split = options.split;
  return split ? SPLIT_NAMES.filter((n) => split[n] > 0) : ['all'];
};

/**
 * Where to write. A path the user chose is used as it is (exportTargets decides whether it may be
 * written); an existing folder gets the default name inside it (brat: an empty folder is used as
 * it is). The default name never lands on an earlier export made in the same second.
 */
export async function resolvePlan(dir: string, projectName: string, options: ExportOptions, now: Date): Promise<Result<ExportPlan>> {
  const { format, outPath } = options;
  const groups = groupsOf(options);
  const folderLayout = FORMAT_INFO[format].layout === 'folder';
  const name = defaultExportName(projectName, now, format);
  let base: string;
  if (outPath !== undefined) {
    const requested = isAbsolute(outPath) ? outPath : resolve(dir, outPath);
    if (await isDirectory(requested)) {
      if (folderLayout && (await isEmptyDirectory(requested))) return ok(planFor(format, requested, groups));
      base = join(requested, name);
    } else {
      const parent = dirname(requested);
      // The project's exports folder is made on first use, whether the path was typed or previewed.
      if (!(await isDirectory(parent)) && parent !== exportsDir(dir)) return fail('io', `The folder ${parent} does not exist.`, parent);
      return ok(planFor(format, requested, groups));
    }
  } else {
    base = join(exportsDir(dir), name);
  }
  const ext = FORMAT_INFO[format].extension;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : ext ? `${base.slice(0, -ext.length)}-${n}${ext}` : `${base}-${n}`;
    const plan = planFor(format, candidate, groups);
    let free = true;
    for (const t of plan.targets) if (await pathExists(t.path)) free = false;
    if (free) return ok(plan);
  }
}
