import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionAnnotator } from './sessionAnnotator';
import { importText, makeService, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

describe('the annotator of a running window never changes under it (issue 13, item 6)', () => {
  it('a name saved by another service on the same data folder applies to new sessions only', async () => {
    // Window A works as alice; window B (another `serve` on the same data folder) switches to bob.
    const { dataDir, service: a, dir } = await projectWithAnnotator();
    const docId = await importText(a, 'report.txt', 'Russia pledged more aid to Syria.');
    const b = makeService({ dataDir }).service;
    expect(unwrap(await b.getSession({})).annotator).toBe('alice');
    expect(unwrap(await b.setAnnotator({ name: 'bob' })).annotator).toBe('bob');

    // A still works as alice: its session says so, and its saves land in alice's folder.
    expect(unwrap(await a.getSession({})).annotator).toBe('alice');
    unwrap(await a.saveAnnotations({ docId, status: 'in_progress', spans: [span('s1', 0, 6, 'actor')] }));
    expect(JSON.parse(readFileSync(join(dir, 'annotations', 'alice', `${docId}.json`), 'utf8')).annotator).toBe('alice');
    expect(existsSync(join(dir, 'annotations', 'bob', `${docId}.json`))).toBe(false);
    expect(unwrap(await a.getDocument({ docId })).spans.map((s) => s.quote)).toEqual(['Russia']);
    // Both may write: they are different annotators, so neither holds the other's lock.
    expect(unwrap(await a.getProject({})).readOnly).toBe(false);
    expect(unwrap(await b.getProject({})).readOnly).toBe(false);

    // B's choice is saved: a window opened now starts as bob.
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).annotator).toBe('bob');
    expect(unwrap(await makeService({ dataDir }).service.getSession({})).annotator).toBe('bob');
  });

  it('a window without a name yet keeps asking for one, even after another window chose one', async () => {
    const { dataDir, service: a } = makeService();
    expect(unwrap(await a.getSession({})).annotator).toBeNull();
    unwrap(await makeService({ dataDir }).service.setAnnotator({ name: 'carol' }));
    // A's user has not chosen: A does not silently become carol (it would write into her folder).
    expect(unwrap(await a.getSession({})).annotator).toBeNull();
    expect(unwrap(await a.setAnnotator({ name: 'dave' })).annotator).toBe('dave');
  });

  it('the CLI override stays for the run and is never saved', async () => {
    const { dataDir, service } = makeService();
    unwrap(await service.setAnnotator({ name: 'alice' }));
    const cli = makeService({ dataDir, annotator: 'robot' }).service;
    unwrap(await makeService({ dataDir }).service.setAnnotator({ name: 'bob' }));
    expect(unwrap(await cli.getSession({})).annotator).toBe('robot');
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')).annotator).toBe('bob');
  });
});

describe('createSessionAnnotator', () => {
  it('reads the saved name once, however many callers ask at first', async () => {
    let reads = 0;
    const saved = ['alice', 'bob'];
    const session = createSessionAnnotator(async () => saved[reads++] ?? null);
    expect(await Promise.all([session.get(), session.get(), session.get()])).toEqual(['alice', 'alice', 'alice']);
    expect(await session.get()).toBe('alice');
    expect(reads).toBe(1);
    session.set('erin');
    expect(await session.get()).toBe('erin');
    expect(reads).toBe(1);
  });

  it('retries a failed read instead of keeping the failure', async () => {
    let calls = 0;
    const session = createSessionAnnotator(async () => {
      calls++;
      if (calls === 1) throw new Error('EIO');
      return 'alice';
    });
    await expect(session.get()).rejects.toThrow('EIO');
    expect(await session.get()).toBe('alice');
  });

  it('a given name (CLI --annotator) is used without reading', async () => {
    const session = createSessionAnnotator(async () => {
      throw new Error('must not read');
    }, 'robot');
    expect(await session.get()).toBe('robot');
  });
});
