import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { FactmarkHandlers } from '../../shared/api/contract';
import type { Result } from '../../shared/api/result';
import { createFactmarkService, type ServiceOptions } from './factmarkService';
import { allLearningSettled } from './learningService';

/** Shared by the services' tests only: temp folders, a service on them, and small helpers. */
export const CORPUS_DIR = resolve('corpus');
export const TEST_VERSION = '9.9.9-test';
export const T0 = '2026-01-02T03:04:05.000Z';

const made: string[] = [];

export function tempDir(prefix = 'factmark-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  // Learning a save started may still be writing under .factmark/learning/.
  await allLearningSettled();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function makeService(extra: Partial<ServiceOptions> = {}): { dataDir: string; service: FactmarkHandlers } {
  const dataDir = extra.dataDir ?? tempDir();
  const service = createFactmarkService({ dataDir, corpusDir: CORPUS_DIR, version: TEST_VERSION, ...extra });
  return { dataDir, service };
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function failure<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure, got ok');
  return result.error;
}

export const base64 = (content: string | Uint8Array) => Buffer.from(content).toString('base64');

export function span(id: string, start: number, end: number, label: string) {
  return { id, start, end, label, createdAt: T0, updatedAt: T0 };
}

/** A new empty project in a temp folder, opened, with annotator "alice". */
export async function projectWithAnnotator(extra: Partial<ServiceOptions> = {}) {
  const { dataDir, service } = makeService(extra);
  const dir = join(tempDir(), 'project');
  unwrap(await service.createProject({ path: dir, name: 'Test project' }));
  unwrap(await service.setAnnotator({ name: 'alice' }));
  return { dataDir, service, dir };
}

export async function importText(service: FactmarkHandlers, name: string, content: string | Uint8Array) {
  const { results } = unwrap(await service.importDocuments({ files: [{ name, base64: base64(content) }] }));
  const [result] = results;
  if (!result?.ok || !result.docId) throw new Error(`import failed: ${result?.error}`);
  return result.docId;
}

/** sha256 of every file under `dir`, by relative path: to prove a folder was not written. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export function listTree(dir: string): string[] {
  return Object.keys(hashTree(dir)).sort();
}
