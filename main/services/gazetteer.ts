import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { annotationFileSchema, entitiesFileSchema } from '../../shared/model/schemas';
import { readdirOrEmpty, readJsonFile } from './atomicJson';
import { entitiesPath } from './entityStore';
import { mapLimit } from './mapLimit';
import { annotatorDir, listAnnotators } from './projectStore';

/**
 * The project gazetteer the actor suggester proposes from: every actor string tagged by anyone
 * in the project, and every entity name and alias.
 *
 * It is asked for each time a document is opened. Reading and validating every annotation file
 * each time cost 3.5 s per open in a project of 10,000 documents (scripts/bench-suggest.mjs), so
 * the actor quotes of each file are kept by path, size and modification time, and a file is read
 * again only when one of those changed (a stat costs a fraction of a read + validation).
 */
interface CachedFile {
  size: number;
  mtimeMs: number;
  actors: string[];
}

/**
 * A file modified less than this long ago is read rather than trusted: a second write within the
 * file system's timestamp resolution can leave size and time unchanged (as in summaryIndex.ts).
 */
const FRESH_MS = 2_000;
const STAT_WINDOW = 64;

const byProject = new Map<string, Map<string, CachedFile>>();

async function annotationFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const annotator of await listAnnotators(dir)) {
    const names = await readdirOrEmpty(annotatorDir(dir, annotator));
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) files.push(join(annotatorDir(dir, annotator), name));
  }
  return files;
}

async function actorsOf(path: string, cache: Map<string, CachedFile>, now: number): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (info === null) return [];
  const cached = cache.get(path);
  if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.actors;
  // Invalid files count for nothing here: the app sets them aside and lists them.
  const read = await readJsonFile(path, annotationFileSchema);
  const actors = read.ok ? [...new Set(read.value.spans.filter((s) => s.label === 'actor').map((s) => s.quote))] : [];
  if (now - info.mtimeMs >= FRESH_MS) cache.set(path, { size: info.size, mtimeMs: info.mtimeMs, actors });
  else cache.delete(path);
  return actors;
}

/** Every actor string tagged in the project (any annotator), then every entity name and alias. */
export async function knownActors(dir: string, now: () => number = Date.now): Promise<string[]> {
  let cache = byProject.get(dir);
  if (!cache) {
    cache = new Map();
    byProject.set(dir, cache);
  }
  const files = await annotationFiles(dir);
  const at = now();
  const lists = await mapLimit(files, STAT_WINDOW, (path) => actorsOf(path, cache, at));
  // Files deleted since the last call leave the cache with their actors.
  const present = new Set(files);
  for (const path of cache.keys()) if (!present.has(path)) cache.delete(path);
  const known = new Set(lists.flat());
  // Read only: an invalid entities.json is left for the app (or validate) to report.
  const entities = await readJsonFile(entitiesPath(dir), entitiesFileSchema);
  if (entities.ok) for (const e of entities.value.entities) for (const n of [e.name, ...e.aliases]) known.add(n);
  return [...known];
}

/** How many files' actor lists are kept for a project (tests). */
export const cachedGazetteerFiles = (dir: string): number => byProject.get(dir)?.size ?? 0;

/** The project's entity names and aliases (entities.json), for the trained tagger's memory. */
export async function entityNames(dir: string): Promise<string[]> {
  const entities = await readJsonFile(entitiesPath(dir), entitiesFileSchema);
  return entities.ok ? entities.value.entities.flatMap((e) => [e.name, ...e.aliases]) : [];
}
