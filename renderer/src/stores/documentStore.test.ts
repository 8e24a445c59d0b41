import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok, type Result } from '../../../shared/api/result';
import type { DocumentView, ProjectView } from '../../../shared/api/views';
import type { OperationInput } from '../../../shared/api/contract';
import type { DocStatus, Span } from '../../../shared/model/schemas';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../../../shared/model/labels';
import { createDocumentStore, READ_ONLY_MESSAGE } from './documentStore';
import { documentView, TEST_PROJECT } from './storeTestKit';

const TEXT = 'Russia has promised to send aid within 72 hours.';
const project = TEST_PROJECT;

const docView = (overrides: Partial<DocumentView> = {}) => documentView(TEXT, overrides);

type SaveInput = OperationInput<'saveAnnotations'>;

function setup(views: Record<string, DocumentView> = { d1: docView(), d2: docView() }) {
  const saves: SaveInput[] = [];
  let saveAnswer: () => Result<{ updatedAt: string; revision: string; project: ProjectView }> = () =>
    ok({ updatedAt: '2024-01-02T00:00:00Z', revision: 'b'.repeat(64), project });
  const projectUpdates: ProjectView[] = [];
  let n = 0;
  const store = createDocumentStore({
    api: {
      getDocument: async ({ docId }) => (views[docId] ? ok(views[docId]) : fail('not-found', `No document ${docId}.`)),
      saveAnnotations: async (input) => {
        saves.push(structuredClone(input));
        return saveAnswer();
      },
      listVersions: async () => ok({ versions: [] }),
      restoreVersion: async () => fail('not-found', 'No versions in this test.'),
    },
    onProjectUpdated: (p) => projectUpdates.push(p),
    schema: () => ({ labels: DEFAULT_LABELS, relationTypes: DEFAULT_RELATION_TYPES }),
    newId: () => `s${++n}`,
    now: () => '2024-01-02T00:00:00Z',
    autosaveDelayMs: 600,
  });
  return { store, saves, projectUpdates, setAnswer: (f: typeof saveAnswer) => (saveAnswer = f) };
}

const spans = (s: { get(): { doc: { history: { present: { spans: Span[] } } } | null } }) => s.get().doc?.history.present.spans ?? [];

describe('documentStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tags a word-snapped selection, selects it, starts the document and autosaves', async () => {
    const { store, saves, projectUpdates } = setup();
    await store.open('d1');
    // "ussia ha" snaps to "Russia has" with words on.
    const r = store.tagRange({ start: 1, end: 9 }, 'actor', true);
    expect(r).toEqual({ ok: true });
    const doc = store.get().doc!;
    expect(spans(store)).toMatchObject([{ start: 0, end: 10, label: 'actor', quote: 'Russia has' }]);
    expect(doc.selectedSpanId).toBe('s1');
    expect(doc.status).toBe<DocStatus>('in_progress');
    expect(store.get().saveState).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(600);
    expect(saves).toEqual([
      {
        docId: 'd1',
        status: 'in_progress',
        spans: [{ id: 's1', start: 0, end: 10, label: 'actor', createdAt: '2024-01-02T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z' }],
        relations: [],
        // The revision the edits were made on (no file yet): the service refuses the save if it changed.
        baseRevision: null,
      },
    ]);
    expect(store.get().saveState).toBe('saved');
    expect(projectUpdates).toHaveLength(1);
  });

  it('adds accepted suggestions with their origin and fitting attributes as one undoable step', async () => {
    const { store, saves } = setup();
    await store.open('d1');
    const at = TEXT.indexOf('72 hours');
    const r = store.addSpans([
      { start: at, end: at + 8, label: 'number', origin: { format: 'suggestion', file: 'numbers' }, attributes: { value: 72, nonsense: 'x' } },
      { start: 0, end: 6, label: 'actor', origin: { format: 'suggestion', file: 'gazetteer' } },
    ]);
    expect(r).toEqual({ ok: true });
    expect(spans(store)).toMatchObject([
      { start: 0, end: 6, label: 'actor', origin: { format: 'suggestion', file: 'gazetteer' } },
      { start: at, end: at + 8, label: 'number', origin: { format: 'suggestion', file: 'numbers' }, attributes: { value: 72 } },
    ]);
    expect(spans(store)[1]?.attributes).not.toHaveProperty('nonsense');
    expect(store.undo()).toBe(true);
    expect(spans(store)).toEqual([]);
    expect(store.redo()).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(saves.at(-1)?.spans.map((s) => s.origin)).toEqual([
      { format: 'suggestion', file: 'gazetteer' },
      { format: 'suggestion', file: 'numbers' },
    ]);
  });

  it('tags the exact range without word snapping', async () => {
    const { store } = setup();
    await store.open('d1');
    store.tagRange({ start: 1, end: 9 }, 'actor', false);
    expect(spans(store)[0]).toMatchObject({ start: 1, end: 9, quote: 'ussia ha' });
  });

  it('refuses a duplicate span and whitespace-only selections with a message', async () => {
    const { store } = setup();
    await store.open('d1');
    store.tagRange({ start: 0, end: 6 }, 'actor', true);
    const dup = store.tagRange({ start: 0, end: 6 }, 'actor', true);
    expect(dup.ok).toBe(false);
    expect(!dup.ok && dup.message).toMatch(/already tagged/);
    const blank = store.tagRange({ start: 6, end: 7 }, 'actor', false);
    expect(blank.ok).toBe(false);
    expect(spans(store)).toHaveLength(1);
  });

  it('relabels and removes the selected span; undo and redo restore them', async () => {
    const { store } = setup();
    await store.open('d1');
    store.tagRange({ start: 0, end: 6 }, 'actor', true);
    expect(store.relabelSelected('claim')).toEqual({ ok: true });
    expect(spans(store)[0]?.label).toBe('claim');
    expect(store.removeSelected()).toEqual({ ok: true });
    expect(spans(store)).toHaveLength(0);
    expect(store.get().doc?.selectedSpanId).toBe(null);
    expect(store.undo()).toBe(true);
    expect(spans(store)[0]?.label).toBe('claim');
    expect(store.undo()).toBe(true);
    expect(spans(store)[0]?.label).toBe('actor');
    expect(store.redo()).toBe(true);
    expect(spans(store)[0]?.label).toBe('claim');
    store.undo();
    store.undo();
    expect(spans(store)).toHaveLength(0);
    expect(store.undo()).toBe(false);
    // Status is not part of undo history.
    expect(store.get().doc?.status).toBe('in_progress');
  });

  it('saves the open document before switching to another', async () => {
    const { store, saves } = setup();
    await store.open('d1');
    store.tagRange({ start: 0, end: 6 }, 'actor', true);
    await store.open('d2');
    expect(saves).toHaveLength(1);
    expect(saves[0]?.docId).toBe('d1');
    expect(store.get().doc?.docId).toBe('d2');
    expect(spans(store)).toHaveLength(0);
  });

  it('stays on the document when its save fails, showing the error', async () => {
    const { store, setAnswer } = setup();
    await store.open('d1');
    setAnswer(() => fail('io', 'The project folder is not writable.'));
    store.tagRange({ start: 0, end: 6 }, 'actor', true);
    const r = await store.open('d2');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/not writable/);
    expect(store.get().doc?.docId).toBe('d1');
    expect(store.get().saveState).toBe('error');
    expect(store.get().saveMessage).toBe('The project folder is not writable.');
    setAnswer(() => ok({ updatedAt: '2024-01-03T00:00:00Z', revision: 'c'.repeat(64), project }));
    await expect(store.flush()).resolves.toBe(true);
    expect(store.get().saveState).toBe('saved');
  });

  it('makes a text-changed document read-only', async () => {
    const existing: Span = { id: 'x', start: 0, end: 6, label: 'actor', quote: 'Russia', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' };
    const { store, saves } = setup({ d1: docView({ textChanged: true, spans: [existing] }) });
    await store.open('d1');
    store.selectSpan('x');
    expect(store.tagRange({ start: 0, end: 6 }, 'claim', true)).toEqual({ ok: false, message: READ_ONLY_MESSAGE });
    expect(store.relabelSelected('claim').ok).toBe(false);
    expect(store.removeSelected().ok).toBe(false);
    expect(store.setStatus('done').ok).toBe(false);
    expect(store.undo()).toBe(false);
    await vi.advanceTimersByTimeAsync(2000);
    expect(saves).toHaveLength(0);
  });

  it('reports a document that cannot be loaded', async () => {
    const { store } = setup();
    const r = await store.open('nope');
    expect(r.ok).toBe(false);
    expect(store.get().loadError).toBe('No document nope.');
    expect(store.get().doc).toBe(null);
  });

  it('status changes are saved', async () => {
    const { store, saves } = setup();
    await store.open('d1');
    store.setStatus('done');
    await store.flush();
    expect(saves.at(-1)?.status).toBe('done');
  });

  describe('relations', () => {
    // "Russia has promised to send aid within 72 hours."
    async function tagged() {
      const t = setup();
      await t.store.open('d1');
      t.store.tagRange({ start: 0, end: 48 }, 'claim', false); // s1
      t.store.tagRange({ start: 0, end: 6 }, 'actor', false); // s2
      t.store.tagRange({ start: 39, end: 41 }, 'number', false); // s3
      return t;
    }
    const relations = (s: { get(): { doc: { history: { present: { relations: unknown[] } } } | null } }) => s.get().doc?.history.present.relations ?? [];

    it('links a claim to an actor, refuses what the relation types do not allow, and saves the relations', async () => {
      const { store, saves } = await tagged();
      expect(store.addRelation({ type: 'attributed_to', from: 's2', to: 's1' })).toMatchObject({ ok: false, message: /cannot join Actor → Claim/ });
      expect(store.addRelation({ type: 'attributed_to', from: 's1', to: 's3' }).ok).toBe(false);
      expect(store.addRelation({ type: 'attributed_to', from: 's1', to: 's2' })).toEqual({ ok: true });
      expect(store.addRelation({ type: 'attributed_to', from: 's1', to: 's2' })).toMatchObject({ ok: false, message: /already linked/ });
      expect(relations(store)).toMatchObject([{ type: 'attributed_to', from: 's1', to: 's2' }]);
      await store.flush();
      expect(saves.at(-1)?.relations).toEqual([
        { id: expect.any(String), type: 'attributed_to', from: 's1', to: 's2', createdAt: '2024-01-02T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z' },
      ]);
    });

    it('undo and redo cover adding and removing relations', async () => {
      const { store } = await tagged();
      store.addRelation({ type: 'attributed_to', from: 's1', to: 's2' });
      expect(store.undo()).toBe(true);
      expect(relations(store)).toEqual([]);
      expect(spans(store)).toHaveLength(3);
      expect(store.redo()).toBe(true);
      expect(relations(store)).toHaveLength(1);
      store.selectRelation('s4');
      expect(store.removeSelected()).toEqual({ ok: true });
      // Delete with a relation selected removes the relation, not the span.
      expect(relations(store)).toEqual([]);
      expect(spans(store)).toHaveLength(3);
      store.undo();
      expect(store.removeRelation('s4')).toEqual({ ok: true });
      expect(relations(store)).toEqual([]);
      store.undo();
      expect(relations(store)).toHaveLength(1);
    });

    it('removing a span removes its relations; undo brings both back', async () => {
      const { store } = await tagged();
      store.addRelation({ type: 'attributed_to', from: 's1', to: 's2' });
      store.selectSpan('s2');
      store.removeSelected();
      expect(spans(store).map((s) => s.id)).toEqual(['s1', 's3']);
      expect(relations(store)).toEqual([]);
      store.undo();
      expect(spans(store)).toHaveLength(3);
      expect(relations(store)).toHaveLength(1);
    });

    it('relabelling a span drops the relations its new label does not fit', async () => {
      const { store } = await tagged();
      store.addRelation({ type: 'attributed_to', from: 's1', to: 's2' });
      store.selectSpan('s2');
      expect(store.relabelSelected('number')).toEqual({ ok: true });
      expect(relations(store)).toEqual([]);
      store.undo();
      expect(relations(store)).toHaveLength(1);
    });

    it('loads the relations of the document', async () => {
      const T = '2024-01-01T00:00:00Z';
      const a: Span = { id: 'a', start: 0, end: 6, label: 'actor', quote: 'Russia', createdAt: T, updatedAt: T };
      const c: Span = { id: 'c', start: 0, end: 48, label: 'claim', quote: TEXT.slice(0, 48), createdAt: T, updatedAt: T };
      const r = { id: 'r', type: 'attributed_to', from: 'c', to: 'a', createdAt: T, updatedAt: T };
      const { store } = setup({ d1: docView({ spans: [c, a], relations: [r] }) });
      await store.open('d1');
      expect(relations(store)).toEqual([r]);
    });
  });
});
