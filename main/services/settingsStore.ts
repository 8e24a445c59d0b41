import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { annotatorNameSchema } from '../../shared/model/schemas';
import { readJsonFile, writeJsonAtomic } from './atomicJson';
import { setAsideName } from './setAside';

export const MAX_RECENT_PROJECTS = 10;

export const settingsSchema = z
  .object({
    schemaVersion: z.literal(1),
    annotator: annotatorNameSchema.nullable(),
    recentProjects: z.array(z.string().min(1)).max(100),
    lastProject: z.string().min(1).nullable(),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { schemaVersion: 1, annotator: null, recentProjects: [], lastProject: null };

export const settingsFile = (dataDir: string) => join(dataDir, 'settings.json');

/**
 * The user's settings. Missing means first start. An unreadable file is moved aside (so the
 * user's old file is kept for inspection) and the defaults are used: settings are not worth
 * refusing to start over.
 */
export async function readSettings(dataDir: string): Promise<Settings> {
  const file = settingsFile(dataDir);
  const read = await readJsonFile(file, settingsSchema);
  if (read.ok) return read.value;
  if (read.reason === 'invalid') await rename(file, await setAsideName(file, new Date()));
  return { ...DEFAULT_SETTINGS, recentProjects: [] };
}

export async function writeSettings(dataDir: string, settings: Settings): Promise<void> {
  await writeJsonAtomic(settingsFile(dataDir), {
    schemaVersion: 1,
    annotator: settings.annotator,
    recentProjects: settings.recentProjects.slice(0, MAX_RECENT_PROJECTS),
    lastProject: settings.lastProject,
  });
}

/** Read-modify-write, so several windows sharing one data folder do not undo each other's changes. */
export async function updateSettings(dataDir: string, change: (s: Settings) => Settings): Promise<Settings> {
  const next = change(await readSettings(dataDir));
  await writeSettings(dataDir, next);
  return next;
}

/** Most recent first, no duplicates, at most MAX_RECENT_PROJECTS. */
export function withRecentProject(settings: Settings, projectPath: string): Settings {
  const recentProjects = [projectPath, ...settings.recentProjects.filter((p) => p !== projectPath)].slice(
    0,
    MAX_RECENT_PROJECTS,
  );
  return { ...settings, recentProjects, lastProject: projectPath };
}
