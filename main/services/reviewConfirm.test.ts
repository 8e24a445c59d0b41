import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewView } from '../../shared/review/types';
import { failure, makeService, removeTempDirs, tempDir, unwrap } from './serviceTestKit';

/** The review sample as plain spans (no attributes, no relations): every value the review shows is derived. */
const FIXTURE = resolve('test-fixtures/review-sample');
const TALKS = '001_565ccf9d3e3b851f';
const KYIV = '002_ee4df2b2a6fab1ba';

function plainProject(edit?: (project: { labels: { id: string; attributes: { id: string }[] }[]; relationTypes: unknown[] }) => void): string {
  const dir = join(tempDir(), 'project');
  cpSync(FIXTURE, dir, { recursive: true });
  const folder = join(dir, 'annotations', 'reviewer');
  for (const name of readdirSync(folder)) {
    const file = JSON.parse(readFileSync(join(folder, name), 'utf8'));
    for (const span of file.spans) delete span.attributes;
    delete file.relations;
    writeFileSync(join(folder, name), `${JSON.stringify(file, null, 2)}\n`);
  }
  if (edit) {
    const project = JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8'));
    edit(project);
    writeFileSync(join(dir, 'project.json'), JSON.stringify(project, null, 2));
  }
  return dir;
}

async function open(dir: string) {
  const { service } = makeService({ now: () => new Date('2026-11-22T12:00:00.000Z') });
  unwrap(await service.setAnnotator({ name: 'reviewer' }));
  unwrap(await service.openProject({ path: dir }));
  return service;
}

const annotation = (dir: string, docId: string) => JSON.parse(readFileSync(join(dir, 'annotations', 'reviewer', `${docId}.json`), 'utf8'));
const raw = (dir: string, docId: string) => readFileSync(join(dir, 'annotations', 'reviewer', `${docId}.json`), 'utf8');
const casualtiesOf = (review: ReviewView) => review.clusters.find((c) => c.claims.some((m) => m.text.includes('four civilian fatalities')))!;

afterEach(removeTempDirs);

describe('confirming derived values into the annotations', () => {
  it('writes the numbers’ attributes and the claimants’ relations of a cluster, all files together, kept in History; undo puts the bytes back', async () => {
    const dir = plainProject();
    const service = await open(dir);
    const cluster = casualtiesOf(unwrap(await service.getReview({})));
    const before = { talks: raw(dir, TALKS), kyiv: raw(dir, KYIV) };

    const done = unwrap(await service.confirmDerivedValues({ claims: cluster.claims.map((c) => c.key) }));
    expect(done.documents.sort()).toEqual([TALKS, KYIV]);
    expect(done.numbers).toBe(5); // four, six; four, 25, eight
    expect(done.relations).toBe(3); // Syrian Civil Defense; Syrian Civil Defense and its other name, the White Helmets
    expect(done.skipped).toEqual([]);
    expect(done.undoId).toEqual(expect.any(String));

    const talks = annotation(dir, TALKS);
    const six = talks.spans.find((s: { quote: string; label: string }) => s.label === 'number' && s.quote === 'six');
    expect(six.attributes).toEqual({ value: 6, approx: 'exact', unit: 'civilians', quantity: 'casualties injured' });
    const claim = talks.spans.find((s: { quote: string }) => s.quote.startsWith('airstrikes by Syrian government'));
    const [relation] = talks.relations.filter((r: { from: string }) => r.from === claim.id);
    expect(relation).toMatchObject({ type: 'attributed_to', from: claim.id });
    expect(talks.spans.find((s: { id: string }) => s.id === relation.to).quote).toBe('Syrian Civil Defense');
    const kyivClaim = annotation(dir, KYIV).spans.find((s: { quote: string }) => s.quote.startsWith('The attacks against Idlib'));
    expect(annotation(dir, KYIV).relations.filter((r: { from: string }) => r.from === kyivClaim.id)).toHaveLength(2);

    // The review now reads them from the file: nothing derived any more in that cluster, the conflict still flagged.
    const after = casualtiesOf(done.review);
    expect(after.claims.flatMap((c) => c.numbers.map((n) => n.derived))).toEqual([[], [], [], [], []]);
    expect(after.claims.flatMap((c) => c.claimants.map((x) => x.derived))).toEqual([false, false]);
    expect(after.flags.some((f) => f.kind === 'number-conflict' && f.reason.includes('6 and 25 do not overlap'))).toBe(true);

    // The version before is in each document's History.
    const versions = unwrap(await service.listVersions({ docId: TALKS })).versions;
    expect(versions.length).toBeGreaterThan(0);

    // Undo: the files are byte for byte what they were; the values are derived again.
    const undone = unwrap(await service.undoConfirmDerivedValues({ undoId: done.undoId! }));
    expect({ talks: raw(dir, TALKS), kyiv: raw(dir, KYIV) }).toEqual(before);
    expect(casualtiesOf(undone.review).claims[0]!.numbers[0]!.derived).toEqual(['value', 'approx', 'unit', 'quantity']);
    expect(failure(await service.undoConfirmDerivedValues({ undoId: done.undoId! })).code).toBe('not-found');
  });

  it('does not undo over a file changed since, and says where the earlier version is', async () => {
    const dir = plainProject();
    const service = await open(dir);
    const cluster = casualtiesOf(unwrap(await service.getReview({})));
    const done = unwrap(await service.confirmDerivedValues({ claims: [cluster.claims[0]!.key] }));
    const file = annotation(dir, TALKS);
    file.status = 'in_progress';
    file.updatedAt = '2030-01-01T00:00:00.000Z';
    writeFileSync(join(dir, 'annotations', 'reviewer', `${TALKS}.json`), `${JSON.stringify(file, null, 2)}\n`);
    const error = failure(await service.undoConfirmDerivedValues({ undoId: done.undoId! }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('History');
    expect(annotation(dir, TALKS).updatedAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('writes only what the schema allows and says what it left out', async () => {
    const dir = plainProject((project) => {
      const number = project.labels.find((l) => l.id === 'number')!;
      number.attributes = number.attributes.filter((a) => a.id !== 'unit');
      project.relationTypes = [];
    });
    const service = await open(dir);
    const cluster = casualtiesOf(unwrap(await service.getReview({})));
    const done = unwrap(await service.confirmDerivedValues({ claims: [cluster.claims[0]!.key] }));
    expect(done.numbers).toBe(2);
    expect(done.relations).toBe(0);
    expect(done.skipped).toContain('"four": the label Number has no attribute "unit".');
    expect(done.skipped.some((s) => s.includes('no "attributed_to" relation type'))).toBe(true);
    const four = annotation(dir, TALKS).spans.find((s: { quote: string; label: string }) => s.label === 'number' && s.quote === 'four');
    expect(four.attributes).toEqual({ value: 4, approx: 'exact', quantity: 'casualties killed' });
  });

  it('refuses claims that are not in the review, and nothing is written', async () => {
    const dir = plainProject();
    const service = await open(dir);
    const before = raw(dir, TALKS);
    expect(failure(await service.confirmDerivedValues({ claims: [`${TALKS}/no-such-span`] })).code).toBe('not-found');
    expect(raw(dir, TALKS)).toBe(before);
  });
});
