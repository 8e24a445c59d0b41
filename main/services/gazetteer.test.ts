import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedGazetteerFiles, knownActors } from './gazetteer';
import { removeTempDirs, tempDir } from './serviceTestKit';

const T = '2026-11-22T10:00:00.000Z';
const HASH = 'a'.repeat(64);
const OLD = new Date('2026-01-01T00:00:00Z');

function writeAnnotations(dir: string, annotator: string, docId: string, actors: string[], opts: { age?: 'old' | 'new' } = {}) {
  const folder = join(dir, 'annotations', annotator);
  mkdirSync(folder, { recursive: true });
  const spans = actors.map((quote, i) => ({ id: `s${i}`, start: i * 10, end: i * 10 + quote.length, label: 'actor', quote, createdAt: T, updatedAt: T }));
  const file = { schemaVersion: 1, docId, textSha256: HASH, annotator, status: 'in_progress', spans, updatedAt: T };
  const path = join(folder, `${docId}.json`);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  if (opts.age !== 'new') utimesSync(path, OLD, OLD);
  return path;
}

afterEach(removeTempDirs);

describe('knownActors (the project gazetteer)', () => {
  it('gathers every annotator’s actor strings and the entity names and aliases', async () => {
    const dir = tempDir();
    writeAnnotations(dir, 'alice', 'd1', ['Reuters', 'Kremlin']);
    writeAnnotations(dir, 'bob', 'd2', ['Reuters', 'Dmitry Peskov']);
    writeFileSync(
      join(dir, 'entities.json'),
      `${JSON.stringify({ schemaVersion: 1, entities: [{ id: 'e1', name: 'Syrian Civil Defense', aliases: ['White Helmets'] }] }, null, 2)}\n`,
    );
    expect((await knownActors(dir)).sort()).toEqual(['Dmitry Peskov', 'Kremlin', 'Reuters', 'Syrian Civil Defense', 'White Helmets']);
  });

  it('reads an unchanged file once: later calls answer from the cache (same size and time)', async () => {
    const dir = tempDir();
    const path = writeAnnotations(dir, 'alice', 'd1', ['Reuters']);
    expect(await knownActors(dir)).toEqual(['Reuters']);
    expect(cachedGazetteerFiles(dir)).toBe(1);
    // Same length, same modification time, other content: only a cache would still say Reuters.
    writeAnnotations(dir, 'alice', 'd1', ['Reuterz']);
    utimesSync(path, OLD, OLD);
    expect(await knownActors(dir)).toEqual(['Reuters']);
  });

  it('re-reads a file whose size or time changed, and forgets a deleted one', async () => {
    const dir = tempDir();
    writeAnnotations(dir, 'alice', 'd1', ['Reuters']);
    const second = writeAnnotations(dir, 'alice', 'd2', ['Kremlin']);
    expect((await knownActors(dir)).sort()).toEqual(['Kremlin', 'Reuters']);
    writeAnnotations(dir, 'alice', 'd1', ['Reuters', 'Syrian army']);
    expect((await knownActors(dir)).sort()).toEqual(['Kremlin', 'Reuters', 'Syrian army']);
    rmSync(second);
    expect((await knownActors(dir)).sort()).toEqual(['Reuters', 'Syrian army']);
    expect(cachedGazetteerFiles(dir)).toBe(1);
  });

  it('does not trust a file written within the last two seconds (a second write in the same tick)', async () => {
    const dir = tempDir();
    writeAnnotations(dir, 'alice', 'd1', ['Reuters'], { age: 'new' });
    expect(await knownActors(dir)).toEqual(['Reuters']);
    expect(cachedGazetteerFiles(dir)).toBe(0);
    writeAnnotations(dir, 'alice', 'd1', ['Reuterz'], { age: 'new' });
    expect(await knownActors(dir)).toEqual(['Reuterz']);
  });

  it('counts an invalid annotation file as no actors, and reads it again once fixed', async () => {
    const dir = tempDir();
    const path = writeAnnotations(dir, 'alice', 'd1', ['Reuters']);
    writeFileSync(path, '{ not json');
    utimesSync(path, OLD, OLD);
    expect(await knownActors(dir)).toEqual([]);
    writeAnnotations(dir, 'alice', 'd1', ['Reuters']);
    expect(await knownActors(dir)).toEqual(['Reuters']);
  });
});
