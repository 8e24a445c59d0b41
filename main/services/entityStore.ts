import { rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ProjectProblem } from '../../shared/api/views';
import { entityIdFor, normaliseName } from '../../shared/annotation/entities';
import { ENTITIES_SCHEMA_VERSION, entitiesFileSchema, type EntitiesFile, type Entity } from '../../shared/model/schemas';
import { readdirOrEmpty, readJsonFile, stableJson, writeFileAtomic } from './atomicJson';
import { setAsideName } from './setAside';

/** entities.json at the project root: the canonical names Actor spans link to (docs/project-format.md). */
export const entitiesPath = (dir: string) => join(dir, 'entities.json');

export interface EntitiesRead {
  entities: Entity[];
  /** The file was invalid and has been moved aside (the project then starts with no entities). */
  problem: ProjectProblem | null;
}

/**
 * The project's entities. A missing file means none yet; an invalid one is renamed aside (never
 * deleted, never overwritten) like an invalid annotation file, and reported.
 */
export async function readEntities(dir: string, now: Date): Promise<EntitiesRead> {
  const file = entitiesPath(dir);
  const read = await readJsonFile(file, entitiesFileSchema);
  if (read.ok) return { entities: read.value.entities, problem: null };
  if (read.reason === 'missing') return { entities: [], problem: null };
  const movedTo = await setAsideName(file, now);
  await rename(file, movedTo);
  return {
    entities: [],
    problem: {
      kind: 'invalid-entities',
      file,
      message: `${file} could not be read (${read.message}); it was moved aside to ${basename(movedTo)} and the project starts with no entities. Fix it and rename it back, or delete it.`,
      movedTo,
    },
  };
}

/** entities.json as written: stable key order, entities sorted by id (stable diffs). */
export function entitiesJson(file: EntitiesFile): string {
  const entities = [...file.entities]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({ id: e.id, name: e.name, aliases: [...e.aliases] }));
  return stableJson({ schemaVersion: ENTITIES_SCHEMA_VERSION, entities });
}

export interface EntityEdit {
  /** Left out: create a new entity (its id is a slug of the name). */
  id?: string | undefined;
  name: string;
  aliases: readonly string[];
}

/**
 * Create an entity, or rename one / change its aliases. A name or alias that is already another
 * entity's (ignoring case, accents and punctuation) is refused, naming that entity: two entities
 * answering to one name would make the link ambiguous.
 */
export function applyEntityEdit(entities: readonly Entity[], edit: EntityEdit): Result<{ entities: Entity[]; entity: Entity }> {
  const name = edit.name.trim().replace(/\s+/g, ' ');
  if (!name) return fail('invalid-input', 'An entity needs a name.');
  if (normaliseName(name) === '') return fail('invalid-input', `"${name}" has no letters or digits; give the entity a name.`);
  const current = edit.id === undefined ? undefined : entities.find((e) => e.id === edit.id);
  if (edit.id !== undefined && !current) return fail('not-found', `There is no entity "${edit.id}" in this project (it may have been removed).`);
  const aliases: string[] = [];
  const seen = new Set([normaliseName(name)]);
  for (const raw of edit.aliases) {
    const alias = raw.trim().replace(/\s+/g, ' ');
    const key = normaliseName(alias);
    if (!alias || key === '' || seen.has(key)) continue;
    seen.add(key);
    aliases.push(alias);
  }
  for (const other of entities) {
    if (other.id === current?.id) continue;
    const clash = [other.name, ...other.aliases].find((n) => seen.has(normaliseName(n)));
    if (clash !== undefined) {
      return fail('invalid-input', `"${clash}" already names the entity "${other.name}"; pick that entity instead, or use another name.`);
    }
  }
  const entity: Entity = { id: current?.id ?? entityIdFor(name, entities.map((e) => e.id)), name, aliases };
  const next = current ? entities.map((e) => (e.id === current.id ? entity : e)) : [...entities, entity];
  return ok({ entities: next, entity });
}

export async function writeEntities(dir: string, entities: readonly Entity[]): Promise<string> {
  const json = entitiesJson({ schemaVersion: ENTITIES_SCHEMA_VERSION, entities: [...entities] });
  await writeFileAtomic(entitiesPath(dir), json);
  return json;
}

/** entities.json files set aside (now or earlier): listed among the project's problems until removed. */
export async function listSetAsideEntities(dir: string): Promise<ProjectProblem[]> {
  const names = await readdirOrEmpty(dir);
  return names
    .filter((n) => /^entities\.json\.invalid-\d{8}T\d{6}Z(?:-\d+)?$/.test(n))
    .sort()
    .map((name) => ({
      kind: 'invalid-entities' as const,
      file: entitiesPath(dir),
      message: `${entitiesPath(dir)} could not be read and was moved aside to ${name}; the project's entities start again from what is in entities.json. Inspect it, then delete it.`,
      movedTo: join(dir, name),
    }));
}
