import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conlleval, goldAgainstItself } from '../../shared/formats/conlleval.testkit';
import { parseBrat } from '../../shared/formats/importBrat';
import { failure, importText, makeService, projectWithAnnotator, removeTempDirs, span, tempDir, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const TEXT_A = 'Hi 😀! Alice said 42 soldiers died.\nBob denied it.';
const TEXT_B = 'Reuters reported 3 deaths. AFP said 4.';

async function project() {
  const ctx = await projectWithAnnotator({ now: () => new Date(2026, 6, 8, 9, 10, 11), trustedPaths: true });
  const a = await importText(ctx.service, 'a.txt', TEXT_A);
  const b = await importText(ctx.service, 'b.txt', TEXT_B);
  const c = await importText(ctx.service, 'c.txt', 'Not started.');
  const at = (t: string, q: string) => t.indexOf(q);
  const claimA = at(TEXT_A, 'Alice said 42 soldiers died');
  unwrap(
    await ctx.service.saveAnnotations({
      docId: a,
      status: 'done',
      spans: [
        span('c1', claimA, claimA + 'Alice said 42 soldiers died'.length, 'claim'),
        span('a1', claimA, claimA + 5, 'actor'),
        span('n1', at(TEXT_A, '42'), at(TEXT_A, '42') + 2, 'number'),
        span('a2', at(TEXT_A, 'Bob'), at(TEXT_A, 'Bob') + 3, 'actor'),
      ],
    }),
  );
  unwrap(await ctx.service.saveAnnotations({ docId: b, status: 'done', spans: [span('r', 0, 7, 'actor'), span('n', 17, 18, 'number')] }));
  return { ...ctx, ids: { a, b, c } };
}

describe('exporting every format to disk', () => {
  it('writes CoNLL that a conlleval-compatible scorer reads at 100%, reports drops per policy, and a card', async () => {
    const { service } = await project();
    const out = tempDir();
    const r = unwrap(await service.exportProject({ format: 'conll', scope: 'done', outPath: join(out, 'gold.conll') }));
    expect(r).toMatchObject({ format: 'conll', documents: 2, unit: 'none', path: join(out, 'gold.conll'), cardPath: join(out, 'gold.conll.README.md') });
    expect(r.dropped).toEqual([
      { policy: 'longest-wins', chosen: true, total: 2, byLabel: { actor: 1, number: 1 } },
      { policy: 'per-label-columns', chosen: false, total: 0, byLabel: {} },
    ]);
    expect(r.spans).toBe(4);
    const gold = readFileSync(r.path, 'utf8');
    expect(gold.startsWith('-DOCSTART- O\n\nHi O\n')).toBe(true);
    const score = conlleval(goldAgainstItself(gold, 1));
    expect(score.correctChunks).toBe(4);
    for (const t of Object.values(score.perType)) expect(t.f1).toBe(100);
    const card = readFileSync(r.cardPath, 'utf8');
    expect(card).toContain('| offset unit | no character offsets');
    expect(card).toContain('| `longest-wins` | yes | 2 |');
    expect(readdirSync(out).sort()).toEqual(['gold.conll', 'gold.conll.README.md']);
  });

  it('writes brat folders that the brat importer reads back to the same spans', async () => {
    const { service, dir, ids } = await project();
    const r = unwrap(await service.exportProject({ format: 'brat', scope: 'done' }));
    expect(r.path).toBe(join(dir, 'exports', 'test-project-20260708-091011-brat'));
    expect(readdirSync(r.path).sort()).toEqual(['README.md', 'a.ann', 'a.txt', 'annotation.conf', 'b.ann', 'b.txt', 'visual.conf']);
    const parsed = parseBrat('a.txt', readFileSync(join(r.path, 'a.txt')), 'a.ann', readFileSync(join(r.path, 'a.ann')));
    expect(parsed.ok).toBe(true);
    const doc = unwrap(await service.getDocument({ docId: ids.a }));
    if (parsed.ok) {
      expect(parsed.documents[0]!.spans.map((s) => [s.start, s.end, s.label]).sort()).toEqual(doc.spans.map((s) => [s.start, s.end, s.label]).sort());
    }
    expect(readFileSync(join(r.path, 'README.md'), 'utf8')).toContain('Unicode code points');
  });

  it('splits whole documents reproducibly into train/dev/test files listed in the card', async () => {
    const { service } = await project();
    const out = tempDir();
    const split = { train: 1, dev: 0, test: 1, seed: 3 };
    const r = unwrap(await service.exportProject({ format: 'doccano', scope: 'all', split, outPath: join(out, 'd.jsonl') }));
    expect(r.files).toEqual([join(out, 'd-train.jsonl'), join(out, 'd-test.jsonl'), join(out, 'd-train.jsonl.README.md'), join(out, 'd-test.jsonl.README.md')]);
    expect(r.splits).toEqual({ train: 2, dev: 0, test: 1 });
    const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const first = [...lines(r.files[0]!), ...lines(r.files[1]!)].map((l) => [l.id, l.meta.split]);
    const again = unwrap(await service.exportProject({ format: 'doccano', scope: 'all', split, outPath: join(out, 'e.jsonl') }));
    expect([...lines(again.files[0]!), ...lines(again.files[1]!)].map((l) => [l.id, l.meta.split])).toEqual(first);
    expect(readFileSync(r.cardPath, 'utf8')).toMatch(/- \*\*train\*\*: `\w`, `\w`/);
  });

  it('writes W3C, Label Studio and CSV files that parse, with progress through startExport / exportStatus', async () => {
    const { service } = await project();
    const out = tempDir();
    for (const [format, name] of [['w3c', 'x.jsonld'], ['labelstudio', 'x.json'], ['csv', 'x.csv']] as const) {
      const { jobId } = unwrap(await service.startExport({ format, scope: 'done', outPath: join(out, name) }));
      let status = unwrap(await service.exportStatus({ jobId }));
      while (!status.finished) {
        await new Promise((r) => setTimeout(r, 10));
        status = unwrap(await service.exportStatus({ jobId }));
      }
      expect(status.error).toBeNull();
      expect(status).toMatchObject({ done: 2, total: 2 });
      const text = readFileSync(join(out, name), 'utf8');
      if (format === 'csv') {
        expect(text.startsWith('\uFEFFdocument,')).toBe(true);
        expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 6);
      } else {
        const parsed = JSON.parse(text);
        expect(format === 'w3c' ? parsed.total : parsed.length).toBe(format === 'w3c' ? 6 : 2);
      }
    }
    expect(failure(await service.exportStatus({ jobId: '0123456789abcdef' })).code).toBe('not-found');
  });

  it('previews the first record without writing, and refuses a unit the format cannot use', async () => {
    const { service, dir } = await project();
    const p = unwrap(await service.previewExport({ format: 'conll', scope: 'done' }));
    expect(p.text).toContain('Alice B-claim');
    expect(p.records).toBe(2);
    expect(unwrap(await service.previewExport({ format: 'brat', scope: 'done' })).text).toMatch(/^a\.ann\nT1\t/);
    expect(existsSync(join(dir, 'exports'))).toBe(false);
    expect(failure(await service.exportProject({ format: 'w3c', unit: 'utf16', scope: 'done' })).message).toMatch(/always code points/);
  });

  it('exports by status and every annotator’s work', async () => {
    const { service, dataDir, dir, ids } = await project();
    const bob = makeService({ dataDir, annotator: 'bob' }).service;
    unwrap(await bob.openProject({ path: dir }));
    unwrap(await bob.saveAnnotations({ docId: ids.c, status: 'in_progress', spans: [span('x', 0, 3, 'claim')] }));
    const out = tempDir();
    const mine = unwrap(await service.exportProject({ format: 'jsonl', scope: ['todo'], outPath: join(out, 'todo.jsonl') }));
    expect(mine.documents).toBe(1);
    const all = unwrap(await service.exportProject({ format: 'jsonl', scope: 'all', annotator: '*', outPath: join(out, 'all.jsonl') }));
    const rows = readFileSync(all.path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.meta.annotator])).toEqual([['a', 'alice'], ['b', 'alice'], ['c', 'bob']]);
    expect(failure(await service.exportProject({ format: 'jsonl', scope: 'in_progress', outPath: join(out, 'none.jsonl') })).message).toMatch(/No documents with status in_progress/);
  });
});
