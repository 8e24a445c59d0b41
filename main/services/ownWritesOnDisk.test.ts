import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FactmarkService } from './factmarkService';
import type { WatcherTestHooks } from './projectWatcher';
import { importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

/**
 * The file watcher must never take this window's own saves for someone else's change (the UI
 * would show a false "changed on disk" dialog), however late a loaded machine delivers its events.
 */
const services: FactmarkService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.dispose();
  await removeTempDirs();
});

const TEXT = 'Alice said 40 people came.\nBob denied it.\n';

/** A service whose watcher reads can be held, and whose saves can be paused before their rename. */
async function controllable() {
  let hold: { reached: () => void; release: Promise<void> } | null = null;
  let pauseSave: (() => Promise<void>) | null = null;
  const outcomes: boolean[] = [];
  let afterHandled: (() => void) | null = null;
  const handledWaiters: (() => void)[] = [];
  const watcher: WatcherTestHooks = {
    beforeRead: async (file) => {
      if (!file.endsWith('.json') || !file.includes(join('annotations', 'alice')) || !hold) return;
      const { reached, release } = hold;
      hold = null;
      reached();
      await release;
    },
    handled: (file, reported) => {
      if (!file.includes(join('annotations', 'alice'))) return;
      outcomes.push(reported);
      for (const w of handledWaiters.splice(0)) w();
      const after = afterHandled;
      afterHandled = null;
      after?.();
    },
  };
  const made = await projectWithAnnotator({
    testHooks: { watcher, beforeFinalCheck: async () => pauseSave?.() },
  });
  const service = made.service as FactmarkService;
  services.push(service);
  return {
    ...made,
    service,
    outcomes,
    /** The next event on this annotator's files waits in its read until `release` is called. */
    holdNextRead() {
      let release!: () => void;
      let reached!: () => void;
      const reachedP = new Promise<void>((r) => (reached = r));
      hold = { reached, release: new Promise<void>((r) => (release = r)) };
      return { reached: reachedP, release: () => release() };
    },
    /** Run `fn` right when the next event on this annotator's files has been handled. */
    onNextHandled(fn: () => void) {
      afterHandled = fn;
    },
    nextHandled: () => new Promise<void>((r) => handledWaiters.push(r)),
    pauseSaves(fn: (() => Promise<void>) | null) {
      pauseSave = fn;
    },
  };
}

describe('own saves seen late by the file watcher', () => {
  it('does not report a save whose event is read while the next save is being written, and still reports an external edit', async () => {
    const c = await controllable();
    const docId = await importText(c.service, 'story.txt', TEXT);
    unwrap(await c.service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')] }));
    // The first poll starts the watcher and answers once its initial scan is done.
    const cursor = unwrap(await c.service.pollChanges({ since: 0 })).cursor;

    // Save A; its change event is delivered late: read only while save B is on its way to disk.
    const held = c.holdNextRead();
    unwrap(await c.service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor'), span('b', 27, 30, 'actor')] }));
    await held.reached;
    c.pauseSaves(async () => {
      c.pauseSaves(null);
      const handled = c.nextHandled();
      held.release();
      await handled;
    });
    const handledBefore = c.outcomes.length;
    unwrap(await c.service.saveAnnotations({ docId, status: 'done', spans: [span('b', 27, 30, 'actor')] }));
    expect(c.outcomes.length).toBeGreaterThan(handledBefore);
    // Save B's own event, whenever it comes.
    await vi.waitFor(() => expect(c.outcomes.length).toBeGreaterThan(handledBefore + 1), { timeout: 5000, interval: 20 });
    expect(unwrap(await c.service.pollChanges({ since: cursor })).changes).toEqual([]);
    expect(c.outcomes).not.toContain(true);

    // Another program edits the file: reported, for that document.
    const file = join(c.dir, 'annotations', 'alice', `${docId}.json`);
    const theirs = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, `${JSON.stringify({ ...theirs, status: 'in_progress' }, null, 2)}\n`);
    await vi.waitFor(
      async () => expect(unwrap(await c.service.pollChanges({ since: cursor })).changes).toEqual([{ kind: 'annotation', docId }]),
      { timeout: 5000, interval: 50 },
    );
  });

  it('reports another program\'s write that lands right after a save of ours (inside the watcher\'s quiet time)', async () => {
    const c = await controllable();
    const docId = await importText(c.service, 'story.txt', TEXT);
    unwrap(await c.service.saveAnnotations({ docId, status: 'in_progress', spans: [span('a', 0, 5, 'actor')] }));
    const cursor = unwrap(await c.service.pollChanges({ since: 0 })).cursor;
    const file = join(c.dir, 'annotations', 'alice', `${docId}.json`);
    // As soon as the watcher has seen our save, a sync client rewrites the file (chokidar drops
    // change events for 50 ms after one it reported).
    const external = new Promise<void>((resolve) =>
      c.onNextHandled(() => {
        const ours = JSON.parse(readFileSync(file, 'utf8'));
        writeFileSync(file, `${JSON.stringify({ ...ours, status: 'done' }, null, 2)}\n`);
        resolve();
      }),
    );
    unwrap(await c.service.saveAnnotations({ docId, status: 'in_progress', spans: [span('b', 27, 30, 'actor')] }));
    await external;
    await vi.waitFor(
      async () => expect(unwrap(await c.service.pollChanges({ since: cursor })).changes).toEqual([{ kind: 'annotation', docId }]),
      { timeout: 5000, interval: 50 },
    );
    expect(c.outcomes[0]).toBe(false);
  });
});
