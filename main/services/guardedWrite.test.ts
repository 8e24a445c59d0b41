import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { fileLockPath } from './fileLock';
import { guardedWrite } from './guardedWrite';
import { HOST_TAG } from './processOwner';
import { failure, importText, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const TEXT = 'Alice said 40 people came.\nBob denied it.\n';
const historyOf = (dir: string, docId: string) => {
  try {
    return readdirSync(join(dir, '.factmark', 'history', 'alice', docId)).map((n) => readFileSync(join(dir, '.factmark', 'history', 'alice', docId, n), 'utf8'));
  } catch {
    return [];
  }
};

/** Another program's version of the file: valid, with a marker span, written the way editors and sync clients do (temp + rename). */
function theirVersion(file: string, marker: string): string {
  const mine = JSON.parse(readFileSync(file, 'utf8')) as { spans: unknown[] };
  const theirs = `${JSON.stringify({ ...mine, spans: [{ ...span(marker, 0, 5, 'actor'), quote: 'Alice' }] }, null, 2)}\n`;
  return theirs;
}
function renameWrite(file: string, content: string) {
  writeFileSync(`${file}.other-tool`, content);
  renameSync(`${file}.other-tool`, file);
}

/** A project with one saved document, and a service whose saves run `hook` inside the write window. */
async function savedDocument(hook: (file: string) => Promise<void>) {
  let armed = false;
  const { service, dir } = await projectWithAnnotator({ testHooks: { beforeFinalCheck: (file) => (armed ? hook(file) : Promise.resolve()) } });
  const docId = await importText(service, 'story.txt', TEXT);
  const first = unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('mine-1', 0, 5, 'actor')] }));
  const file = join(dir, 'annotations', 'alice', `${docId}.json`);
  return { service, dir, docId, file, revision: first.revision, arm: () => (armed = true) };
}

describe('compare-and-write: a rewrite landing between the read and the rename is never silently replaced', () => {
  it('another program renaming its version over the file inside the window: the save is refused, theirs stays', async () => {
    let theirs = '';
    const ctx = await savedDocument(async (file) => {
      theirs = theirVersion(file, 'theirs');
      renameWrite(file, theirs);
    });
    ctx.arm();
    const refused = failure(await ctx.service.saveAnnotations({ docId: ctx.docId, status: 'in_progress', spans: [span('mine-2', 11, 13, 'number')], baseRevision: ctx.revision }));
    expect(refused.code).toBe('conflict');
    expect(readFileSync(ctx.file, 'utf8')).toBe(theirs);
    // No temp file of the refused save is left.
    expect(readdirSync(dirname(ctx.file)).filter((n) => n !== `${ctx.docId}.json`)).toEqual([]);
  });

  it('a real second process writing inside the window: refused, its version stays on disk', async () => {
    const child = spawn(process.execPath, ['-e', `
      const fs = require('node:fs');
      process.stdin.setEncoding('utf8');
      let buf = '';
      process.stdin.on('data', (d) => {
        buf += d;
        if (!buf.endsWith('\\n')) return;
        const { file, content } = JSON.parse(buf);
        buf = '';
        fs.writeFileSync(file + '.editor-tmp', content);
        fs.renameSync(file + '.editor-tmp', file);
        process.stdout.write('written\\n');
      });
    `], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      let theirs = '';
      const ctx = await savedDocument(async (file) => {
        theirs = theirVersion(file, 'other-process');
        const written = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
        child.stdin.write(`${JSON.stringify({ file, content: theirs })}\n`);
        await written;
      });
      ctx.arm();
      const refused = failure(await ctx.service.saveAnnotations({ docId: ctx.docId, status: 'in_progress', spans: [span('mine-2', 11, 13, 'number')], baseRevision: ctx.revision }));
      expect(refused.code).toBe('conflict');
      expect(JSON.parse(readFileSync(ctx.file, 'utf8')).spans[0].id).toBe('other-process');
    } finally {
      child.kill();
    }
  });

  it('an in-place rewrite after the last check: it is put back, the save answers conflict, and the saved version is kept in History', async () => {
    const dir = tempDir();
    const file = join(dir, 'annotations', 'alice', 'doc.json');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, 'old\n');
    const kept: string[] = [];
    const result = await guardedWrite({
      dir,
      file,
      expected: 'old\n',
      content: 'mine\n',
      keep: async (raw) => void kept.push(raw),
      // Same inode, new bytes: what `echo > file` or an editor saving in place does.
      beforeRename: async () => writeFileSync(file, 'theirs, in place\n'),
    });
    expect(result).toEqual({ ok: false, current: 'theirs, in place\n', displaced: true });
    expect(readFileSync(file, 'utf8')).toBe('theirs, in place\n');
    expect(kept).toEqual(['mine\n']);
  });

  it('waits for another Factmark process holding the file lock, then sees its write instead of replacing it', async () => {
    let hookRan = false;
    const { service, dir } = await projectWithAnnotator({ testHooks: { beforeFinalCheck: async () => void (hookRan = true) } });
    const docId = await importText(service, 'story.txt', TEXT);
    const first = unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('mine-1', 0, 5, 'actor')] }));
    hookRan = false;
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const lock = fileLockPath(dir, file);
    const theirs = theirVersion(file, 'locked-writer');
    // Another Factmark (a real process): takes the file's lock, then on "go" writes the file and releases the lock.
    const child: ChildProcessByStdio<Writable, Readable, null> = spawn(process.execPath, ['-e', `
      const fs = require('node:fs');
      const [lock, file, content, host] = process.argv.slice(1);
      fs.mkdirSync(require('node:path').dirname(lock), { recursive: true });
      fs.writeFileSync(lock, JSON.stringify({ owner: 'child', host, pid: process.pid, file: 'x', at: new Date().toISOString() }), { flag: 'wx' });
      process.stdout.write('locked\\n');
      process.stdin.once('data', () => {
        fs.writeFileSync(file + '.t', content);
        fs.renameSync(file + '.t', file);
        fs.unlinkSync(lock);
        process.stdout.write('released\\n');
      });
    `, lock, file, theirs, HOST_TAG], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const save = service.saveAnnotations({ docId, status: 'in_progress', spans: [span('mine-2', 11, 13, 'number')], baseRevision: first.revision });
      // Until the save either waits for the lock (its claim sits beside the lock) or, were there no lock, reaches its write window.
      const waiting = () => readdirSync(dirname(lock)).some((n) => n.startsWith(`.${basename(lock)}.`));
      while (!waiting() && !hookRan) await new Promise((r) => setTimeout(r, 5));
      expect(hookRan).toBe(false);
      child.stdin.write('go\n');
      const refused = failure(await save);
      expect(refused.code).toBe('conflict');
      expect(readFileSync(file, 'utf8')).toBe(theirs);
    } finally {
      child.kill();
    }
  });

  it('a lock left by a process that no longer runs does not block saves', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const lock = fileLockPath(dir, file);
    mkdirSync(dirname(lock), { recursive: true });
    // pid 2^22 + 1 is above Linux's pid_max: never a running process.
    writeFileSync(lock, JSON.stringify({ owner: 'crashed', host: HOST_TAG, pid: 4_194_305, file: 'x', at: '2026-01-01T00:00:00.000Z' }));
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('mine-1', 0, 5, 'actor')] }));
    expect(JSON.parse(readFileSync(file, 'utf8')).spans[0].id).toBe('mine-1');
  });

  it('keeps the version it replaces in History when that version was written by another program', async () => {
    const ctx = await savedDocument(async () => undefined);
    const theirs = theirVersion(ctx.file, 'external');
    renameWrite(ctx.file, theirs);
    const reread = unwrap(await ctx.service.getDocument({ docId: ctx.docId }));
    unwrap(await ctx.service.saveAnnotations({ docId: ctx.docId, status: 'in_progress', spans: [span('mine-3', 0, 5, 'actor')], baseRevision: reread.revision }));
    expect(historyOf(ctx.dir, ctx.docId)).toContain(theirs);
  });
});
