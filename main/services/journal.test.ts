import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { beginTransaction, JournalBusyError, journalRoot, recoverJournals } from './journal';
import { confineToProject } from './projectFiles';
import { removeTempDirs, tempDir } from './serviceTestKit';

afterEach(removeTempDirs);

const NOW = new Date('2026-01-02T03:04:05.000Z');

function project() {
  const dir = tempDir();
  mkdirSync(join(dir, 'annotations', 'alice'), { recursive: true });
  mkdirSync(join(dir, 'documents'));
  writeFileSync(join(dir, 'project.json'), 'old project\n');
  writeFileSync(join(dir, 'annotations', 'alice', 'doc.json'), 'old annotations\n');
  return dir;
}

/** A journal as a crash left it: its plan, and the commit marker when `committed`. */
function leftJournal(dir: string, ops: object[], committed: boolean) {
  const journal = join(journalRoot(dir), '20260101T000000000Z-00000000-1-00000000');
  mkdirSync(journal, { recursive: true });
  const text = Buffer.concat(
    (ops as { f: string; c: string; p: string | null }[]).map((o) => Buffer.from(`${JSON.stringify({ f: o.f, n: Buffer.byteLength(o.c), p: o.p })}\n${o.c}`)),
  );
  writeFileSync(join(journal, 'ops'), text);
  if (committed) writeFileSync(join(journal, 'committed'), JSON.stringify({ ops: ops.length, bytes: text.length }));
  return journal;
}

describe('journaled multi-file changes', () => {
  it('writes every planned file and leaves no journal behind', async () => {
    const dir = project();
    const tx = await beginTransaction(dir);
    tx.write(join(dir, 'project.json'), 'new project\n', 'old project\n');
    tx.write(join(dir, 'documents', 'a.txt'), 'text\n', null);
    tx.write(join(dir, 'annotations', 'bob', 'a.json'), 'bob\n', null);
    await tx.commit();
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe('new project\n');
    expect(readFileSync(join(dir, 'annotations', 'bob', 'a.json'), 'utf8')).toBe('bob\n');
    expect(readdirSync(journalRoot(dir))).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('an aborted transaction changes nothing', async () => {
    const dir = project();
    const tx = await beginTransaction(dir);
    tx.write(join(dir, 'project.json'), 'new project\n', 'old project\n');
    await tx.abort();
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe('old project\n');
    expect(readdirSync(journalRoot(dir))).toEqual([]);
  });

  it('one transaction at a time: a second one waits, then gives up with a sentence', async () => {
    const dir = project();
    const first = await beginTransaction(dir);
    await expect(beginTransaction(dir, 50)).rejects.toBeInstanceOf(JournalBusyError);
    await first.abort();
    const second = await beginTransaction(dir, 50);
    await second.abort();
  });

  it('recovery rolls a committed journal forward, keeping in History an annotation version changed since the plan', async () => {
    const dir = project();
    const p = (s: string) => createHash('sha256').update(s).digest('hex');
    // Someone edited the annotation file after the plan was made (its bytes are neither the old nor the new ones).
    writeFileSync(join(dir, 'annotations', 'alice', 'doc.json'), 'edited meanwhile\n');
    leftJournal(
      dir,
      [
        { f: 'annotations/alice/doc.json', c: 'migrated\n', p: p('old annotations\n') },
        { f: 'project.json', c: 'new project\n', p: p('old project\n') },
      ],
      true,
    );
    const report = await recoverJournals(dir, NOW);
    expect(report).toEqual({ rolledForward: 1, rolledBack: 0, failed: [] });
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe('new project\n');
    expect(readFileSync(join(dir, 'annotations', 'alice', 'doc.json'), 'utf8')).toBe('migrated\n');
    const history = join(dir, '.factmark', 'history', 'alice', 'doc');
    expect(readdirSync(history).map((n) => readFileSync(join(history, n), 'utf8'))).toEqual(['edited meanwhile\n']);
  });

  it('recovery removes a journal that was never committed, writing nothing', async () => {
    const dir = project();
    const journal = leftJournal(dir, [{ f: 'project.json', c: 'new project\n', p: null }], false);
    expect(await recoverJournals(dir, NOW)).toEqual({ rolledForward: 0, rolledBack: 1, failed: [] });
    expect(existsSync(journal)).toBe(false);
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe('old project\n');
  });

  it('a journal is untrusted input: one that names a file outside the project files is refused and reported', async () => {
    const dir = project();
    const outside = join(dir, '..', `escaped-${Date.now()}.txt`);
    for (const f of ['../escaped.txt', '/etc/passwd', 'annotations/alice/../../x.json', '.git/hooks/post-commit', 'documents/a.txt/../../project.json']) {
      leftJournal(dir, [{ f, c: 'evil\n', p: null }], true);
      const report = await recoverJournals(dir, NOW);
      expect(report.failed).toHaveLength(1);
      expect(report.failed[0]!.message).toMatch(/not a project file/);
    }
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(join(dir, '.git'))).toBe(false);
    expect(readFileSync(join(dir, 'project.json'), 'utf8')).toBe('old project\n');
  });

  it('writes a thousand new files in plan order, with progress up to the total', async () => {
    const dir = project();
    const tx = await beginTransaction(dir);
    for (let i = 0; i < 500; i++) {
      tx.write(join(dir, 'documents', `d${i}.txt`), `text ${i}\n`, null);
      tx.write(join(dir, 'annotations', 'bob', `d${i}.json`), `ann ${i}\n`, null);
    }
    const progress: number[] = [];
    await tx.commit({ onProgress: (done, total) => progress.push(done / total) });
    expect(readdirSync(join(dir, 'documents'))).toHaveLength(500);
    expect(readFileSync(join(dir, 'annotations', 'bob', 'd499.json'), 'utf8')).toBe('ann 499\n');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
  });

  it('writes nothing through a link out of the project: a linked folder, or a link where a new file goes', async () => {
    const dir = project();
    confineToProject(dir);
    const outside = tempDir();
    writeFileSync(join(outside, 'victim.txt'), 'mine\n');
    symlinkSync(outside, join(dir, 'annotations', 'bob'));
    const first = await beginTransaction(dir);
    first.write(join(dir, 'annotations', 'bob', 'a.json'), 'evil\n', null);
    await expect(first.commit()).rejects.toThrow(/outside the project/);
    expect(readdirSync(outside)).toEqual(['victim.txt']);

    await recoverJournals(dir, NOW);
    symlinkSync(join(outside, 'victim.txt'), join(dir, 'documents', 'a.txt'));
    const second = await beginTransaction(dir);
    second.write(join(dir, 'documents', 'a.txt'), 'evil\n', null);
    await expect(second.commit()).rejects.toThrow(/outside the project/);
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('mine\n');
  });

  it('leaves alone a journal whose transaction is running in a live process', async () => {
    const dir = project();
    const live = await beginTransaction(dir);
    const [name] = readdirSync(journalRoot(dir));
    expect(await recoverJournals(dir, NOW)).toEqual({ rolledForward: 0, rolledBack: 0, failed: [] });
    expect(readdirSync(journalRoot(dir))).toEqual([name]);
    await live.abort();
  });
});
