import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver, type SaveOutcome, type SaveState } from './autosaver';

/** A save whose answer the test controls. */
function controllableSave() {
  const pending: ((o: SaveOutcome) => void)[] = [];
  let calls = 0;
  let concurrent = 0;
  let maxConcurrent = 0;
  const save = () => {
    calls += 1;
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    return new Promise<SaveOutcome>((resolve) =>
      pending.push((o) => {
        concurrent -= 1;
        resolve(o);
      }),
    );
  };
  return {
    save,
    answer: (o: SaveOutcome = { ok: true }) => pending.shift()?.(o),
    get calls() {
      return calls;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    get waiting() {
      return pending.length;
    },
  };
}

describe('autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, after the pause, for a burst of changes', async () => {
    const s = controllableSave();
    const states: SaveState[] = [];
    const saver = createAutosaver({ delayMs: 600, save: s.save, onState: (st) => states.push(st) });
    saver.markChanged();
    await vi.advanceTimersByTimeAsync(300);
    saver.markChanged();
    await vi.advanceTimersByTimeAsync(599);
    expect(s.calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.calls).toBe(1);
    expect(states.at(-1)).toBe('saving');
    s.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('saved');
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('never runs two saves at once and saves changes made during a save', async () => {
    const s = controllableSave();
    const saver = createAutosaver({ delayMs: 600, save: s.save, onState: () => undefined });
    saver.markChanged();
    await vi.advanceTimersByTimeAsync(600);
    expect(s.calls).toBe(1);
    saver.markChanged();
    await vi.advanceTimersByTimeAsync(2000);
    expect(s.calls).toBe(1);
    s.answer();
    await vi.advanceTimersByTimeAsync(600);
    expect(s.calls).toBe(2);
    expect(s.maxConcurrent).toBe(1);
    s.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.hasUnsaved()).toBe(false);
  });

  it('keeps the document unsaved with the message after a failure, and retries on flush', async () => {
    const s = controllableSave();
    const seen: [SaveState, string | null][] = [];
    const saver = createAutosaver({ delayMs: 600, save: s.save, onState: (st, m) => seen.push([st, m]) });
    saver.markChanged();
    await vi.advanceTimersByTimeAsync(600);
    s.answer({ ok: false, message: 'The disk is full.' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen.at(-1)).toEqual(['error', 'The disk is full.']);
    expect(s.calls).toBe(1);
    expect(saver.hasUnsaved()).toBe(true);
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.calls).toBe(2);
    s.answer();
    await expect(flushed).resolves.toBe(true);
    expect(seen.at(-1)).toEqual(['saved', null]);
  });

  it('flush waits for the save in flight, then saves what changed meanwhile', async () => {
    const s = controllableSave();
    const saver = createAutosaver({ delayMs: 600, save: s.save, onState: () => undefined });
    saver.markChanged();
    await vi.advanceTimersByTimeAsync(600);
    saver.markChanged();
    let done: boolean | null = null;
    void saver.flush().then((v) => (done = v));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.calls).toBe(1);
    s.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.calls).toBe(2);
    expect(done).toBe(null);
    s.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
    expect(s.maxConcurrent).toBe(1);
  });

  it('flush reports false when the save fails', async () => {
    const s = controllableSave();
    const saver = createAutosaver({ delayMs: 600, save: s.save, onState: () => undefined });
    saver.markChanged();
    const flushed = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    s.answer({ ok: false, message: 'no' });
    await expect(flushed).resolves.toBe(false);
  });

  it('flush with nothing changed resolves at once without saving', async () => {
    const s = controllableSave();
    const saver = createAutosaver({ delayMs: 600, save: s.save, onState: () => undefined });
    await expect(saver.flush()).resolves.toBe(true);
    expect(s.calls).toBe(0);
  });

  it('turns a thrown save into an error state', async () => {
    const states: [SaveState, string | null][] = [];
    const saver = createAutosaver({
      delayMs: 10,
      save: () => Promise.reject(new Error('boom')),
      onState: (st, m) => states.push([st, m]),
    });
    saver.markChanged();
    await vi.advanceTimersByTimeAsync(10);
    expect(states.at(-1)).toEqual(['error', 'boom']);
  });
});
