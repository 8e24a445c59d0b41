import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../shared/api/result';
import type { DocumentView } from '../../../shared/api/views';
import type { OperationInput } from '../../../shared/api/contract';
import type { Span } from '../../../shared/model/schemas';
import { createDocumentStore, unionSpans } from './documentStore';
import { documentView, TEST_PROJECT } from './storeTestKit';

const TEXT = 'Russia has promised to send aid within 72 hours.';
const project = TEST_PROJECT;
const T = '2024-01-01T00:00:00Z';
const sp = (id: string, start: number, end: number, label: string): Span => ({ id, start, end, label, quote: TEXT.slice(start, end), createdAt: T, updatedAt: T });
const R1 = '1'.repeat(64);
const R2 = '2'.repeat(64);

function view(spans: Span[], revision: string | null): DocumentView {
  return documentView(TEXT, { status: 'in_progress', spans, updatedAt: revision ? T : null, revision });
}

/** A fake service with one file on "disk" that a test can change behind the store's back. */
function setup() {
  const disk = { spans: [sp('a', 0, 6, 'actor')], revision: R1 as string | null, n: 2 };
  const saves: OperationInput<'saveAnnotations'>[] = [];
  const restores: string[] = [];
  let nextId = 0;
  const store = createDocumentStore({
    api: {
      getDocument: async () => ok(view(disk.spans, disk.revision)),
      saveAnnotations: async (input) => {
        saves.push(structuredClone(input));
        if (input.baseRevision !== undefined && input.baseRevision !== disk.revision) return fail('conflict', 'changed on disk');
        disk.spans = input.spans.map((s) => ({ ...s, quote: TEXT.slice(s.start, s.end) }));
        disk.revision = String(disk.n++).repeat(64).slice(0, 64);
        return ok({ updatedAt: T, revision: disk.revision, project });
      },
      listVersions: async () => ok({ versions: [{ id: '20240101T000000000Z', savedAt: T, spans: 1, status: 'in_progress' as const }] }),
      restoreVersion: async ({ versionId }) => {
        restores.push(versionId);
        disk.spans = [sp('b', 7, 10, 'number')];
        disk.revision = R2;
        return ok({ updatedAt: T, revision: R2, project });
      },
    },
    onProjectUpdated: () => undefined,
    newId: () => `new${++nextId}`,
    now: () => T,
    autosaveDelayMs: 600,
  });
  /** Someone else writes the file. */
  const external = (spans: Span[]) => {
    disk.spans = spans;
    disk.revision = R2;
  };
  return { store, disk, saves, restores, external };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('changes on disk and conflicts', () => {
  it('reloads silently when the open document has no unsaved edits', async () => {
    const { store, external } = setup();
    await store.open('d1');
    external([sp('b', 7, 10, 'number')]);
    await expect(store.externalChange()).resolves.toBe('reloaded');
    expect(store.get().doc?.history.present.spans.map((s) => s.id)).toEqual(['b']);
    expect(store.get().doc?.revision).toBe(R2);
    expect(store.get().conflict).toBeNull();
  });

  it('does not reload for a change it already shows (reported late, or made before the document was opened)', async () => {
    const { store } = setup();
    await store.open('d1');
    const shown = store.get().doc;
    await expect(store.externalChange()).resolves.toBe('none');
    // The same document object: nothing was rebuilt, a selection in the article survives.
    expect(store.get().doc).toBe(shown);
    expect(store.get().loading).toBe(false);
  });

  it('never overwrites silently: a save on a changed file raises the conflict, edits stay on screen', async () => {
    const { store, external, disk } = setup();
    await store.open('d1');
    store.tagRange({ start: 11, end: 19 }, 'claim', true);
    external([sp('z', 20, 22, 'actor')]);
    await vi.advanceTimersByTimeAsync(600);
    expect(store.get().conflict).not.toBeNull();
    expect(store.get().saveState).toBe('error');
    expect(disk.spans.map((s) => s.id)).toEqual(['z']);
    expect(store.get().doc?.history.present.spans).toHaveLength(2);
    // Edits are refused until the user chooses.
    expect(store.tagRange({ start: 0, end: 6 }, 'claim', true).ok).toBe(false);
  });

  it('asks (conflict) when the file changes while there are unsaved edits; keep both writes the union', async () => {
    const { store, external, disk, saves } = setup();
    await store.open('d1');
    store.tagRange({ start: 11, end: 19 }, 'claim', true);
    external([sp('a', 0, 6, 'actor'), sp('t', 20, 22, 'number')]);
    await expect(store.externalChange()).resolves.toBe('conflict');
    expect((await store.resolveConflict('both')).ok).toBe(true);
    // Mine (a, and the new claim at 11) plus theirs (t); "a" is in both and kept once.
    expect(disk.spans.map((s) => `${s.start}:${s.label}`).sort()).toEqual(['0:actor', '11:claim', '20:number']);
    expect(saves.at(-1)?.baseRevision).toBe(R2);
    expect(store.get().conflict).toBeNull();
    expect(store.get().doc?.history.present.spans).toHaveLength(3);
  });

  it('keep mine saves my spans over theirs; take theirs saves mine first (to history) and restores theirs', async () => {
    const a = setup();
    await a.store.open('d1');
    a.store.tagRange({ start: 11, end: 19 }, 'claim', true);
    a.external([sp('t', 20, 22, 'number')]);
    await a.store.externalChange();
    expect((await a.store.resolveConflict('mine')).ok).toBe(true);
    expect(a.disk.spans.map((s) => s.start)).toEqual([0, 11]);

    const b = setup();
    await b.store.open('d1');
    b.store.tagRange({ start: 11, end: 19 }, 'claim', true);
    b.external([sp('b', 7, 10, 'number')]);
    await b.store.externalChange();
    expect((await b.store.resolveConflict('theirs')).ok).toBe(true);
    expect(b.saves.at(-1)?.spans.map((s) => s.start)).toEqual([0, 11]);
    expect(b.restores).toEqual(['20240101T000000000Z']);
    expect(b.store.get().doc?.history.present.spans.map((s) => s.id)).toEqual(['b']);
  });

  it('a locked window refuses edits with the reason', async () => {
    const { store } = setup();
    await store.open('d1');
    store.setLocked('Open in another window.');
    expect(store.tagRange({ start: 11, end: 19 }, 'claim', true)).toEqual({ ok: false, message: 'Open in another window.' });
  });
});

describe('unionSpans', () => {
  it('drops duplicates by start/end/label and renews clashing ids', () => {
    const mine = [sp('a', 0, 6, 'actor'), sp('b', 7, 10, 'number')];
    const theirs = [sp('x', 0, 6, 'actor'), sp('b', 11, 19, 'claim'), sp('c', 0, 6, 'claim')];
    const merged = unionSpans(mine, theirs, () => 'fresh');
    expect(merged.map((s) => `${s.id}:${s.start}-${s.end}:${s.label}`)).toEqual(['a:0-6:actor', 'b:7-10:number', 'fresh:11-19:claim', 'c:0-6:claim']);
  });
});
