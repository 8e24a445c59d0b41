import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FactmarkService } from './factmarkService';
import { learningFileSchema, type LearningExample } from '../../shared/learn/examples';
import { learningFilePath, loadProjectExamples } from './learningFiles';
import { learningSettled } from './learningService';
import { SuggestEngine } from './suggestEngine';
import { importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const FIRST = 'Fighters from Hamas crossed the border. Officials said Hamas fired 40 rockets on Monday. Government forces recaptured Aleppo nearly a decade ago.\n';
const NEXT = 'Hamas denied the report. Rebels reached Aleppo nearly ten years later, and 12 people fled.\n';

const examplesOf = (dir: string, docId: string) =>
  learningFileSchema.parse(JSON.parse(readFileSync(learningFilePath(dir, 'alice', docId), 'utf8'))).examples.map((e) => `${e.kind}:${e.label}:${e.quote}`);

describe('learning from the annotator’s decisions (services)', () => {
  it('a save and a rejection are stored as examples under .factmark/learning/ and shape the next document’s suggestions', async () => {
    const { service, dir } = await projectWithAnnotator();
    const a = await importText(service, 'a.txt', FIRST);
    const b = await importText(service, 'b.txt', NEXT);
    const before = unwrap(await service.getSuggestions({ docId: b })).suggestions;
    const aleppoB = NEXT.indexOf('Aleppo');
    const hamasB = NEXT.indexOf('Hamas');
    // Tag "Hamas" twice in the first document, reject "Aleppo" there.
    const h1 = FIRST.indexOf('Hamas');
    const h2 = FIRST.indexOf('Hamas', h1 + 1);
    unwrap(await service.saveAnnotations({ docId: a, status: 'in_progress', spans: [span('h1', h1, h1 + 5, 'actor'), span('h2', h2, h2 + 5, 'actor')] }));
    const aleppoA = FIRST.indexOf('Aleppo');
    unwrap(await service.rejectSuggestion({ docId: a, span: { start: aleppoA, end: aleppoA + 6, label: 'actor' } }));
    await learningSettled(dir, 'alice');
    expect(examplesOf(dir, a)).toEqual(expect.arrayContaining(['tag:actor:Hamas', 'tag:actor:Hamas', 'reject:actor:Aleppo']));
    const after = unwrap(await service.getSuggestions({ docId: b })).suggestions;
    const has = (list: typeof after, start: number) => list.some((s) => s.label === 'actor' && s.start === start);
    expect(has(before, aleppoB)).toBe(true);
    expect(has(after, hamasB)).toBe(true);
    expect(has(after, aleppoB)).toBe(false);

    // Removing a span is a decision too; the file keeps every earlier one.
    unwrap(await service.saveAnnotations({ docId: a, status: 'in_progress', spans: [span('h1', h1, h1 + 5, 'actor')] }));
    await learningSettled(dir, 'alice');
    expect(examplesOf(dir, a).filter((e) => e === 'remove:actor:Hamas')).toHaveLength(1);
  });

  it('without a learning file, the examples are rebuilt from the annotation file and the rejections', async () => {
    const { service, dir } = await projectWithAnnotator();
    const a = await importText(service, 'a.txt', FIRST);
    const h1 = FIRST.indexOf('Hamas');
    unwrap(await service.saveAnnotations({ docId: a, status: 'done', spans: [span('h1', h1, h1 + 5, 'actor')] }));
    const aleppo = FIRST.indexOf('Aleppo');
    unwrap(await service.rejectSuggestion({ docId: a, span: { start: aleppo, end: aleppo + 6, label: 'actor' } }));
    await learningSettled(dir, 'alice');
    rmSync(learningFilePath(dir, 'alice', a));
    const rebuilt = loadProjectExamples(dir, 'alice', '2025-01-01T00:00:00.000Z').get(a)!;
    expect(rebuilt.map((e) => `${e.kind}:${e.quote}`)).toEqual(expect.arrayContaining(['tag:Hamas', 'reject:Aleppo', 'unmarked:Hamas']));
    // The next decision writes the file again, with the rebuilt examples in it.
    unwrap(await service.saveAnnotations({ docId: a, status: 'done', spans: [] }));
    await learningSettled(dir, 'alice');
    expect(existsSync(learningFilePath(dir, 'alice', a))).toBe(true);
    expect(examplesOf(dir, a)).toEqual(expect.arrayContaining(['tag:actor:Hamas', 'reject:actor:Aleppo', 'remove:actor:Hamas']));
  });
});

describe('closing a service', () => {
  it('waits for the learning its last save started: the examples are on disk, nothing fails', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      const { service, dir } = await projectWithAnnotator();
      const a = await importText(service, 'a.txt', FIRST);
      const h1 = FIRST.indexOf('Hamas');
      unwrap(await service.saveAnnotations({ docId: a, status: 'in_progress', spans: [span('h1', h1, h1 + 5, 'actor')] }));
      await (service as FactmarkService).dispose();
      const stored = existsSync(learningFilePath(dir, 'alice', a)) ? examplesOf(dir, a) : [];
      // Closed: the project may go (a test's temporary folder, a project moved away).
      rmSync(dir, { recursive: true, force: true });
      await learningSettled(dir, 'alice');
      expect(stored).toEqual(['tag:actor:Hamas']);
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('learning'))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('SuggestEngine.learn', () => {
  it('learns a document sent twice once, and replaces its untagged occurrences', async () => {
    const { dir } = await projectWithAnnotator();
    const engine = new SuggestEngine();
    const ref = { dir, annotator: 'alice', revision: 1 };
    const at = '2025-01-01T00:00:00.000Z';
    const ex = (kind: LearningExample['kind'], start: number): LearningExample => ({ kind, label: 'actor', start, end: start + 5, quote: 'Hamas', context: 'x', sentence: { start: 0, text: FIRST.slice(0, 60) }, at });
    const first = engine.learn(ref, 'a', [ex('tag', 14), ex('unmarked', 55)]);
    expect(first.learned).toBe(1);
    const again = engine.learn({ ...ref, revision: 2 }, 'a', [ex('tag', 14)]);
    expect(again.learned).toBe(0);
    expect(first.ms).toBeGreaterThan(0);
  });
});
