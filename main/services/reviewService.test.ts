import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimsFileSchema } from '../../shared/review/claimsFile';
import type { ReviewView } from '../../shared/review/types';
import { failure, makeService, removeTempDirs, tempDir, unwrap } from './serviceTestKit';

/** The sample corpus tagged by hand for review (scripts/build-review-sample.mjs). */
const FIXTURE = resolve('test-fixtures/review-sample');
const PLEDGE = { '000_341b31175584a5d7': 'Defence Blog', '001_565ccf9d3e3b851f': 'Defence Talks', '002_ee4df2b2a6fab1ba': null } as const;

async function reviewer() {
  const dir = join(tempDir(), 'project');
  cpSync(FIXTURE, dir, { recursive: true });
  const { service } = makeService({ now: () => new Date('2026-11-22T12:00:00.000Z') });
  unwrap(await service.setAnnotator({ name: 'reviewer' }));
  unwrap(await service.openProject({ path: dir }));
  return { dir, service };
}

const clusterWith = (review: ReviewView, text: string) => review.clusters.find((c) => c.claims.some((m) => m.text.includes(text)))!;

afterEach(removeTempDirs);

describe('claim review on the tagged sample corpus', () => {
  it('puts the 72-hour aid pledge in ONE cluster across the three outlets that report it', async () => {
    const { service } = await reviewer();
    const review = unwrap(await service.getReview({}));
    const pledge = clusterWith(review, 'Russia has promised to send additional military aid');
    expect(pledge.claims.map((c) => c.docId)).toEqual(Object.keys(PLEDGE));
    expect(pledge.claims.map((c) => c.source.outlet)).toEqual(Object.values(PLEDGE));
    expect(pledge.outlets).toBe(3);
    // Defence Talks' claim keeps its time adverbial ("Since deploying its air force to Syria in 2015"): 2015 is a number of it too.
    for (const c of pledge.claims) expect(c.numbers.map((n) => [n.quote, n.normalised, n.unit])).toContainEqual(['72 hours', '72', 'hours']);
    // Claimants per outlet: all three cite the anonymous Syrian military sources, two of them also Reuters
    // (Defence Talks never names Reuters): the same source, the outlet citing it named in two outlets only.
    expect(pledge.claims.map((c) => c.claimants.map((x) => x.name))).toEqual([['Reuters', 'Syrian military sources'], ['Syrian military sources'], ['Reuters', 'Syrian military sources']]);
    expect(pledge.flags.map((f) => [f.kind, f.reason])).toEqual([
      ['attribution-partial', 'Reuters is named as a source in Defence Blog and Syrian rebels take over Aleppo as Russia… but not in Defence Talks; all of them name Syrian military sources.'],
    ]);
    // No pledge claim is anywhere else.
    expect(review.clusters.filter((c) => c.claims.some((m) => /72 hours/.test(m.text)))).toHaveLength(1);
  });

  it('flags the casualty conflicts with their reasons, and sorts them first', async () => {
    const { service } = await reviewer();
    const review = unwrap(await service.getReview({}));
    const casualties = clusterWith(review, 'four civilian fatalities and six injuries');
    expect(casualties.claims.map((c) => c.docId)).toEqual(['001_565ccf9d3e3b851f', '002_ee4df2b2a6fab1ba']);
    const reasons = casualties.flags.filter((f) => f.kind === 'number-conflict').map((f) => f.reason);
    expect(reasons).toContain(
      'Defence Talks says "six" civilians (casualties injured), Syrian rebels take over Aleppo as Russia… says "25" civilians (casualties injured): 6 and 25 do not overlap.',
    );
    // "four killed" against the White Helmets' "at least 25" killed in another cluster: same claimant.
    expect(reasons.some((r) => r.includes('"four" civilians (casualties killed)') && r.includes('"at least 25" civilians (casualties killed): 4 and ≥ 25 do not overlap') && r.includes('Syrian Civil Defense'))).toBe(true);
    expect(review.clusters[0]!.flags.some((f) => f.kind === 'number-conflict')).toBe(true);
    // "300+" and "at least 400" insurgents killed are compatible: never flagged against each other.
    const all = review.clusters.flatMap((c) => c.flags.map((f) => f.reason));
    expect(all.filter((r) => r.includes('300') && r.includes('400'))).toEqual([]);
  });

  it('saves merge, split and move decisions in claims.json and applies them over fresh suggestions', async () => {
    const { dir, service } = await reviewer();
    const review = unwrap(await service.getReview({}));
    const pledge = clusterWith(review, 'Russia has promised to send additional military aid');
    const [blog, talks] = pledge.claims;
    const split = unwrap(await service.saveReviewDecision({ decision: { op: 'split', claim: talks!.key } }));
    expect(clusterWith(split, 'Russia has pledged additional military support').claims).toHaveLength(1);
    expect(clusterWith(split, 'Russia has promised to send additional military aid').claims).toHaveLength(2);
    const file = claimsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8')));
    expect(file.decisions).toEqual([{ id: expect.any(String), op: 'split', claim: talks!.key, annotator: 'reviewer', at: '2026-11-22T12:00:00.000Z' }]);

    // A fresh service (recomputed suggestions) still shows the split.
    await (service as unknown as { dispose(): Promise<void> }).dispose();
    const { service: again } = makeService();
    unwrap(await again.setAnnotator({ name: 'reviewer' }));
    unwrap(await again.openProject({ path: dir }));
    const reread = unwrap(await again.getReview({}));
    expect(clusterWith(reread, 'Russia has pledged additional military support').claims).toHaveLength(1);
    expect(reread.decisions).toBe(1);

    const moved = unwrap(await again.saveReviewDecision({ decision: { op: 'move', claim: talks!.key, target: blog!.key } }));
    expect(clusterWith(moved, 'Russia has pledged additional military support').claims).toHaveLength(3);
    const merged = unwrap(await again.saveReviewDecision({ decision: { op: 'merge', claim: blog!.key, target: clusterWith(moved, 'safe withdrawal').id } }));
    expect(clusterWith(merged, 'safe withdrawal').claims.length).toBe(5);
    const undone = unwrap(await again.undoReviewDecision({}));
    expect(clusterWith(undone, 'safe withdrawal').claims.length).toBe(2);
    expect(claimsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'claims.json'), 'utf8'))).decisions.map((d) => d.op)).toEqual(['split', 'move']);
  });

  it('"300+" and "at least 400" insurgents killed, suggested together: compatible, only the attribution is flagged', async () => {
    const { service } = await reviewer();
    const review = unwrap(await service.getReview({}));
    // The insurgents are actors inside both claims (guidelines v2), and both count insurgents killed: one cluster.
    const both = clusterWith(review, '300+ Insurgents Killed');
    expect(both.id).toBe(clusterWith(review, 'deaths of at least 400 militants').id);
    expect(both.claims.map((c) => c.numbers.map((n) => n.normalised))).toEqual([['> 300'], ['≥ 400', '24']]);
    expect(both.flags.map((f) => f.kind)).toEqual(['attribution-missing']);
    expect(both.flags[0]!.reason).toMatch(/^Attributed to Syrian military in .*, but unattributed in Syria’s Assad Seeks Support/);
  });

  it('refuses decisions on unknown claims and never writes over an invalid claims.json', async () => {
    const { dir, service } = await reviewer();
    expect(failure(await service.saveReviewDecision({ decision: { op: 'split', claim: '000_341b31175584a5d7/nope' } })).code).toBe('not-found');
    expect(existsSync(join(dir, 'claims.json'))).toBe(false);
    writeFileSync(join(dir, 'claims.json'), '{"schemaVersion": 7}');
    const review = unwrap(await service.getReview({}));
    expect(review.problems.join(' ')).toMatch(/claims\.json could not be read/);
    const refused = failure(await service.saveReviewDecision({ decision: { op: 'split', claim: review.clusters[0]!.id } }));
    expect(refused.message).toMatch(/no decision can be saved/);
    expect(readFileSync(join(dir, 'claims.json'), 'utf8')).toBe('{"schemaVersion": 7}');
  });

  it('exports the review set into the project, and refuses a folder outside it', async () => {
    const { dir, service } = await reviewer();
    const { files } = unwrap(await service.exportReview({}));
    expect(files.map((f) => f.slice(dir.length))).toEqual(['/exports/review-20261122T120000Z/review.html', '/exports/review-20261122T120000Z/review.json', '/exports/review-20261122T120000Z/review.csv']);
    const html = readFileSync(files[0]!, 'utf8');
    expect(html).toContain('Russia has promised to send additional military aid');
    expect(html).toContain('numbers disagree');
    expect(failure(await service.exportReview({ outDir: tempDir() })).code).toBe('invalid-input');
  });
});
