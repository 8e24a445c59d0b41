import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok, type Result } from '../../../shared/api/result';
import type { DocumentView } from '../../../shared/api/views';
import type { Span } from '../../../shared/model/schemas';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../../../shared/model/labels';
import { createDocumentStore } from './documentStore';
import { HISTORY_DROPPED_MESSAGE, KEPT_HISTORIES, createKeptHistories } from './keptHistories';
import { documentView, TEST_PROJECT } from './storeTestKit';

const TEXT = 'Russia has promised to send aid within 72 hours.';

/**
 * A fake service that keeps each document's annotation file like the real one: a save replaces
 * the spans and gives a new revision; `editOnDisk` is another program changing the file. Every
 * getDocument waits for `release()` when `hold` is on, so a test can act while a load is under way.
 */
function fakeDisk(ids: readonly string[]) {
  const files = new Map<string, { spans: Span[]; revision: string | null }>(ids.map((id) => [id, { spans: [], revision: null }]));
  let revisions = 0;
  const waiting: (() => void)[] = [];
  const state = { hold: false, getDocumentCalls: 0 };
  const view = (docId: string): DocumentView => {
    const f = files.get(docId)!;
    return documentView(TEXT, { meta: { ...documentView(TEXT).meta, id: docId }, spans: f.spans, revision: f.revision });
  };
  const store = createDocumentStore({
    api: {
      getDocument: async ({ docId }) => {
        state.getDocumentCalls++;
        if (state.hold) await new Promise<void>((r) => waiting.push(r));
        return files.has(docId) ? ok(view(docId)) : fail('not-found', `No document ${docId}.`);
      },
      saveAnnotations: async ({ docId, spans, baseRevision }) => {
        const f = files.get(docId)!;
        if (baseRevision !== undefined && baseRevision !== f.revision) return fail('conflict', 'changed on disk');
        const revision = `r${++revisions}`;
        files.set(docId, { spans: spans.map((s) => ({ ...s, quote: TEXT.slice(s.start, s.end) })), revision });
        return ok({ updatedAt: '2024-01-02T00:00:00Z', revision, project: TEST_PROJECT }) as Result<never>;
      },
      listVersions: async () => ok({ versions: [] }),
      restoreVersion: async () => fail('not-found', 'No versions in this test.'),
    },
    onProjectUpdated: () => undefined,
    schema: () => ({ labels: DEFAULT_LABELS, relationTypes: DEFAULT_RELATION_TYPES }),
    newId: (() => {
      let n = 0;
      return () => `s${++n}`;
    })(),
    now: () => '2024-01-02T00:00:00Z',
    autosaveDelayMs: 600,
  });
  return {
    store,
    state,
    release: () => waiting.splice(0).forEach((r) => r()),
    quotesOnDisk: (docId: string) => files.get(docId)!.spans.map((s) => s.quote),
    editOnDisk(docId: string, spans: Span[]) {
      files.set(docId, { spans, revision: `r${++revisions}` });
    },
  };
}

const quotes = (store: ReturnType<typeof fakeDisk>['store']) => store.get().doc?.history.present.spans.map((s) => s.quote) ?? [];
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('a load overtaken by another is not an error (issue 14, item 12)', () => {
  it('asking for the document that is opening joins its load: one read, no error', async () => {
    const disk = fakeDisk(['d1', 'd2']);
    disk.state.hold = true;
    const first = disk.store.open('d1');
    await tick();
    // The annotator clicks the same document while the app is still opening it.
    const click = disk.store.open('d1');
    await tick();
    disk.release();
    expect(await first).toEqual({ ok: true });
    expect(await click).toEqual({ ok: true });
    expect(disk.state.getDocumentCalls).toBe(1);
    expect(disk.store.get().doc?.docId).toBe('d1');
  });

  it('a load overtaken by another document answers superseded (silent), and the later choice opens', async () => {
    const disk = fakeDisk(['d1', 'd2']);
    disk.state.hold = true;
    const first = disk.store.open('d1');
    await tick();
    const second = disk.store.open('d2');
    await tick();
    disk.release();
    expect(await first).toMatchObject({ ok: false, superseded: true });
    expect(await second).toEqual({ ok: true });
    expect(disk.store.get().doc?.docId).toBe('d2');
    expect(disk.store.get().loadError).toBeNull();
  });

  it('a document that cannot be read still reports its error', async () => {
    const disk = fakeDisk(['d1']);
    const result = await disk.store.open('missing');
    expect(result).toEqual({ ok: false, message: 'No document missing.' });
    expect(disk.store.get().loadError).toBe('No document missing.');
  });
});

describe('undo history per document for the session (issue 14, item 14)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('leaving a document and coming back, Ctrl+Z undoes the last edit made before leaving, and redo redoes it', async () => {
    const disk = fakeDisk(['d1', 'd2']);
    await disk.store.open('d1');
    expect(disk.store.tagRange({ start: 0, end: 6 }, 'actor', true)).toEqual({ ok: true });
    const hours = TEXT.indexOf('72 hours');
    expect(disk.store.tagRange({ start: hours, end: hours + 8 }, 'number', true)).toEqual({ ok: true });
    await disk.store.open('d2');
    expect(disk.quotesOnDisk('d1')).toEqual(['Russia', '72 hours']);
    expect(disk.store.tagRange({ start: 0, end: 6 }, 'claim', true)).toEqual({ ok: true });

    expect(await disk.store.open('d1')).toEqual({ ok: true });
    expect(quotes(disk.store)).toEqual(['Russia', '72 hours']);
    expect(disk.store.undo()).toBe(true);
    expect(quotes(disk.store)).toEqual(['Russia']);
    await vi.advanceTimersByTimeAsync(600);
    expect(disk.quotesOnDisk('d1')).toEqual(['Russia']);
    expect(disk.store.undo()).toBe(true);
    expect(disk.store.undo()).toBe(false);
    expect(disk.store.redo()).toBe(true);
    expect(quotes(disk.store)).toEqual(['Russia']);

    // Each document has its own: d2's edit is undone on d2, not on d1.
    expect((await disk.store.open('d2')).ok).toBe(true);
    expect(disk.store.undo()).toBe(true);
    expect(quotes(disk.store)).toEqual([]);
    expect(disk.store.undo()).toBe(false);
  });

  it('a document changed on disk while away comes back without its history, and says so', async () => {
    const disk = fakeDisk(['d1', 'd2']);
    await disk.store.open('d1');
    disk.store.tagRange({ start: 0, end: 6 }, 'actor', true);
    await disk.store.open('d2');
    // A sync brings a teammate's version of d1 meanwhile.
    disk.editOnDisk('d1', [{ id: 'x', start: 40, end: 48, label: 'number', quote: '72 hours', createdAt: 'T', updatedAt: 'T' }]);
    expect(await disk.store.open('d1')).toEqual({ ok: true, notice: HISTORY_DROPPED_MESSAGE });
    expect(quotes(disk.store)).toEqual(['72 hours']);
    // Undo would put "Russia" back over the incoming version: there is nothing to undo.
    expect(disk.store.undo()).toBe(false);
    expect(disk.quotesOnDisk('d1')).toEqual(['72 hours']);
  });

  it('opening another project (close) forgets the histories', async () => {
    const disk = fakeDisk(['d1', 'd2']);
    await disk.store.open('d1');
    disk.store.tagRange({ start: 0, end: 6 }, 'actor', true);
    await disk.store.close();
    expect(await disk.store.open('d1')).toEqual({ ok: true });
    expect(disk.store.undo()).toBe(false);
  });
});

describe('createKeptHistories', () => {
  const history = (n: number) => ({ past: [{ spans: [], relations: [] }], present: { spans: [], relations: [] }, future: [], n });
  const disk = { revision: 'r1', text: 't', textChanged: false };

  it('keeps at most KEPT_HISTORIES documents, forgetting the one left longest ago', () => {
    const kept = createKeptHistories(3);
    for (const id of ['a', 'b', 'c', 'd']) kept.keep(id, { history: history(1), revision: 'r1', text: 't' });
    expect(kept.take('a', disk)).toEqual({ history: null, dropped: false });
    expect(kept.take('d', disk).history).not.toBeNull();
    expect(KEPT_HISTORIES).toBeGreaterThanOrEqual(50);
  });

  it('keeps nothing for a document without undo or redo, and gives a history back once', () => {
    const kept = createKeptHistories();
    kept.keep('a', { history: { past: [], present: { spans: [], relations: [] }, future: [] }, revision: 'r1', text: 't' });
    expect(kept.take('a', disk)).toEqual({ history: null, dropped: false });
    kept.keep('b', { history: history(1), revision: 'r1', text: 't' });
    expect(kept.take('b', disk).history).not.toBeNull();
    expect(kept.take('b', disk).history).toBeNull();
  });

  it('drops a history when the revision, the text or the text-changed state differ', () => {
    const kept = createKeptHistories();
    for (const changed of [{ revision: 'r2' }, { text: 'other' }, { textChanged: true }]) {
      kept.keep('a', { history: history(1), revision: 'r1', text: 't' });
      expect(kept.take('a', { ...disk, ...changed })).toEqual({ history: null, dropped: true });
    }
  });
});
