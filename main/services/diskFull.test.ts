import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base64, failure, importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

/**
 * A full disk, as the kernel reports it: write() fails with ENOSPC and the error carries no path
 * (Node only knows the file descriptor). Every write of a file whose path contains `fullFor` fails.
 */
const disk = vi.hoisted(() => ({ fullFor: null as string | null }));

function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const full = (path: unknown) => disk.fullFor !== null && String(path).includes(disk.fullFor);
  const open: typeof real.open = async (path, ...rest) => {
    const handle = await real.open(path, ...rest);
    if (!full(path)) return handle;
    return new Proxy(handle, {
      get(target, key, receiver) {
        if (key === 'writeFile' || key === 'write') return async () => Promise.reject(enospc());
        const value: unknown = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  const writeFile: typeof real.writeFile = async (path, ...rest) => (full(path) ? Promise.reject(enospc()) : real.writeFile(path, ...rest));
  const mocked = { ...real, open, writeFile };
  return { ...mocked, default: mocked };
});

// Files written synchronously (the journal writes an import's thousands of files that way).
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const fullFds = new Set<number>();
  const openSync: typeof real.openSync = (path, ...rest) => {
    const fd = real.openSync(path, ...rest);
    if (disk.fullFor !== null && String(path).includes(disk.fullFor)) fullFds.add(fd);
    return fd;
  };
  const closeSync: typeof real.closeSync = (fd) => {
    fullFds.delete(fd);
    real.closeSync(fd);
  };
  const writeSync = ((fd: number, ...rest: unknown[]) => {
    if (fullFds.has(fd)) throw enospc();
    return (real.writeSync as (fd: number, ...a: unknown[]) => number)(fd, ...rest);
  }) as typeof real.writeSync;
  const mocked = { ...real, openSync, closeSync, writeSync };
  return { ...mocked, default: mocked };
});

afterEach(async () => {
  disk.fullFor = null;
  await removeTempDirs();
});

describe('a full disk is refused with the file or folder it could not write', () => {
  it('a save names the annotation file, says the disk is full, and leaves no temp file', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', 'Alice said 40 people came.\n');
    disk.fullFor = join('annotations', 'alice');
    const refused = failure(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('s1', 0, 5, 'actor')] }));
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    expect(refused.code).toBe('io');
    expect(refused.message).toBe(`${file}: the disk is full.`);
    expect(refused.file).toBe(file);
    expect(readdirSync(join(dir, 'annotations', 'alice'))).toEqual([]);
    // Space again: the same save goes through.
    disk.fullFor = null;
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('s1', 0, 5, 'actor')] }));
  });

  it('an import names the document file it could not write; with space again, the next start completes it (journal)', async () => {
    const { service, dir } = await projectWithAnnotator();
    disk.fullFor = join(dir, 'documents');
    const jsonl = `${JSON.stringify({ text: 'Officials said 12 people were hurt.', spans: [{ start: 0, end: 9, label: 'actor' }] })}\n`;
    const refused = failure(await service.importDataset({ files: [{ name: 'records.jsonl', base64: base64(jsonl) }], format: 'auto', labels: {} }));
    expect(refused.code).toBe('io');
    expect(refused.message).toMatch(new RegExp(`^${join(dir, 'documents').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/[^/]+\\.(txt|json): the disk is full\\.$`));
    disk.fullFor = null;
    const view = unwrap(await service.openProject({ path: dir }));
    // The plan was committed before the disk filled: it is completed, never left half there.
    expect(view.documents.map((d) => [d.id, d.counts])).toEqual([['records-1', { actor: 1 }]]);
    expect(view.problems).toEqual([]);
  });
});
