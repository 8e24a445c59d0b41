import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectReview } from './reviewService';
import { removeTempDirs, tempDir } from './serviceTestKit';

/** Issue 18, scale: scoring only the candidate pairs gives the clusters scoring every pair gives. */
const FIXTURE = resolve('test-fixtures/review-sample');

function copy(plain: boolean): string {
  const dir = join(tempDir(), 'project');
  cpSync(FIXTURE, dir, { recursive: true });
  if (plain) {
    const folder = join(dir, 'annotations', 'reviewer');
    for (const name of readdirSync(folder)) {
      const file = JSON.parse(readFileSync(join(folder, name), 'utf8'));
      for (const span of file.spans) delete span.attributes;
      delete file.relations;
      writeFileSync(join(folder, name), JSON.stringify(file));
    }
  }
  return dir;
}

afterEach(removeTempDirs);

describe('candidate pairs and all pairs on the review sample', () => {
  it.each([
    ['as tagged', false],
    ['as plain spans', true],
  ])('%s: the same clusters, the same flags', async (_name, plain) => {
    const dir = copy(plain);
    const candidates = await projectReview(dir, 'reviewer');
    const all = await projectReview(dir, 'reviewer', { pairing: 'all' });
    expect(candidates.clusters.map((c) => c.claims.map((m) => m.key))).toEqual(all.clusters.map((c) => c.claims.map((m) => m.key)));
    expect(candidates).toEqual(all);
    expect(candidates.clusters.filter((c) => c.outlets > 1)).toHaveLength(9);
  });
});
