import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_VERSION, failure, importText, makeService, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const readLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('exporting JSONL', () => {
  it('refuses to export when nothing is done, with a hint', async () => {
    const { service, dir } = await projectWithAnnotator();
    await importText(service, 'a.txt', 'Some text.');
    expect(failure(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done' }))).toEqual({
      code: 'invalid-input',
      message: "No documents are marked done; choose 'all' to export everything.",
    });
    expect(existsSync(join(dir, 'exports'))).toBe(false);
  });

  it('exports done documents, or all of them, with a sidecar, to a timestamped default path', async () => {
    const { service, dir } = await projectWithAnnotator({ now: () => new Date(2026, 6, 8, 9, 10, 11) });
    const a = await importText(service, 'a.txt', 'Alice met Bob.');
    const b = await importText(service, 'b.txt', 'Nothing here.');
    await importText(service, 'c.txt', 'Not started.');
    unwrap(await service.saveAnnotations({ docId: a, status: 'done', spans: [span('s2', 10, 13, 'actor'), span('s1', 0, 5, 'actor')] }));
    unwrap(await service.saveAnnotations({ docId: b, status: 'in_progress', spans: [span('s3', 0, 7, 'claim')] }));

    const done = unwrap(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done' }));
    expect(done.path).toBe(join(dir, 'exports', 'test-project-20260708-091011.jsonl'));
    expect(done).toMatchObject({ sidecarPath: `${done.path}.meta.json`, documents: 1, spans: 2, unit: 'codepoint' });
    expect(readLines(done.path)).toEqual([
      {
        id: 'a',
        text: 'Alice met Bob.',
        spans: [
          { start: 0, end: 5, label: 'actor', text: 'Alice' },
          { start: 10, end: 13, label: 'actor', text: 'Bob' },
        ],
        meta: { title: 'Alice met Bob.', outlet: null, date: null, status: 'done', annotator: 'alice', source: 'a.txt', offset_unit: 'codepoint' },
      },
    ]);
    const sidecar = JSON.parse(readFileSync(done.sidecarPath, 'utf8'));
    expect(sidecar).toEqual({
      format: 'factmark-jsonl',
      formatVersion: 1,
      offsetUnit: 'codepoint',
      offsetEnd: 'exclusive',
      labels: [
        { id: 'claim', name: 'Claim' },
        { id: 'actor', name: 'Actor' },
        { id: 'number', name: 'Number' },
      ],
      documents: 1,
      spans: 2,
      createdAt: new Date(2026, 6, 8, 9, 10, 11).toISOString(),
      factmarkVersion: TEST_VERSION,
    });
    expect(readFileSync(done.sidecarPath, 'utf8')).toBe(`${JSON.stringify(sidecar, null, 2)}\n`);

    // Same second again: a new file, never over the earlier export.
    const all = unwrap(await service.exportProject({ format: 'jsonl', unit: 'utf16', scope: 'all' }));
    expect(all.path).toBe(join(dir, 'exports', 'test-project-20260708-091011-2.jsonl'));
    expect(all).toMatchObject({ documents: 3, spans: 3, unit: 'utf16' });
    expect(readLines(all.path).map((l) => [l.id, l.meta.status, l.spans.length])).toEqual([
      ['a', 'done', 2],
      ['b', 'in_progress', 1],
      ['c', 'todo', 0],
    ]);
    // One card per data file: two exports in one folder never share one.
    expect(readdirSync(join(dir, 'exports')).sort()).toEqual([
      'test-project-20260708-091011-2.jsonl',
      'test-project-20260708-091011-2.jsonl.README.md',
      'test-project-20260708-091011-2.jsonl.meta.json',
      'test-project-20260708-091011.jsonl',
      'test-project-20260708-091011.jsonl.README.md',
      'test-project-20260708-091011.jsonl.meta.json',
    ]);
  });

  it('converts offsets to code points around an emoji, and keeps UTF-16 on request', async () => {
    // Paths as the CLI gives them (trusted): outside the project.
    const { service } = await projectWithAnnotator({ trustedPaths: true });
    const text = 'Hi 😀 there Bob';
    const docId = await importText(service, 'emoji.txt', text);
    expect(text.slice(12, 15)).toBe('Bob');
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s', 12, 15, 'actor'), span('e', 3, 5, 'claim')] }));
    const out = tempDir();
    const cp = unwrap(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath: join(out, 'cp.jsonl') }));
    expect(cp.path).toBe(join(out, 'cp.jsonl'));
    const [line] = readLines(cp.path);
    expect(line.spans).toEqual([
      { start: 3, end: 4, label: 'claim', text: '😀' },
      { start: 11, end: 14, label: 'actor', text: 'Bob' },
    ]);
    expect(Array.from(line.text as string).slice(11, 14).join('')).toBe('Bob');
    const u16 = unwrap(await service.exportProject({ format: 'jsonl', unit: 'utf16', scope: 'done', outPath: join(out, 'u16.jsonl') }));
    expect(readLines(u16.path)[0].spans[1]).toEqual({ start: 12, end: 15, label: 'actor', text: 'Bob' });
  });

  it('writes into a chosen folder, and refuses a path whose folder does not exist', async () => {
    const { service } = await projectWithAnnotator({ now: () => new Date(2026, 0, 2, 3, 4, 5), trustedPaths: true });
    const docId = await importText(service, 'a.txt', 'Text.');
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [] }));
    const folder = tempDir();
    const report = unwrap(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath: folder }));
    expect(report.path).toBe(join(folder, 'test-project-20260102-030405.jsonl'));
    expect(readdirSync(folder).sort()).toEqual([
      'test-project-20260102-030405.jsonl',
      'test-project-20260102-030405.jsonl.README.md',
      'test-project-20260102-030405.jsonl.meta.json',
    ]);
    const missing = join(folder, 'no', 'such');
    const error = failure(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath: join(missing, 'x.jsonl') }));
    expect(error).toEqual({ code: 'io', message: `The folder ${missing} does not exist.`, file: missing });
  });

  it('refuses to export a document whose text changed after annotation', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'a.txt', 'Alice met Bob.');
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s', 0, 5, 'actor')] }));
    writeFileSync(join(dir, 'documents', `${docId}.txt`), 'Changed text.');
    const error = failure(await service.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'all' }));
    expect(error.code).toBe('text-changed');
    expect(error.message).toMatch(/"a"/);
    expect(existsSync(join(dir, 'exports'))).toBe(false);
  });

  it('exports only the current annotator’s work', async () => {
    const { dataDir, service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'a.txt', 'Alice met Bob.');
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s', 0, 5, 'actor')] }));
    const bob = makeService({ dataDir, annotator: 'bob' }).service;
    unwrap(await bob.openProject({ path: dir }));
    expect(failure(await bob.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'done' })).code).toBe('invalid-input');
    mkdirSync(join(dir, 'out'));
    const all = unwrap(await bob.exportProject({ format: 'jsonl', unit: 'codepoint', scope: 'all', outPath: 'out/bob.jsonl' }));
    expect(all.path).toBe(join(dir, 'out', 'bob.jsonl'));
    expect(readLines(all.path)[0]).toMatchObject({ spans: [], meta: { annotator: 'bob', status: 'todo' } });
  });
});
