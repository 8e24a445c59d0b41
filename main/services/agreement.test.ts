import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { annotationFileSchema } from '../../shared/model/schemas';
import type { CliIo } from '../cli/io';
import { runCli } from '../cli/runCli';
import { failure, importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const TEXT = 'The mayor said 40 people left the old town on Monday. Police disputed the figure later that week.';
const at = (s: string) => TEXT.indexOf(s);

/** A project where alice and bob tagged one document: one claim alike, the actor with other boundaries, a number only alice saw. */
async function twoAnnotators() {
  const { service, dir } = await projectWithAnnotator();
  const docId = await importText(service, 'story.txt', TEXT);
  const claim = span('c', at('The mayor'), at('Monday') + 6, 'claim');
  unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [claim, span('a', at('The mayor'), at('The mayor') + 9, 'actor'), span('n', at('40'), at('40') + 9, 'number')] }));
  unwrap(await service.setAnnotator({ name: 'bob' }));
  unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [claim, span('a', at('mayor'), at('mayor') + 5, 'actor')] }));
  return { service, dir, docId };
}

function capture(cwd: string) {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd };
  return { io, out: () => out, err: () => err };
}

describe('agreement and curation through the service', () => {
  it('answers the agreement of the project (getAgreement) and the CLI prints the same figures', async () => {
    const { service, dir } = await twoAnnotators();
    const view = unwrap(await service.getAgreement({}));
    expect(view.annotators).toEqual(['alice', 'bob']);
    expect(view.pairs).toHaveLength(1);
    // claim matches exactly, actor only by overlap, number unmatched: exact 2·1/(3+2), overlap 2·2/5.
    expect(view.all.overall.f1Exact).toBeCloseTo(2 / 5, 12);
    expect(view.all.overall.f1Overlap).toBeCloseTo(4 / 5, 12);
    expect(view.all.labels.claim!.kappa).toBe(1);
    // Unitizing alpha on the document's characters: the same claim, uα = 1; the number only one of them marked, below 0.
    expect(view.all.labels.claim!.alphaU).toBe(1);
    expect(view.all.labels.number!.alphaU!).toBeLessThan(0);
    expect(view.documents).toHaveLength(1);
    expect(failure(await service.getAgreement({ annotators: ['alice', 'carol'] })).message).toMatch(/carol/);

    const cli = capture(dir);
    expect(await runCli(['agree', '.', '--json'], cli.io)).toBe(0);
    expect(JSON.parse(cli.out()).all.overall.f1Exact).toBeCloseTo(2 / 5, 12);
    const table = capture(dir);
    expect(await runCli(['agree', dir, '--label', 'actor'], table.io)).toBe(0);
    expect(table.out()).toMatch(/alice – bob/);
    expect(table.out()).toMatch(/alpha\s+alpha_U\s+attributes/);
    expect(table.out()).toMatch(/actor\s+2\s+0\.000\s+1\.000/);
    const bad = capture(dir);
    expect(await runCli(['agree', dir, '--annotators', 'alice'], bad.io)).toBe(1);
  });

  it('curates a gold file with provenance, resumes its decisions, and exports take gold by default', async () => {
    const { service, dir, docId } = await twoAnnotators();
    unwrap(await service.setAnnotator({ name: 'judge' }));
    const view = unwrap(await service.getCuration({ docId, policy: 'unanimity' }));
    expect(view.annotators).toEqual(['alice', 'bob']);
    expect(view.plan.accepted.map((c) => c.span.label)).toEqual(['claim']);
    expect(view.plan.stops.map((s) => s.label)).toEqual(['actor', 'number']);
    const [actor, number] = view.plan.stops;
    const first = unwrap(await service.saveGold({ docId, policy: 'unanimity', decisions: { [actor!.id]: { kind: 'pick', annotator: 'bob' } }, basis: view.basis, baseRevision: view.goldRevision }));
    expect(first).toMatchObject({ status: 'in_progress', spans: 2, undecided: 1 });
    const file = annotationFileSchema.parse(JSON.parse(readFileSync(join(dir, 'annotations', 'gold', `${docId}.json`), 'utf8')));
    expect(file.annotator).toBe('gold');
    expect(file.spans.map((s) => [s.label, s.quote, s.provenance])).toEqual([
      ['claim', 'The mayor said 40 people left the old town on Monday', { proposedBy: ['alice', 'bob'], decidedBy: 'judge', rule: 'unanimity' }],
      ['actor', 'mayor', { proposedBy: ['bob'], decidedBy: 'judge', rule: 'adjudicator' }],
    ]);
    // Reopened: the decision is recovered; a stale revision is refused.
    const again = unwrap(await service.getCuration({ docId, policy: 'unanimity' }));
    expect(again.decisions).toEqual({ [actor!.id]: { kind: 'pick', annotator: 'bob' } });
    expect(failure(await service.saveGold({ docId, policy: 'unanimity', decisions: {}, basis: view.basis, baseRevision: view.goldRevision })).code).toBe('conflict');
    const done = unwrap(await service.saveGold({ docId, policy: 'unanimity', decisions: { ...again.decisions, [number!.id]: { kind: 'reject' } }, basis: again.basis, baseRevision: again.goldRevision }));
    expect(done).toMatchObject({ status: 'done', spans: 2, undecided: 0 });
    // Agreement leaves gold out by default.
    expect(unwrap(await service.getAgreement({})).annotators).toEqual(['alice', 'bob']);
    // Export without naming an annotator: the gold.
    const preview = unwrap(await service.previewExport({ format: 'jsonl', scope: 'done' }));
    expect(JSON.stringify(preview)).toContain('gold');
    expect(JSON.stringify(preview)).not.toContain('"judge"');
  });

  it('leaves out, and lists, a file whose text changed or that is invalid; refuses curation then', async () => {
    const { service, dir, docId } = await twoAnnotators();
    const bobFile = join(dir, 'annotations', 'bob', `${docId}.json`);
    const bob = JSON.parse(readFileSync(bobFile, 'utf8'));
    writeFileSync(bobFile, JSON.stringify({ ...bob, textSha256: '0'.repeat(64) }));
    const view = unwrap(await service.getAgreement({}));
    expect(view.skipped).toEqual([{ docId, annotator: 'bob', reason: expect.stringMatching(/text changed/) }]);
    expect(view.all.documents).toBe(0);
    expect(view.singleAnnotatorDocuments).toBe(1);
    expect(failure(await service.getCuration({ docId, policy: 'unanimity' })).code).toBe('text-changed');
    writeFileSync(bobFile, '{ not json');
    expect(unwrap(await service.getAgreement({})).skipped[0]!.reason).toMatch(/invalid file/);
    // Read only: the invalid file is not moved aside by agreement.
    expect(readFileSync(bobFile, 'utf8')).toBe('{ not json');
  });

  it('in blind mode shows others\' spans for curation only to a reader who marked the document done', async () => {
    const { service, dir, docId } = await twoAnnotators();
    const projectFile = join(dir, 'project.json');
    const project = JSON.parse(readFileSync(projectFile, 'utf8'));
    writeFileSync(projectFile, JSON.stringify({ ...project, settings: { ...project.settings, blind: true } }));
    unwrap(await service.setAnnotator({ name: 'judge' }));
    expect(failure(await service.getCuration({ docId, policy: 'unanimity' })).message).toMatch(/Blind mode is on/);
    // bob marked it done: he may compare.
    unwrap(await service.setAnnotator({ name: 'bob' }));
    expect(unwrap(await service.getCuration({ docId, policy: 'unanimity' })).annotators).toEqual(['alice', 'bob']);
  });
});
