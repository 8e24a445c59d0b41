import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VersionSummary } from '../../shared/api/views';
import { annotationFileSchema, type AnnotationFile, type DocStatus } from '../../shared/model/schemas';
import { readdirOrEmpty, readJsonFile, writeFileAtomic } from './atomicJson';
import { documentHistoryDir, ensureLocalStateIgnored } from './localState';
import { readProjectBytes } from './projectFiles';

/**
 * Earlier versions of each annotation file, so that yesterday's state can be restored:
 * `<project>/.factmark/history/<annotator>/<docId>/<versionId>.json`, each a verbatim copy of the
 * file as it was before a save replaced it. Autosave writes every second while someone works,
 * so a version is kept at most once a minute per document, except when the status changes or
 * when the caller forces it (a restore, a conflict resolution); the newest MAX_VERSIONS stay.
 */
export const MAX_VERSIONS = 50;
export const MIN_VERSION_INTERVAL_MS = 60_000;

const VERSION_ID = /^\d{8}T\d{9}Z(?:-\d{1,4})?$/;


/** 20260102T030405123Z: sortable, millisecond precision, safe in file names everywhere. */
export function versionStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

function stampTime(id: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}

/** Version ids of a document, oldest first. */
export async function versionIds(dir: string, annotator: string, docId: string): Promise<string[]> {
  const names = await readdirOrEmpty(documentHistoryDir(dir, annotator, docId));
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter((id) => VERSION_ID.test(id))
    .sort(compareIds);
}

/** Ids sort by time, then by their -N suffix (two versions in one millisecond). */
function compareIds(a: string, b: string): number {
  const [ta, na] = splitId(a);
  const [tb, nb] = splitId(b);
  return ta < tb ? -1 : ta > tb ? 1 : na - nb;
}
const splitId = (id: string): [string, number] => {
  const [stamp = '', n] = id.split('-');
  return [stamp, n ? Number(n) : 1];
};

export interface KeepVersionInput {
  dir: string;
  annotator: string;
  docId: string;
  /** The file's bytes as they are on disk now, about to be replaced. */
  previousRaw: string;
  previous: AnnotationFile;
  /** The status the save is about to write. */
  nextStatus: DocStatus;
  now: Date;
  /** Keep it whatever the rate limit says (restore, conflict resolution). */
  force?: boolean;
}

/** Keep the current file as a version before a save replaces it; answers the id kept, or null. */
export async function keepVersion(input: KeepVersionInput): Promise<string | null> {
  const { dir, annotator, docId, previousRaw, previous, nextStatus, now } = input;
  const folder = documentHistoryDir(dir, annotator, docId);
  const ids = await versionIds(dir, annotator, docId);
  const newest = ids[ids.length - 1];
  if (newest !== undefined) {
    const newestRead = await readProjectBytes(join(folder, `${newest}.json`), 'json');
    const newestRaw = newestRead.ok ? newestRead.bytes.toString('utf8') : null;
    // The same bytes are already kept: nothing to add.
    if (newestRaw === previousRaw) return null;
    const recent = now.getTime() - stampTime(newest) < MIN_VERSION_INTERVAL_MS;
    if (!input.force && recent && previous.status === nextStatus) return null;
  }
  return addVersion(dir, annotator, docId, ids, previousRaw, now);
}

async function addVersion(dir: string, annotator: string, docId: string, ids: string[], raw: string, now: Date): Promise<string> {
  const folder = documentHistoryDir(dir, annotator, docId);
  await ensureLocalStateIgnored(dir);
  const stamp = versionStamp(now);
  let id = stamp;
  for (let n = 2; ids.includes(id); n++) id = `${stamp}-${n}`;
  await writeFileAtomic(join(folder, `${id}.json`), raw);
  const all = [...ids, id].sort(compareIds);
  for (const old of all.slice(0, Math.max(0, all.length - MAX_VERSIONS))) {
    await rm(join(folder, `${old}.json`), { force: true });
  }
  return id;
}

/**
 * Keep bytes that are about to be replaced without the caller having chosen to (a journal rolled
 * forward over a file someone changed meanwhile): always, unless the newest version is the same.
 */
export async function keepDisplacedVersion(dir: string, annotator: string, docId: string, raw: string, now: Date): Promise<string | null> {
  const ids = await versionIds(dir, annotator, docId);
  const newest = ids[ids.length - 1];
  if (newest !== undefined) {
    const read = await readProjectBytes(join(documentHistoryDir(dir, annotator, docId), `${newest}.json`), 'json').catch(() => null);
    const newestRaw = read?.ok ? read.bytes.toString('utf8') : null;
    if (newestRaw === raw) return null;
  }
  return addVersion(dir, annotator, docId, ids, raw, now);
}

/** A kept version, validated like any annotation file; null when missing or invalid. */
export async function readVersion(
  dir: string,
  annotator: string,
  docId: string,
  versionId: string,
): Promise<AnnotationFile | null> {
  if (!VERSION_ID.test(versionId)) return null;
  const read = await readJsonFile(join(documentHistoryDir(dir, annotator, docId), `${versionId}.json`), annotationFileSchema);
  return read.ok && read.value.docId === docId ? read.value : null;
}

/** The versions of a document, newest first; a file that does not validate is left out. */
export async function listVersions(dir: string, annotator: string, docId: string): Promise<VersionSummary[]> {
  const ids = await versionIds(dir, annotator, docId);
  const out: VersionSummary[] = [];
  for (const id of ids.reverse()) {
    const version = await readVersion(dir, annotator, docId, id);
    if (version) out.push({ id, savedAt: version.updatedAt, spans: version.spans.length, status: version.status });
  }
  return out;
}
