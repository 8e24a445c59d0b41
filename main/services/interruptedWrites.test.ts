import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileLockPath } from './fileLock';
import { exportsInFlightDir, tidyProject } from './interruptedWrites';
import { HOST_TAG } from './processOwner';
import { removeTempDirs, tempDir } from './serviceTestKit';

afterEach(removeTempDirs);

/** Above Linux's largest pid (2^22): never a running process. */
const DEAD_PID = 4_194_305;
const owned = (target: string, host: string, pid: number) => `.${target}.fm-${host}-${pid}-0badf00d.tmp`;
const aged = (path: string, ms: number) => {
  const t = new Date(Date.now() - ms);
  utimesSync(path, t, t);
  return path;
};

describe('tidying what a crash left', () => {
  it('removes temp files of processes that are gone, everywhere Factmark writes, and never those of a live one', async () => {
    const dir = tempDir();
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const folders = ['', 'documents', 'annotations/alice', 'annotations/bob', '.factmark/history/alice/doc', '.factmark/index', '.factmark/suggestions/alice', '.factmark/learning/alice', 'exports'];
      for (const f of folders) mkdirSync(join(dir, f), { recursive: true });
      const dead = folders.map((f) => join(dir, f, owned('x.json', HOST_TAG, DEAD_PID)));
      const alive = folders.map((f) => join(dir, f, owned('x.json', HOST_TAG, live.pid!)));
      for (const p of [...dead, ...alive]) writeFileSync(p, 'partial');
      // A write-file-atomic temp (older Factmark): no owner, removed once clearly abandoned.
      const legacyOld = join(dir, 'project.json.123456');
      writeFileSync(legacyOld, 'x');
      aged(legacyOld, 5 * 60_000);
      const legacyNew = join(dir, 'annotations', 'bob', 'doc.json.98765');
      writeFileSync(legacyNew, 'x');
      // Another machine's temp in a shared folder: kept while fresh, removed when long untouched.
      const foreignFresh = join(dir, 'documents', owned('a.txt', 'ffffffff', 1));
      const foreignOld = join(dir, 'documents', owned('b.txt', 'ffffffff', 1));
      writeFileSync(foreignFresh, 'x');
      writeFileSync(foreignOld, 'x');
      aged(foreignOld, 60 * 60_000);
      // A brat export's temp folder, outside the project, recorded while the export ran.
      const outside = tempDir();
      const bratTemp = join(outside, owned('brat-out', HOST_TAG, DEAD_PID));
      mkdirSync(join(bratTemp, 'train'), { recursive: true });
      writeFileSync(join(bratTemp, 'train', 'a.ann'), 'T1\tclaim 0 4\tx\n');
      const olderExportTemp = join(outside, `.out.jsonl.${DEAD_PID}-0badf00d.tmp`);
      writeFileSync(olderExportTemp, '{}');
      mkdirSync(exportsInFlightDir(dir), { recursive: true });
      writeFileSync(join(exportsInFlightDir(dir), `${HOST_TAG}-${DEAD_PID}-00000000.json`), JSON.stringify({ host: HOST_TAG, pid: DEAD_PID, folders: [outside] }));
      // A per-file lock of the dead process.
      const lock = fileLockPath(dir, join(dir, 'annotations', 'alice', 'doc.json'));
      mkdirSync(join(lock, '..'), { recursive: true });
      writeFileSync(lock, JSON.stringify({ owner: 'x', host: HOST_TAG, pid: DEAD_PID, file: 'annotations/alice/doc.json', at: '' }));

      const report = await tidyProject(dir, new Date());
      for (const p of [...dead, legacyOld, foreignOld, bratTemp, olderExportTemp, lock]) expect({ p, exists: existsSync(p) }).toEqual({ p, exists: false });
      for (const p of [...alive, legacyNew, foreignFresh]) expect({ p, exists: existsSync(p) }).toEqual({ p, exists: true });
      expect(readdirSync(exportsInFlightDir(dir))).toEqual([]);
      expect(report.removed).toBe(dead.length + 5);
    } finally {
      live.kill();
    }
  });

  it('removes the temp an annotator lock was being taken with when its process died, and an earlier build\'s lock temp once abandoned', async () => {
    const dir = tempDir();
    const locks = join(dir, '.factmark', 'locks');
    mkdirSync(locks, { recursive: true });
    const dead = join(locks, owned('alice.lock', HOST_TAG, DEAD_PID));
    const earlierOld = join(locks, 'bob.lock.85ec69c1-ea43-4022-88f7-be02474cd363.tmp');
    const earlierFresh = join(locks, 'carol.lock.0b2c4e6f-1a2b-4c3d-8e9f-0123456789ab.tmp');
    for (const p of [dead, earlierFresh]) writeFileSync(p, '{}');
    writeFileSync(earlierOld, '{}');
    aged(earlierOld, 5 * 60_000);
    const lock = join(locks, 'dave.lock');
    writeFileSync(lock, '{}');
    const report = await tidyProject(dir, new Date());
    expect(readdirSync(locks).sort()).toEqual(['carol.lock.0b2c4e6f-1a2b-4c3d-8e9f-0123456789ab.tmp', 'dave.lock']);
    expect(report.removed).toBe(2);
  });
});
