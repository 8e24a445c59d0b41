import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBratAnn, parseBratConf, verifyBrat } from '../../shared/formats/bratVerify.testkit';
import type { AnnotationFile } from '../../shared/model/schemas';
import { makeService, removeTempDirs, tempDir, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

/** The sample corpus tagged by hand (scripts/build-review-sample.mjs): claims holding their actors and numbers. */
const FIXTURE = resolve('test-fixtures/review-sample');
const DOC = '001_565ccf9d3e3b851f';

/**
 * The review sample, exported to brat, plus spans that cross (an actor reaching past a claim's
 * end, two overlapping claims) and equal spans of two labels, which Factmark allows.
 */
async function exportedSample() {
  const dir = join(tempDir(), 'project');
  cpSync(FIXTURE, dir, { recursive: true });
  const { service } = makeService({ now: () => new Date('2026-11-22T12:00:00.000Z'), trustedPaths: true });
  unwrap(await service.setAnnotator({ name: 'reviewer' }));
  unwrap(await service.openProject({ path: dir }));
  const file = JSON.parse(readFileSync(join(dir, 'annotations', 'reviewer', `${DOC}.json`), 'utf8')) as AnnotationFile;
  const claims = file.spans.filter((s) => s.label === 'claim');
  const claim = claims[0]!;
  const T = '2026-11-22T00:00:00.000Z';
  const extra = [
    { id: 'x-cross', start: claim.end - 3, end: claim.end + 8, label: 'actor', createdAt: T, updatedAt: T },
    { id: 'x-claim', start: claim.start + 2, end: claim.end + 8, label: 'claim', createdAt: T, updatedAt: T },
    { id: 'x-equal', start: claim.start, end: claim.end, label: 'number', createdAt: T, updatedAt: T },
  ];
  const spans = [...file.spans.map(({ id, start, end, label, createdAt, updatedAt, attributes }) => ({ id, start, end, label, createdAt, updatedAt, ...(attributes ? { attributes } : {}) })), ...extra];
  const relations = (file.relations ?? []).map(({ id, type, from, to, createdAt, updatedAt }) => ({ id, type, from, to, createdAt, updatedAt }));
  unwrap(await service.saveAnnotations({ docId: DOC, status: 'done', spans, relations }));
  const out = join(tempDir(), 'brat');
  const report = unwrap(await service.exportProject({ format: 'brat', scope: 'done', outPath: out }));
  return { folder: report.path, report };
}

describe('brat export read by brat’s verify_annotations checks (issue 14, item 8)', () => {
  it('declares the overlap Factmark allows, so nested claims, actors and numbers and crossing spans verify without an error', async () => {
    const { folder, report } = await exportedSample();
    const confText = readFileSync(join(folder, 'annotation.conf'), 'utf8');
    expect(confText).toContain('<OVERLAP>\tArg1:claim|actor|number, Arg2:claim|actor|number, <OVL-TYPE>:<ANY>');
    const conf = parseBratConf(confText);
    const anns = readdirSync(folder).filter((f) => f.endsWith('.ann'));
    expect(anns).toHaveLength(5);
    let textbounds = 0;
    const issues: string[] = [];
    for (const f of anns) {
      const ann = parseBratAnn(readFileSync(join(folder, f), 'utf8'));
      textbounds += ann.textbounds.length;
      issues.push(...verifyBrat(conf, ann).map((i) => `${f}: ${i}`));
    }
    expect(textbounds).toBe(report.spans);
    // What brat has no place for is said, not dropped silently: Numbers' values, Actors' entities.
    const notCarried = report.notices.find((n) => n.kind === 'attributes-not-written');
    expect(notCarried?.byKey).toMatchObject({ value: expect.any(Number), entity: expect.any(Number) });
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain(notCarried?.message);
    expect(textbounds).toBeGreaterThan(200);
    expect(issues).toEqual([]);

    // The same files with the annotation.conf written before (no <OVERLAP> rule): brat rejects them.
    const before = parseBratConf(confText.split('\n').filter((l) => !l.startsWith('<OVERLAP>')).join('\n'));
    const rejected = anns.flatMap((f) => verifyBrat(before, parseBratAnn(readFileSync(join(folder, f), 'utf8'))));
    expect(rejected.some((i) => /claim cannot contain actor/.test(i))).toBe(true);
    expect(rejected.some((i) => /actor cannot be contained in claim/.test(i))).toBe(true);
    expect(rejected.some((i) => /claim cannot contain number/.test(i))).toBe(true);
    expect(rejected.some((i) => /crossing span/.test(i))).toBe(true);
    expect(rejected.some((i) => /identical span/.test(i))).toBe(true);
    expect(rejected.length).toBeGreaterThan(100);
  });

  it('reads brat’s own rule forms: <ENTITY> wildcards, one-way contain, equal only', () => {
    const ann = parseBratAnn('T1\tOrganization 0 16\tBank of England\nT2\tCountry 8 15\tEngland\nT3\tPerson 20 28\tJohnsons\nT4\tPerson 20 28\tJohnsons\n');
    const conf = (rules: string) => parseBratConf(`[entities]\nOrganization\nCountry\nPerson\n[relations]\n${rules}\n[events]\n[attributes]\n`);
    expect(verifyBrat(conf(''), ann)).toHaveLength(4);
    expect(verifyBrat(conf('<OVERLAP>\tArg1:Country, Arg2:Organization, <OVL-TYPE>:contain\n<OVERLAP>\tArg1:Person, Arg2:Person, <OVL-TYPE>:equal'), ann)).toEqual([]);
    // contain is one-way: Organization inside Country is not allowed by that rule.
    expect(verifyBrat(conf('<OVERLAP>\tArg1:Organization, Arg2:Country, <OVL-TYPE>:contain\n<OVERLAP>\tArg1:Person, Arg2:Person, <OVL-TYPE>:equal'), ann)).toHaveLength(2);
    expect(verifyBrat(conf('<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>'), ann)).toEqual([]);
  });
});
