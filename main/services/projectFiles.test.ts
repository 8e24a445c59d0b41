import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProjectWrite, confineToProject, READ_LIMITS, readProjectBytes, readProjectBytesSync } from './projectFiles';
import { writeFileAtomic } from './atomicJson';
import { removeTempDirs, tempDir } from './serviceTestKit';

afterEach(removeTempDirs);

/** A project folder (registered as one) and a folder outside it holding a secret. */
function layout() {
  const root = tempDir();
  const project = join(root, 'project');
  const outside = join(root, 'outside');
  mkdirSync(join(project, 'documents'), { recursive: true });
  mkdirSync(join(project, 'annotations', 'alice'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'the contents of a private file\n');
  writeFileSync(join(project, 'documents', 'a.txt'), 'A text.\n');
  confineToProject(project);
  return { project, outside };
}

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
const both = async (file: string, kind: 'text' | 'json') => {
  const sync = readProjectBytesSync(file, kind);
  const async = await readProjectBytes(file, kind);
  // Buffers compared as bytes (a deep equality of 64 MB would take minutes).
  if (sync.ok && async.ok) expect(sync.bytes.equals(async.bytes)).toBe(true);
  else expect(sync).toEqual(async);
  return async;
};

describe('reading a project file', () => {
  it('reads a regular file, and a link that stays inside the project', async () => {
    const { project } = layout();
    symlinkSync(join(project, 'documents', 'a.txt'), join(project, 'documents', 'b.txt'));
    for (const name of ['a.txt', 'b.txt']) {
      const read = await both(join(project, 'documents', name), 'text');
      expect(read.ok && read.bytes.toString('utf8')).toBe('A text.\n');
    }
    expect(await both(join(project, 'documents', 'none.txt'), 'text')).toEqual({ ok: false, reason: 'missing' });
  });

  it('never reads a file through a link out of the project', async () => {
    const { project, outside } = layout();
    const file = join(project, 'documents', 'b.txt');
    symlinkSync(join(outside, 'secret.txt'), file);
    const read = await both(file, 'text');
    expect(read).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringMatching(/^it is a link to .*outside[/\\]secret\.txt, outside the project/) });
  });

  it('refuses (throws) for a folder that leads out of the project, whether its file exists or not', async () => {
    const { project, outside } = layout();
    rmSync(join(project, 'annotations', 'alice'), { recursive: true });
    symlinkSync(outside, join(project, 'annotations', 'alice'));
    for (const name of ['secret.txt', 'none.json']) {
      const file = join(project, 'annotations', 'alice', name);
      await expect(readProjectBytes(file, 'json')).rejects.toThrow(/its folder leads outside the project/);
      expect(() => readProjectBytesSync(file, 'json')).toThrow(/its folder leads outside the project/);
    }
  });

  it('answers a named pipe at once instead of waiting for a writer', async () => {
    const { project } = layout();
    const fifo = join(project, 'documents', 'pipe.txt');
    mkfifo(fifo);
    expect(await both(fifo, 'text')).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringMatching(/^it is a named pipe, not a regular file/) });
  });

  it('never reads a device (a link to /dev/zero) or a folder', async () => {
    const { project } = layout();
    const zero = join(project, 'documents', 'zero.txt');
    symlinkSync('/dev/zero', zero);
    expect(await both(zero, 'text')).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringMatching(/^it is a link to \/dev\/zero, outside the project/) });
    // Outside any project the device is still refused as one.
    expect(await both('/dev/zero', 'text')).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringMatching(/^it is a device, not a regular file/) });
    expect(await both(join(project, 'documents'), 'json')).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringMatching(/^it is a folder/) });
  });

  it('reads no more than its kind\'s limit, and names the limit', async () => {
    const { project } = layout();
    const big = join(project, 'documents', 'big.txt');
    writeFileSync(big, '');
    truncateSync(big, READ_LIMITS.text + 1);
    expect(await both(big, 'text')).toMatchObject({ ok: false, reason: 'unreadable', message: 'it is 60 MB; Factmark reads document texts of at most 60 MB. Remove or shorten it.' });
    const json = join(project, 'annotations', 'alice', 'a.json');
    writeFileSync(json, '');
    truncateSync(json, READ_LIMITS.json + 1);
    expect(await both(json, 'json')).toMatchObject({ ok: false, reason: 'unreadable', message: expect.stringMatching(/project JSON files of at most 64 MB/) });
    truncateSync(json, READ_LIMITS.json);
    expect((await both(json, 'json')).ok).toBe(true);
  });
});

describe('writing a project file', () => {
  it('writes inside the project, creating folders', async () => {
    const { project } = layout();
    await writeFileAtomic(join(project, 'annotations', 'bob', 'a.json'), '{}\n');
    expect(readFileSync(join(project, 'annotations', 'bob', 'a.json'), 'utf8')).toBe('{}\n');
  });

  it('never writes into a folder that leads out, nor creates folders there', async () => {
    const { project, outside } = layout();
    rmSync(join(project, 'annotations'), { recursive: true });
    symlinkSync(outside, join(project, 'annotations'));
    await expect(writeFileAtomic(join(project, 'annotations', 'alice', 'a.json'), '{}\n')).rejects.toThrow(/its folder leads outside the project/);
    expect(readdirSync(outside)).toEqual(['secret.txt']);
  });

  it('never writes through a link to a file outside (dangling ones included)', async () => {
    const { project, outside } = layout();
    const file = join(project, 'annotations', 'alice', 'a.json');
    symlinkSync(join(outside, 'secret.txt'), file);
    await expect(writeFileAtomic(file, '{}\n')).rejects.toThrow(/is a link to .*secret\.txt, outside the project; Factmark writes only inside the project/);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('the contents of a private file\n');
    const dangling = join(project, 'annotations', 'alice', 'b.json');
    symlinkSync(join(outside, 'new.json'), dangling);
    await expect(checkProjectWrite(dangling)).rejects.toThrow(/outside the project/);
    expect(existsSync(join(outside, 'new.json'))).toBe(false);
  });
});
