import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FactmarkService } from './factmarkService';
import type { SuggestPool } from './suggestWorkerPool';
import { failure, importText, makeService, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

const services: FactmarkService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
  await removeTempDirs();
});

const TEXT = 'Alice said 40 people came.\nBob denied it.\n';
const lockFile = (dir: string, who = 'alice') => join(dir, '.factmark', 'locks', `${who}.lock`);

async function secondWindow(dir: string, name = 'alice') {
  const { service } = makeService();
  services.push(service as FactmarkService);
  unwrap(await service.setAnnotator({ name }));
  return { service: service as FactmarkService, view: unwrap(await service.openProject({ path: dir })) };
}

async function first() {
  const made = await projectWithAnnotator();
  services.push(made.service as FactmarkService);
  return { ...made, service: made.service as FactmarkService };
}

describe('one writer per project and annotator', () => {
  it('opens a second window for the same annotator read-only, refuses its saves, and hands over when the first closes', async () => {
    const { service, dir } = await first();
    const docId = await importText(service, 'story.txt', TEXT);
    expect(unwrap(await service.getProject({})).readOnly).toBe(false);
    const lock = JSON.parse(readFileSync(lockFile(dir), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, host: hostname(), annotator: 'alice' });

    const second = await secondWindow(dir);
    expect(second.view.readOnly).toBe(true);
    expect(second.view.readOnlyReason).toMatch(/read-only/);
    const refused = failure(await second.service.saveAnnotations({ docId, status: 'done', spans: [span('a', 0, 5, 'actor')] }));
    expect(refused.code).toBe('read-only');
    expect(refused.message).toMatch(/Nothing was saved/);
    // It can still read.
    expect(unwrap(await second.service.getDocument({ docId })).text).toBe(TEXT);
    // The first keeps writing.
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')] }));

    // Another annotator on the same project is not blocked: they write other files.
    const bob = await secondWindow(dir, 'bob');
    expect(bob.view.readOnly).toBe(false);

    await service.dispose();
    const polled = unwrap(await second.service.pollChanges({ since: 0 }));
    expect(polled.readOnly).toBe(false);
    expect(polled.changes).toContainEqual({ kind: 'project', docId: null });
    unwrap(await second.service.saveAnnotations({ docId, status: 'done', spans: [] }));
  });

  it('on close, writes the save already asked for, then releases the lock without waiting for the suggestion worker', async () => {
    // A suggestion worker that takes its time to stop (a long job still running).
    let workerStopped = false;
    let stopWorker: () => void = () => undefined;
    const suggestPool: SuggestPool = {
      suggest: async () => [],
      learn: async () => ({ learned: 0, ms: 0 }),
      pending: () => 0,
      threaded: true,
      close: () => new Promise<void>((resolve) => (stopWorker = () => { workerStopped = true; resolve(); })),
    };
    const made = await projectWithAnnotator({ suggestPool });
    const service = made.service as FactmarkService;
    const docId = await importText(service, 'story.txt', TEXT);
    unwrap(await service.getSuggestions({ docId }));
    const saving = service.saveAnnotations({ docId, status: 'done', spans: [span('a', 0, 5, 'actor')] });
    const disposed = service.dispose();
    await vi.waitFor(() => expect(existsSync(lockFile(made.dir))).toBe(false));
    expect(workerStopped).toBe(false);
    unwrap(await saving);
    const saved = JSON.parse(readFileSync(join(made.dir, 'annotations', 'alice', `${docId}.json`), 'utf8'));
    expect(saved.spans.map((s: { id: string }) => s.id)).toEqual(['a']);
    stopWorker();
    await disposed;
    expect(workerStopped).toBe(true);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const { service, dir } = await first();
    const docId = await importText(service, 'story.txt', TEXT);
    await service.dispose();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(dir, '.factmark', 'locks'), { recursive: true });
    const stale = { owner: 'crashed', pid: dead, host: hostname(), annotator: 'alice', acquiredAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(lockFile(dir), JSON.stringify(stale));
    // The crash interrupted a save: its temp file is beside the (whole) real file.
    mkdirSync(join(dir, 'annotations', 'alice'), { recursive: true });
    const orphan = join(dir, 'annotations', 'alice', `${docId}.json.3141592653`);
    writeFileSync(orphan, '{"half');
    const next = await secondWindow(dir);
    expect(next.view.readOnly).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).owner).not.toBe('crashed');
    unwrap(await next.service.saveAnnotations({ docId, status: 'done', spans: [] }));
  });

  it('respects a fresh lock from another machine, and takes it over once it is no longer refreshed', async () => {
    const { service, dir } = await first();
    await service.dispose();
    const remote = { owner: 'remote', pid: 1, host: 'another-machine', annotator: 'alice', acquiredAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(lockFile(dir), JSON.stringify(remote));
    const blocked = await secondWindow(dir);
    expect(blocked.view.readOnly).toBe(true);
    expect(blocked.view.readOnlyReason).toMatch(/another-machine/);
    const old = new Date(Date.now() - 120_000);
    utimesSync(lockFile(dir), old, old);
    expect(unwrap(await blocked.service.getProject({})).readOnly).toBe(false);
  });

  it('releases the lock when the annotator changes, and a removed lock is simply taken again', async () => {
    const { service, dir } = await first();
    unwrap(await service.getProject({}));
    unwrap(await service.setAnnotator({ name: 'carol' }));
    unwrap(await service.getProject({}));
    expect(() => readFileSync(lockFile(dir), 'utf8')).toThrow();
    expect(JSON.parse(readFileSync(lockFile(dir, 'carol'), 'utf8')).annotator).toBe('carol');
    rmSync(lockFile(dir, 'carol'));
    expect(unwrap(await service.getProject({})).readOnly).toBe(false);
  });
});

describe('changes on disk', () => {
  it('reports files changed by others, never the service\'s own writes', async () => {
    const { service, dir } = await first();
    const docId = await importText(service, 'story.txt', TEXT);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')] }));
    // The first poll starts the watcher and returns once its initial scan is done.
    const start = unwrap(await service.pollChanges({ since: 0 }));
    // Write through the service: nothing to report.
    let cursor = unwrap(await service.pollChanges({ since: start.cursor })).cursor;
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor'), span('b', 27, 30, 'actor')] }));
    await new Promise((r) => setTimeout(r, 700));
    const own = unwrap(await service.pollChanges({ since: cursor }));
    expect(own.changes).toEqual([]);
    cursor = own.cursor;

    // Another tool rewrites the annotation file: reported, once, for that document.
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const theirs = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, `${JSON.stringify({ ...theirs, status: 'done' }, null, 2)}\n`);
    await vi.waitFor(
      async () => {
        const polled = unwrap(await service.pollChanges({ since: cursor }));
        expect(polled.changes).toEqual([{ kind: 'annotation', docId }]);
      },
      { timeout: 5000, interval: 100 },
    );
    cursor = unwrap(await service.pollChanges({ since: cursor })).cursor;

    // A document added by another process (a sync): the list is to be refreshed.
    const meta = JSON.parse(readFileSync(join(dir, 'documents', `${docId}.json`), 'utf8'));
    writeFileSync(join(dir, 'documents', 'synced.txt'), TEXT);
    writeFileSync(join(dir, 'documents', 'synced.json'), JSON.stringify({ ...meta, id: 'synced', source: 'synced.txt' }));
    await vi.waitFor(
      async () => {
        const polled = unwrap(await service.pollChanges({ since: cursor }));
        expect(polled.changes).toContainEqual({ kind: 'document', docId: 'synced' });
      },
      { timeout: 5000, interval: 100 },
    );
    // Other annotators' files are none of this window's business: nothing is reported for them
    // (the steps above prove the watcher reports this annotator's files and new documents).
    const seen = unwrap(await service.pollChanges({ since: 0 })).cursor;
    mkdirSync(join(dir, 'annotations', 'bob'), { recursive: true });
    writeFileSync(join(dir, 'annotations', 'bob', `${docId}.json`), '{}');
    await new Promise((r) => setTimeout(r, 1000));
    expect(unwrap(await service.pollChanges({ since: seen })).changes).toEqual([]);
  });
});
