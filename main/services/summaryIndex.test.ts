import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FactmarkHandlers } from '../../shared/api/contract';
import { readProjectFile } from './projectStore';
import { listDocumentSummaries, summaryIndexPath } from './summaryIndex';
import { importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

/** One instant an hour back: every project file is dated so, and the index may trust them (RACY_MS). */
const past = new Date(Date.now() - 3_600_000);
function ageProject(dir: string): void {
  for (const sub of ['documents', join('annotations', 'alice')]) {
    for (const name of readdirSync(join(dir, sub))) utimesSync(join(dir, sub, name), past, past);
  }
}

async function threeDocuments(): Promise<{ service: FactmarkHandlers; dir: string; ids: string[] }> {
  const { service, dir } = await projectWithAnnotator();
  const a = await importText(service, 'a.txt', 'Alice met Bob in Paris.');
  const b = await importText(service, 'b.txt', 'Nothing to see here.');
  const c = await importText(service, 'c.txt', 'Three numbers: 1, 2 and 3.');
  unwrap(await service.saveAnnotations({ docId: a, status: 'done', spans: [span('s1', 0, 5, 'actor'), span('s2', 10, 13, 'actor')] }));
  unwrap(await service.saveAnnotations({ docId: c, status: 'in_progress', spans: [span('s3', 15, 16, 'number')] }));
  ageProject(dir);
  return { service, dir, ids: [a, b, c] };
}

async function list(dir: string) {
  const project = unwrap(await readProjectFile(dir));
  return listDocumentSummaries({ dir, project, annotator: 'alice', now: new Date() });
}

describe('the summary index', () => {
  it('answers an unchanged project from the index, and is really read', async () => {
    const { dir, ids } = await threeDocuments();
    const first = await list(dir);
    expect(first.stats).toEqual({ fromIndex: 0, read: 3, indexWritten: true });
    expect(first.documents.map((d) => [d.id, d.status, d.counts])).toEqual([
      [ids[0], 'done', { actor: 2 }],
      [ids[1], 'todo', {}],
      [ids[2], 'in_progress', { number: 1 }],
    ]);

    const second = await list(dir);
    expect(second.stats).toEqual({ fromIndex: 3, read: 0, indexWritten: false });
    expect(second.documents).toEqual(first.documents);
    expect(second.problems).toEqual(first.problems);

    // What the index says is what the listing shows while the files' stamps still match.
    const file = summaryIndexPath(dir, 'alice');
    const index = JSON.parse(readFileSync(file, 'utf8'));
    index.entries[0].title = 'From the index';
    writeFileSync(file, JSON.stringify(index));
    expect((await list(dir)).documents[0]?.title).toBe('From the index');
  });

  it('re-reads only a document whose file changed, and refreshes its entry', async () => {
    const { service, dir, ids } = await threeDocuments();
    await list(dir);
    unwrap(await service.saveAnnotations({ docId: ids[1] as string, status: 'done', spans: [span('s9', 0, 7, 'claim')] }));
    ageProject(dir);
    const after = await list(dir);
    expect(after.stats).toEqual({ fromIndex: 2, read: 1, indexWritten: true });
    expect(after.documents[1]).toMatchObject({ id: ids[1], status: 'done', counts: { claim: 1 } });
    expect((await list(dir)).stats).toEqual({ fromIndex: 3, read: 0, indexWritten: false });
  });

  it('rebuilds a corrupt or foreign index instead of trusting it', async () => {
    const { dir } = await threeDocuments();
    const good = await list(dir);
    const file = summaryIndexPath(dir, 'alice');
    writeFileSync(file, '{"schemaVersion": 1, "entries": [tru');
    const rebuilt = await list(dir);
    expect(rebuilt.stats).toEqual({ fromIndex: 0, read: 3, indexWritten: true });
    expect(rebuilt.documents).toEqual(good.documents);
    // Valid JSON of the wrong shape, or another annotator's index, is rebuilt too.
    const index = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...index, annotator: 'bob' }));
    expect((await list(dir)).stats.read).toBe(3);
    writeFileSync(file, JSON.stringify({ ...index, entries: [{ id: 'x' }] }));
    expect((await list(dir)).stats.read).toBe(3);
    expect((await list(dir)).stats.read).toBe(0);
  });

  it('shows edits made outside the app: a title, a text, a removed document', async () => {
    const { service, dir, ids } = await threeDocuments();
    const [a, b, c] = ids as [string, string, string];
    await list(dir);
    const metaFile = join(dir, 'documents', `${b}.json`);
    writeFileSync(metaFile, readFileSync(metaFile, 'utf8').replace('"title": "Nothing to see here."', '"title": "Renamed outside"'));
    // The same size and the old mtime would hide a change: a changed text keeps neither here.
    writeFileSync(join(dir, 'documents', `${a}.txt`), 'Alice met Bob in Paris!!');
    const view = unwrap(await service.openProject({ path: dir }));
    expect(view.documents.map((d) => d.title)).toEqual(['Alice met Bob in Paris.', 'Renamed outside', 'Three numbers: 1, 2 and 3.']);
    expect(view.documents[0]?.textChanged).toBe(true);
    expect(view.problems.map((p) => p.kind)).toEqual(['text-changed']);

    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'documents', `${c}.json`));
    rmSync(join(dir, 'documents', `${c}.txt`));
    const again = unwrap(await service.getProject({}));
    expect(again.documents.map((d) => d.id)).toEqual([a, b]);
    // The removed document's entry is gone from the index too.
    expect(JSON.parse(readFileSync(summaryIndexPath(dir, 'alice'), 'utf8')).entries.map((e: { id: string }) => e.id)).not.toContain(c);
  });

  it('does not trust files changed within the last seconds', async () => {
    const { dir, ids } = await threeDocuments();
    await list(dir);
    // Written now, with the size unchanged: a second write in the same clock tick could look identical.
    const metaFile = join(dir, 'documents', `${ids[2]}.json`);
    const before = statSync(metaFile);
    writeFileSync(metaFile, readFileSync(metaFile, 'utf8'));
    const first = await list(dir);
    const second = await list(dir);
    expect(first.stats).toEqual({ fromIndex: 2, read: 1, indexWritten: false });
    expect(second.stats).toEqual({ fromIndex: 2, read: 1, indexWritten: false });
    expect(statSync(metaFile).size).toBe(before.size);
  });
});
