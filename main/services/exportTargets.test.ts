import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readManifest } from '../../shared/formats/cardManifest';
import { projectOwned } from './exportTargets';
import { learningSettled } from './learningService';
import { failure, hashTree, importText, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

async function project() {
  const ctx = await projectWithAnnotator({ now: () => new Date(2026, 6, 8, 9, 10, 11), trustedPaths: true });
  const docId = await importText(ctx.service, 'a.txt', 'Alice met Bob in Aleppo.');
  unwrap(await ctx.service.saveAnnotations({ docId, status: 'done', spans: [span('s1', 0, 5, 'actor'), span('s2', 10, 13, 'actor')] }));
  // The save also teaches the suggesters (.factmark/learning/, written after it answers): wait, so the project's files stay still.
  await learningSettled(ctx.dir, 'alice');
  return { ...ctx, docId };
}

describe('an export never writes a file the project owns (issue 13, item 3)', () => {
  it.each([
    ['project.json'],
    ['entities.json'],
    ['claims.json'],
    ['documents/a.txt'],
    ['documents/new.jsonl'],
    ['annotations/alice/a.json'],
    ['.factmark/summary.json'],
    ['.git/config'],
    ['Project.JSON'],
  ])('refuses --out PROJECT/%s through exportProject, startExport and previewExport, and changes nothing', async (rel) => {
    const { service, dir } = await project();
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git', 'config'), '[core]\n');
    const before = hashTree(dir);
    const outPath = join(dir, rel);
    const expected = expect.stringMatching(/^Cannot export to .*: it is inside the project's own files \(.*\)\. Export to the project's exports\/ folder, or anywhere else; nothing was written\.$/);
    for (const format of ['jsonl', 'csv', 'conll'] as const) {
      expect(failure(await service.exportProject({ format, scope: 'done', outPath }))).toMatchObject({ code: 'invalid-input', message: expected });
      expect(failure(await service.previewExport({ format, scope: 'done', outPath }))).toMatchObject({ code: 'invalid-input', message: expected });
      const { jobId } = unwrap(await service.startExport({ format, scope: 'done', outPath }));
      let status = unwrap(await service.exportStatus({ jobId }));
      while (!status.finished) {
        await new Promise((r) => setTimeout(r, 20));
        status = unwrap(await service.exportStatus({ jobId }));
      }
      expect(status.error).toMatchObject({ code: 'invalid-input', message: expected });
    }
    expect(hashTree(dir)).toEqual(before);
  });

  it('refuses a link that leads into the project’s files, and brat folders inside them', async () => {
    const { service, dir } = await project();
    const out = tempDir();
    symlinkSync(join(dir, 'project.json'), join(out, 'linked.jsonl'));
    const before = hashTree(dir);
    expect(failure(await service.exportProject({ format: 'jsonl', scope: 'done', outPath: join(out, 'linked.jsonl') })).message).toMatch(/inside the project's own files \(project\.json/);
    expect(failure(await service.exportProject({ format: 'brat', scope: 'done', outPath: join(dir, 'annotations') })).message).toMatch(/inside the project's own files \(annotations\//);
    expect(hashTree(dir)).toEqual(before);
    expect(await projectOwned(dir, join(dir, 'exports', 'x.jsonl'))).toBeNull();
    expect(await projectOwned(dir, join(dir, 'notes.csv'))).toBeNull();
  });
});

describe('an export writes only new files or its own earlier ones (issue 13 item 3, issue 14 item 10)', () => {
  it('writes one card per data file, so exports of three formats into one folder keep three cards', async () => {
    const { service } = await project();
    const out = tempDir();
    for (const [format, name] of [['jsonl', 'all.jsonl'], ['conll', 'all.conll'], ['csv', 'all.csv']] as const) {
      unwrap(await service.exportProject({ format, scope: 'done', outPath: join(out, name) }));
    }
    for (const [name, title] of [['all.jsonl', 'JSONL spans'], ['all.conll', 'CoNLL'], ['all.csv', 'CSV review sheet']]) {
      const card = readFileSync(join(out, `${name}.README.md`), 'utf8');
      expect(card).toContain(title);
      expect(card).toContain(`This card describes \`${name}\`.`);
      expect(Object.keys(readManifest(card)?.files ?? {})).toContain(name);
    }
  });

  it('replaces its own earlier export, but not a file someone else wrote or edited since', async () => {
    const { service, dir, docId } = await project();
    const out = tempDir();
    const target = join(out, 'all.jsonl');
    const first = unwrap(await service.exportProject({ format: 'jsonl', scope: 'done', outPath: target }));
    expect(first.files).toEqual([target, `${target}.meta.json`, `${target}.README.md`]);
    // Re-exporting to the same name replaces its own files.
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s1', 0, 5, 'actor')] }));
    unwrap(await service.exportProject({ format: 'jsonl', scope: 'done', outPath: target }));
    expect(readFileSync(target, 'utf8')).toContain('"spans":[{"start":0,"end":5,"label":"actor","text":"Alice"}]');
    // Edited since: refused, the edit is kept.
    writeFileSync(target, `${readFileSync(target, 'utf8')}{"my":"edit"}\n`);
    expect(failure(await service.exportProject({ format: 'jsonl', scope: 'done', outPath: target }))).toMatchObject({
      code: 'invalid-input',
      file: target,
      message: expect.stringMatching(/it was changed since Factmark exported it/),
    });
    expect(readFileSync(target, 'utf8')).toContain('{"my":"edit"}');
    // Someone else's file (no card records it), or a file where a card should be: refused.
    const theirs = join(out, 'theirs.jsonl');
    writeFileSync(theirs, 'precious\n');
    expect(failure(await service.exportProject({ format: 'jsonl', scope: 'done', outPath: theirs })).message).toMatch(/no Factmark dataset card beside it \(theirs\.jsonl\.README\.md\) records it/);
    expect(readFileSync(theirs, 'utf8')).toBe('precious\n');
    writeFileSync(join(out, 'notes.csv.README.md'), 'my notes\n');
    expect(failure(await service.exportProject({ format: 'csv', scope: 'done', outPath: join(out, 'notes.csv') })).message).toMatch(/is not a dataset card written by Factmark/);
    expect(existsSync(join(out, 'notes.csv'))).toBe(false);
    expect(readFileSync(join(out, 'notes.csv.README.md'), 'utf8')).toBe('my notes\n');
    // A card of another export is not a data file this export may replace.
    expect(failure(await service.exportProject({ format: 'csv', scope: 'done', outPath: `${target}.README.md` })).message).toMatch(/records it as an export/);
    expect(existsSync(join(dir, 'exports'))).toBe(false);
  });

  it('never replaces a symbolic link or a folder, and never lands a default name on an earlier export', async () => {
    const { service, dir } = await project();
    const out = tempDir();
    writeFileSync(join(out, 'elsewhere.txt'), 'x');
    symlinkSync(join(out, 'elsewhere.txt'), join(out, 'link.jsonl'));
    expect(failure(await service.exportProject({ format: 'jsonl', scope: 'done', outPath: join(out, 'link.jsonl') })).message).toMatch(/symbolic link/);
    const split = { train: 1, dev: 1, test: 0, seed: 1 };
    const a = unwrap(await service.exportProject({ format: 'jsonl', scope: 'done', split }));
    const b = unwrap(await service.exportProject({ format: 'jsonl', scope: 'done', split }));
    expect(a.files.filter((f) => b.files.includes(f))).toEqual([]);
    expect(b.path).toBe(join(dir, 'exports', 'test-project-20260708-091011-2-train.jsonl'));
  });
});
