import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomicJson';
import { dispatch } from './factmarkService';
import { makeFolder } from './makeFolder';
import { makeService, removeTempDirs, tempDir } from './serviceTestKit';

afterEach(removeTempDirs);

/** Issue 13, item 4: paths a user (or a hostile caller) may give. */
describe('paths given to the API', () => {
  it.each([
    ['openProject', { path: '/tmp/a\0b' }],
    ['createProject', { path: 'new\0project', name: 'P' }],
    ['exportProject', { format: 'jsonl', outPath: 'out\0.jsonl' }],
    ['exportReview', { outDir: '\0' }],
    ['setSyncRemote', { url: '/srv/shared\0.git' }],
    ['importDocuments', { files: [{ name: 'a\0.txt', base64: '' }] }],
  ])('%s: a NUL character in a path is the caller\'s mistake, said so at the boundary', async (operation, input) => {
    const { service } = makeService();
    const answer = await dispatch(service, operation, input);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('a path cannot contain the NUL character') } });
  });

  it.runIf(existsSync('/proc/self'))('createProject in /proc answers at once that no folder can be made there', async () => {
    const { service } = makeService();
    const answer = await dispatch(service, 'createProject', { path: '/proc/factmark-project', name: 'P' });
    expect(answer).toEqual({ ok: false, error: { code: 'io', message: '/proc/factmark-project: operation not permitted.', file: '/proc/factmark-project' } });
  });

  it.runIf(existsSync('/proc/self'))('a write that makes its folders answers at once in /proc', async () => {
    await expect(writeFileAtomic('/proc/factmark-out/x.json', '{}')).rejects.toMatchObject({ code: 'EPERM', path: '/proc/factmark-out' });
  });
});

describe('makeFolder', () => {
  it('makes every missing folder of a path, and accepts one that exists', async () => {
    const root = tempDir();
    await makeFolder(join(root, 'a', 'b', 'c'));
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    await makeFolder(join(root, 'a', 'b', 'c'));
  });

  it('names a file in the way', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'file'), '');
    await expect(makeFolder(join(root, 'file'))).rejects.toMatchObject({ code: 'ENOTDIR', path: join(root, 'file') });
    await expect(makeFolder(join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});
