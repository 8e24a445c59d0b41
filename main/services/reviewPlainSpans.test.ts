import { cpSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewCluster, ReviewView } from '../../shared/review/types';
import { makeService, removeTempDirs, tempDir, unwrap } from './serviceTestKit';

/**
 * Issue 18: claim review on spans made in another tool. The hand-tagged review sample, stripped of
 * every attribute and relation here (claims, actors and numbers as plain spans, as an import from
 * another tool brings them), with and without its entity list.
 */
const FIXTURE = resolve('test-fixtures/review-sample');
const BLOG = '000_341b31175584a5d7';
const TALKS = '001_565ccf9d3e3b851f';
const KYIV = '002_ee4df2b2a6fab1ba';

function plainProject(withEntities: boolean): string {
  const dir = join(tempDir(), 'project');
  cpSync(FIXTURE, dir, { recursive: true });
  const folder = join(dir, 'annotations', 'reviewer');
  for (const name of readdirSync(folder)) {
    const file = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    for (const span of file.spans) delete span.attributes;
    delete file.relations;
    writeFileSync(join(folder, name), `${JSON.stringify(file, null, 2)}\n`);
  }
  if (!withEntities) rmSync(join(dir, 'entities.json'));
  return dir;
}

async function reviewOf(dir: string): Promise<ReviewView> {
  const { service } = makeService();
  unwrap(await service.setAnnotator({ name: 'reviewer' }));
  unwrap(await service.openProject({ path: dir }));
  return unwrap(await service.getReview({}));
}

const clusterWith = (review: ReviewView, text: string) => review.clusters.find((c) => c.claims.some((m) => m.text.includes(text)))!;
const numbersOf = (c: ReviewCluster) => c.claims.map((m) => m.numbers.map((n) => `${n.quote} → ${n.normalised} ${n.unit ?? ''} (${n.quantity ?? '?'})`));
const reasons = (c: ReviewCluster, kind: string) => c.flags.filter((f) => f.kind === kind).map((f) => f.reason);

afterEach(removeTempDirs);

describe.each([
  ['with its entity list', true],
  ['without an entity list', false],
])('claim review of the sample as plain spans (no attributes, no relations), %s', (_name, withEntities) => {
  it('reads the casualty figures from the words and flags both conflicts: 6 vs 25 injured, 4 vs at least 25 killed', async () => {
    const dir = plainProject(withEntities);
    const before = readdirSync(join(dir, 'annotations', 'reviewer')).map((n) => readFileSync(join(dir, 'annotations', 'reviewer', n), 'utf8'));
    const review = await reviewOf(dir);

    const casualties = clusterWith(review, 'four civilian fatalities and six injuries');
    expect(casualties.claims.map((c) => c.docId)).toEqual([TALKS, KYIV]);
    expect(numbersOf(casualties)).toEqual([
      ['four → 4 civilians (casualties killed)', 'six → 6 civilians (casualties injured)'],
      ['four → 4 civilians (casualties killed)', '25 → 25 civilians (casualties injured)', 'eight → 8 children (casualties injured)'],
    ]);
    // Every value was read from the words, and is marked so.
    for (const n of casualties.claims.flatMap((c) => c.numbers)) expect(n.derived).toEqual(['value', 'approx', 'unit', 'quantity']);
    expect(reasons(casualties, 'number-conflict')).toContain(
      'Defence Talks says "six" civilians (casualties injured), Syrian rebels take over Aleppo as Russia… says "25" civilians (casualties injured): 6 and 25 do not overlap.',
    );
    // Four killed (the White Helmets, in 002) against the White Helmets' at least 25 killed (004), in another cluster.
    expect(reasons(casualties, 'number-conflict').some((r) => r.includes('"four" civilians (casualties killed)') && r.includes('"at least 25" individuals (casualties killed): 4 and ≥ 25 do not overlap') && r.includes('another cluster'))).toBe(true);
    expect(review.clusters[0]!.flags.some((f) => f.kind === 'number-conflict')).toBe(true);

    // "300+" and "at least 400" insurgents killed: read, clustered, shown side by side; compatible, so no number conflict.
    const insurgents = clusterWith(review, '300+ Insurgents Killed');
    expect(insurgents.claims.map((c) => c.text)).toEqual(['300+ Insurgents Killed', 'their joint airstrikes with Russia have resulted in the deaths of at least 400 militants in the last 24 hours']);
    expect(numbersOf(insurgents)).toEqual([['300+ → > 300 insurgents (casualties killed)'], ['at least 400 → ≥ 400 militants (casualties killed)', '24 hours → 24 hours (duration)']]);
    expect(reasons(insurgents, 'number-conflict')).toEqual([]);

    // The review reads; it never writes the annotator's files.
    expect(readdirSync(join(dir, 'annotations', 'reviewer')).map((n) => readFileSync(join(dir, 'annotations', 'reviewer', n), 'utf8'))).toEqual(before);
  });

  it('takes the pledge’s claimants from the frames and flags what the texts differ in: Reuters, named by two outlets, not by Defence Talks', async () => {
    const review = await reviewOf(plainProject(withEntities));
    const pledge = clusterWith(review, 'Russia has promised to send additional military aid');
    expect(pledge.claims.map((c) => c.docId)).toEqual([BLOG, TALKS, KYIV]);
    // Defence Blog: "The pledge comes amid …, according to two military sources cited by Reuters" (the next sentence, referring back);
    // Defence Talks: "…, according to the military sources"; 002: "…, two sources in the Syrian military told Reuters".
    const claimants = pledge.claims.map((c) => c.claimants.map((x) => `${x.description}${x.derivedFrom === 'frame' ? '' : ` (${x.derivedFrom})`}`).sort());
    expect(claimants).toEqual([['Reuters (next-sentence)', 'two military sources (next-sentence)'], ['military sources'], ['Reuters', 'two sources in the Syrian military']]);
    expect(pledge.claims.flatMap((c) => c.claimants).every((x) => x.derived)).toBe(true);
    // All three name the same anonymous Syrian military sources; what differs is the outlet that reported them.
    expect(pledge.flags.map((f) => f.kind)).toEqual(['attribution-partial']);
    expect(pledge.flags[0]!.reason).toMatch(/^Reuters is named as a source in Defence Blog and Syrian rebels take over Aleppo as Russia… but not in Defence Talks; all of them name .*military sources\.$/);
  });
});

describe('a text that cannot be read', () => {
  it('leaves its claims without derived claimants and says which file, instead of failing the review', async () => {
    const dir = plainProject(true);
    // A text swapped for a link out of the project (projectFiles.ts refuses to read through it).
    const outside = join(tempDir(), 'elsewhere.txt');
    writeFileSync(outside, readFileSync(join(dir, 'documents', `${TALKS}.txt`)));
    rmSync(join(dir, 'documents', `${TALKS}.txt`));
    symlinkSync(outside, join(dir, 'documents', `${TALKS}.txt`));
    const review = await reviewOf(dir);
    const claims = review.clusters.flatMap((c) => c.claims);
    expect(claims.filter((c) => c.docId === TALKS).length).toBeGreaterThan(0);
    expect(claims.filter((c) => c.docId === TALKS).flatMap((c) => c.claimants)).toEqual([]);
    expect(claims.filter((c) => c.docId === BLOG).flatMap((c) => c.claimants).length).toBeGreaterThan(0);
    expect(review.problems).toContainEqual(expect.stringMatching(new RegExp(`${TALKS}\\.txt could not be read \\(.*link.*\\); claimants of its claims are not derived`)));
  });
});
