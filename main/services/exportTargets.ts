import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, lstat, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import { readManifest, type CardManifest } from '../../shared/formats/cardManifest';
import { isErrno } from './atomicJson';
import { isInside, realTarget } from './pathConfinement';

/**
 * Where an export may write (issue 13 item 3, issue 14 item 10): only new files, or files an
 * earlier export wrote and nobody changed since (the dataset card beside a data file records its
 * SHA-256: cardManifest.ts), never a file the project owns, never a symbolic link or anything but
 * a regular file. Checked before anything is written; when the files are moved into place, a new
 * file is linked in (which fails if the name appeared meanwhile) and an own file is replaced only
 * if it is still the file that was checked.
 */
export type TargetKind = 'data' | 'sidecar' | 'card' | 'folder';

export interface ExportTarget {
  path: string;
  kind: TargetKind;
  /** data and sidecar: the card that records them. */
  card?: string;
}

/** What was at a target when it was checked: null = nothing (a new file). */
export interface TargetStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** A target that can no longer be written as checked (it appeared or changed meanwhile). */
export class ExportTargetError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

/** Files and folders of a project that only the project writes (docs/project-format.md). */
const OWNED_FILES = ['project.json', 'entities.json', 'claims.json', '.gitignore', '.gitattributes'];
const OWNED_FOLDERS = ['documents', 'annotations', '.factmark', '.git'];
const OWNED_LIST = 'project.json, entities.json, claims.json, documents/, annotations/, .factmark/, .git/';

/** Why `path` belongs to the project at `projectDir` (judged where it really leads), or null. */
export async function projectOwned(projectDir: string, path: string): Promise<string | null> {
  const root = await realTarget(projectDir);
  const target = await realTarget(path);
  if (!isInside(root, target)) return null;
  const rel = relative(root, target);
  if (rel === '') return 'the project folder itself';
  const parts = rel.split(sep);
  const first = (parts[0] as string).toLowerCase();
  // Compared without case: on macOS and Windows "Project.json" is project.json.
  if (OWNED_FOLDERS.includes(first) || (parts.length === 1 && OWNED_FILES.includes(first))) return rel.split(sep).join('/');
  return null;
}

async function stampOf(path: string): Promise<(TargetStamp & { regular: boolean; link: boolean }) | null> {
  try {
    const st = await lstat(path);
    return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, regular: st.isFile(), link: st.isSymbolicLink() };
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return null;
    throw err;
  }
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolveHash(hash.digest('hex')));
  });
}

const MAX_CARD_BYTES = 4 << 20;

async function manifestAt(card: string): Promise<CardManifest | null> {
  const st = await stampOf(card);
  if (!st || !st.regular || st.size > MAX_CARD_BYTES) return null;
  return readManifest(await readFile(card, 'utf8'));
}

const notOurs = (path: string, why: string): Result<never> =>
  fail('invalid-input', `Cannot export to ${path}: ${why} Choose another file name or folder (or move that file away first); nothing was written.`, path);

async function checkTarget(projectDir: string, target: ExportTarget): Promise<Result<TargetStamp | null>> {
  const owned = await projectOwned(projectDir, target.path);
  if (owned) {
    return fail(
      'invalid-input',
      `Cannot export to ${target.path}: it is inside the project's own files (${owned}; the project owns ${OWNED_LIST}). Export to the project's exports/ folder, or anywhere else; nothing was written.`,
      target.path,
    );
  }
  const st = await stampOf(target.path);
  if (!st) return ok(null);
  if (target.kind === 'folder') return notOurs(target.path, 'a folder of that name already exists and is not empty.');
  if (st.link) return notOurs(target.path, 'it is a symbolic link, and an export never replaces one.');
  if (!st.regular) return notOurs(target.path, 'it is not a regular file.');
  const stamp: TargetStamp = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
  if (target.kind === 'card') {
    return (await manifestAt(target.path)) ? ok(stamp) : notOurs(target.path, 'a file of that name exists and is not a dataset card written by Factmark.');
  }
  const card = target.card as string;
  const manifest = dirname(card) === dirname(target.path) ? await manifestAt(card) : null;
  const recorded = manifest?.files[basename(target.path)];
  if (recorded && recorded === (await sha256File(target.path))) return ok(stamp);
  return notOurs(
    target.path,
    recorded
      ? 'it was changed since Factmark exported it (its content no longer matches the SHA-256 its dataset card records), so it may hold someone\'s edits.'
      : `the file already exists and no Factmark dataset card beside it (${basename(card)}) records it as an export.`,
  );
}

/**
 * Check every target of an export before anything is written. Answers what was at each path (to
 * re-check when moving files into place), or the first reason to refuse, naming the file.
 */
export async function checkTargets(projectDir: string, targets: readonly ExportTarget[]): Promise<Result<Map<string, TargetStamp | null>>> {
  const seen = new Set<string>();
  const stamps = new Map<string, TargetStamp | null>();
  for (const target of targets) {
    const real = await realTarget(target.path);
    if (seen.has(real)) return notOurs(target.path, 'this export would write that file twice.');
    seen.add(real);
    const checked = await checkTarget(projectDir, target);
    if (!checked.ok) return checked;
    stamps.set(target.path, checked.value);
  }
  return ok(stamps);
}

/** link() is not available on every file system (FAT, some network shares): then rename, after one more look. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);

/**
 * Move a finished temporary file into place: a new file only if the name is still free, an own
 * file only if it is still the one checked. Throws ExportTargetError otherwise (the temporary
 * file is left for the caller to remove).
 */
export async function placeFile(temp: string, final: string, checked: TargetStamp | null): Promise<void> {
  if (checked === null) {
    try {
      await link(temp, final);
      await unlink(temp);
      return;
    } catch (err) {
      if (isErrno(err, 'EEXIST')) {
        throw new ExportTargetError(`Cannot export to ${final}: a file of that name appeared while the export was running; it was not replaced.`, final);
      }
      if (!NO_HARD_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
      if (await stampOf(final)) {
        throw new ExportTargetError(`Cannot export to ${final}: a file of that name appeared while the export was running; it was not replaced.`, final);
      }
      await rename(temp, final);
      return;
    }
  }
  const now = await stampOf(final);
  if (!now || now.ino !== checked.ino || now.size !== checked.size || now.mtimeMs !== checked.mtimeMs) {
    throw new ExportTargetError(`Cannot export to ${final}: the file changed while the export was running; it was not replaced.`, final);
  }
  await rename(temp, final);
}
