import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile, stableJson, writeFileAtomic, writeJsonAtomic } from './atomicJson';
import { removeTempDirs, tempDir } from './serviceTestKit';
import { compactUtcStamp, setAsideName } from './setAside';

afterEach(removeTempDirs);

const schema = z.object({ a: z.number(), b: z.string() }).strict();

describe('atomic JSON files', () => {
  it('formats with two spaces and a final newline, keeping insertion order', () => {
    expect(stableJson({ z: 1, a: [1, { y: 2, b: null }] })).toBe('{\n  "z": 1,\n  "a": [\n    1,\n    {\n      "y": 2,\n      "b": null\n    }\n  ]\n}\n');
  });

  it('writes into new folders and leaves no temporary files, even under concurrent writes', async () => {
    const dir = tempDir();
    const file = join(dir, 'deep', 'er', 'x.json');
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeJsonAtomic(file, { a: i, b: 'v' })));
    expect(readdirSync(join(dir, 'deep', 'er'))).toEqual(['x.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 19, b: 'v' });
    await writeFileAtomic(join(dir, 'bytes.bin'), new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(dir, 'bytes.bin'))]).toEqual([1, 2, 3]);
  });

  it('writes a file from its pieces, in order; a piece that fails leaves the old file and no temp', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.txt');
    // More than one write() call's worth (1 Mi characters), with multi-byte characters across the cuts.
    const pieces = Array.from({ length: 3_000 }, (_, i) => `${i}: «Алеппо» 👍🏽 ${'x'.repeat(500)}\n`);
    await writeFileAtomic(file, pieces);
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
    function* failing() {
      yield 'a new start';
      throw new Error('the review could not be built');
    }
    await expect(writeFileAtomic(file, failing())).rejects.toThrow(/could not be built/);
    expect(readFileSync(file, 'utf8')).toBe(pieces.join(''));
    expect(readdirSync(dir)).toEqual(['big.txt']);
  });

  it('reads: missing, not JSON, schema mismatch, valid', async () => {
    const dir = tempDir();
    const file = join(dir, 'f.json');
    expect(await readJsonFile(file, schema)).toEqual({ ok: false, reason: 'missing' });
    writeFileSync(file, '{');
    expect(await readJsonFile(file, schema)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^not valid JSON/) });
    writeFileSync(file, '{"a": "1", "b": "x"}');
    expect(await readJsonFile(file, schema)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^a: /) });
    writeFileSync(file, '{"a": 1, "b": "x"}');
    expect(await readJsonFile(file, schema)).toEqual({ ok: true, value: { a: 1, b: 'x' } });
  });

  it('names an unsupported schemaVersion and the one it reads', async () => {
    const versioned = z.object({ schemaVersion: z.literal(1), a: z.number() }).strict();
    const file = join(tempDir(), 'v.json');
    writeFileSync(file, '{"schemaVersion": 7, "a": 1}');
    expect(await readJsonFile(file, versioned)).toMatchObject({
      ok: false,
      reason: 'invalid',
      message: expect.stringMatching(/^schemaVersion 7 is not supported: this version of Factmark reads schemaVersion 1/),
    });
  });

  it('answers a folder where the file should be as invalid, saying so', async () => {
    expect(await readJsonFile(tempDir(), schema)).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/^it is a folder, not a regular file/) });
  });

  it('throws other I/O errors for the caller to report', async () => {
    await expect(readJsonFile(join(tempDir(), 'x'.repeat(300)), schema)).rejects.toMatchObject({ code: 'ENAMETOOLONG' });
  });
});

describe('set-aside names', () => {
  it('uses a compact UTC stamp and never reuses a name', async () => {
    const now = new Date('2026-11-22T09:30:05.678Z');
    expect(compactUtcStamp(now)).toBe('20261122T093005Z');
    const dir = tempDir();
    const file = join(dir, 'a.json');
    expect(await setAsideName(file, now)).toBe(`${file}.invalid-20261122T093005Z`);
    writeFileSync(`${file}.invalid-20261122T093005Z`, '');
    writeFileSync(`${file}.invalid-20261122T093005Z-2`, '');
    expect(await setAsideName(file, now)).toBe(`${file}.invalid-20261122T093005Z-3`);
  });
});
