import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_VERSIONS } from './annotationHistory';
import { failure, importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const TEXT = 'Alice said 40 people came.\nBob denied it.\n';

/** A clock the test moves by hand. */
function clock(start = Date.UTC(2026, 0, 2, 3, 4, 5)) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const historyDir = (dir: string, docId: string) => join(dir, '.factmark', 'history', 'alice', docId);

describe('per-document history', () => {
  it('keeps the replaced file verbatim, at most once a minute unless the status changes, and lists versions newest first', async () => {
    const c = clock();
    const { service, dir } = await projectWithAnnotator({ now: c.now });
    const docId = await importText(service, 'story.txt', TEXT);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')] }));
    // The first save replaced nothing: no history yet.
    expect(existsSync(historyDir(dir, docId))).toBe(false);
    const first = readFileSync(file, 'utf8');
    c.advance(1000);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor'), span('b', 27, 30, 'actor')] }));
    expect(readdirSync(historyDir(dir, docId))).toHaveLength(1);
    expect(readFileSync(join(historyDir(dir, docId), readdirSync(historyDir(dir, docId))[0]!), 'utf8')).toBe(first);
    // Autosave a second later: rate-limited, no new version.
    c.advance(1000);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [] }));
    expect(readdirSync(historyDir(dir, docId))).toHaveLength(1);
    // A status change is always kept.
    c.advance(1000);
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('a', 0, 5, 'actor')] }));
    expect(readdirSync(historyDir(dir, docId))).toHaveLength(2);
    // A minute later any change is kept again.
    c.advance(61_000);
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [] }));
    const { versions } = unwrap(await service.listVersions({ docId }));
    expect(versions.map((v) => [v.spans, v.status])).toEqual([
      [1, 'done'],
      [0, 'in_progress'],
      [1, 'in_progress'],
    ]);
    expect(versions[0]!.id > versions[1]!.id).toBe(true);
    // The local-state folder ignores itself in git.
    expect(readFileSync(join(dir, '.factmark', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it(`prunes to the newest ${MAX_VERSIONS} versions`, async () => {
    const c = clock();
    const { service, dir } = await projectWithAnnotator({ now: c.now });
    const docId = await importText(service, 'story.txt', TEXT);
    for (let i = 0; i < MAX_VERSIONS + 5; i++) {
      c.advance(61_000);
      unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span(`s${i}`, 0, 5 + (i % 2), 'actor')] }));
    }
    const names = readdirSync(historyDir(dir, docId)).sort();
    expect(names).toHaveLength(MAX_VERSIONS);
    const { versions } = unwrap(await service.listVersions({ docId }));
    expect(versions).toHaveLength(MAX_VERSIONS);
    // The oldest kept is the file saved 5th (saves 1..4 were pruned; the last save is the current file).
    const oldest = JSON.parse(readFileSync(join(historyDir(dir, docId), names[0]!), 'utf8'));
    expect(oldest.spans[0].id).toBe('s4');
  });

  it('restores a version as a new save, keeping the current state so the restore can be undone', async () => {
    const c = clock();
    const { service, dir } = await projectWithAnnotator({ now: c.now });
    const docId = await importText(service, 'story.txt', TEXT);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')] }));
    c.advance(86_400_000); // the next day
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('b', 27, 30, 'actor'), span('n', 11, 13, 'number')] }));
    const [yesterday] = unwrap(await service.listVersions({ docId })).versions;
    expect(yesterday).toMatchObject({ spans: 1, status: 'in_progress' });
    c.advance(5000);
    const restored = unwrap(await service.restoreVersion({ docId, versionId: yesterday!.id }));
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk.spans.map((s: { id: string }) => s.id)).toEqual(['a']);
    expect(onDisk.status).toBe('in_progress');
    expect(onDisk.updatedAt).toBe(restored.updatedAt);
    // The replaced state (today's) is now in history even though the last version is recent.
    const after = unwrap(await service.listVersions({ docId })).versions;
    expect(after[0]).toMatchObject({ spans: 2, status: 'done' });
    unwrap(await service.restoreVersion({ docId, versionId: after[0]!.id }));
    expect(JSON.parse(readFileSync(file, 'utf8')).spans).toHaveLength(2);
    expect(failure(await service.restoreVersion({ docId, versionId: '20000101T000000000Z' })).code).toBe('not-found');
  });

  it('refuses to restore a version made against another text', async () => {
    const c = clock();
    const { service, dir } = await projectWithAnnotator({ now: c.now });
    const docId = await importText(service, 'story.txt', TEXT);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')] }));
    c.advance(1000);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [] }));
    const [version] = unwrap(await service.listVersions({ docId })).versions;
    const vfile = join(historyDir(dir, docId), `${version!.id}.json`);
    const json = JSON.parse(readFileSync(vfile, 'utf8'));
    writeFileSync(vfile, JSON.stringify({ ...json, textSha256: 'f'.repeat(64) }));
    expect(failure(await service.restoreVersion({ docId, versionId: version!.id })).code).toBe('text-changed');
  });
});

describe('conflict-safe saves', () => {
  it('refuses a save whose base revision is no longer the file on disk, and writes nothing', async () => {
    const c = clock();
    const { service, dir } = await projectWithAnnotator({ now: c.now });
    const docId = await importText(service, 'story.txt', TEXT);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const opened = unwrap(await service.getDocument({ docId }));
    expect(opened.revision).toBeNull();
    const saved = unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')], baseRevision: null }));
    expect(unwrap(await service.getDocument({ docId })).revision).toBe(saved.revision);
    // Chained saves carry the revision each save answered.
    const second = unwrap(
      await service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor'), span('b', 27, 30, 'actor')], baseRevision: saved.revision }),
    );
    // Someone else writes the file (git pull, a sync).
    const theirs = JSON.parse(readFileSync(file, 'utf8'));
    theirs.spans = theirs.spans.slice(0, 1);
    writeFileSync(file, `${JSON.stringify(theirs, null, 2)}\n`);
    const before = readFileSync(file, 'utf8');
    const refused = failure(await service.saveAnnotations({ docId, status: 'done', spans: [], baseRevision: second.revision }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/changed on disk/);
    expect(readFileSync(file, 'utf8')).toBe(before);
    // A save made on what is there now ("keep mine" after seeing theirs) goes through, theirs kept in history.
    const now = unwrap(await service.getDocument({ docId }));
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [], baseRevision: now.revision }));
    const { versions } = unwrap(await service.listVersions({ docId }));
    expect(versions[0]).toMatchObject({ spans: 1 });
    // A file created by someone else where the UI saw none is a conflict too.
    const other = await importText(service, 'other.txt', `${TEXT}More.\n`);
    const meta = JSON.parse(readFileSync(join(dir, 'documents', `${other}.json`), 'utf8'));
    const copy = { ...JSON.parse(readFileSync(file, 'utf8')), docId: other, textSha256: meta.textSha256 };
    writeFileSync(join(dir, 'annotations', 'alice', `${other}.json`), JSON.stringify(copy));
    expect(failure(await service.saveAnnotations({ docId: other, status: 'done', spans: [], baseRevision: null })).code).toBe('conflict');
  });
});
