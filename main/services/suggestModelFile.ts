import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModel, type SuggestModel } from '../../shared/learn/model';

/**
 * Where the shipped suggestion model is read from (models/factmark-suggest.json, built by
 * `npm run train`), first found wins:
 *   1. $FACTMARK_MODEL (a file), for tests and for trying another model;
 *   2. <app>/models/ beside dist/ (a checkout, `npm start`, `factmark serve`; and the packaged app
 *      when electron-builder's `files` include models/**: dist/main/../../models in app.asar);
 *   3. <resources>/models/ (the packaged app when the file is an `extraResources` entry).
 * The file is read once per process (the suggestion worker, or the CLI when run from source).
 */
export const MODEL_FILE_NAME = 'factmark-suggest.json';

export function modelFileCandidates(): string[] {
  const out: string[] = [];
  if (process.env.FACTMARK_MODEL) out.push(process.env.FACTMARK_MODEL);
  // dist/main/*.js and main/services/*.ts are both two folders below the app root.
  out.push(join(__dirname, '..', '..', 'models', MODEL_FILE_NAME));
  const resources = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resources) out.push(join(resources, 'models', MODEL_FILE_NAME));
  return out;
}

export interface LoadedModel {
  model: SuggestModel | null;
  path: string | null;
  /** Why there is no model (the rule suggesters stand in), for a message. */
  problem: string | null;
}

let loaded: LoadedModel | null = null;

export function loadSuggestModel(): LoadedModel {
  if (loaded) return loaded;
  const candidates = modelFileCandidates();
  const path = candidates.find((c) => existsSync(c)) ?? null;
  if (path === null) {
    loaded = { model: null, path: null, problem: `The suggestion model ${MODEL_FILE_NAME} was not found (looked in ${candidates.join(', ')}); rule suggestions only.` };
    return loaded;
  }
  try {
    loaded = { model: readModel(JSON.parse(readFileSync(path, 'utf8'))), path, problem: null };
  } catch (err) {
    loaded = { model: null, path, problem: `The suggestion model ${path} could not be read (${err instanceof Error ? err.message : String(err)}); rule suggestions only.` };
  }
  return loaded;
}

/** Forget the loaded model (tests that point FACTMARK_MODEL elsewhere). */
export function resetSuggestModel(): void {
  loaded = null;
}
