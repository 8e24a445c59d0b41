import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES } from '../../shared/model/labels';
import { annotationFileSchema, projectFileSchema, type LabelDef, type RelationType } from '../../shared/model/schemas';
import { commitFiles, planProjectChange } from './schemaChange';
import { scanProject } from './projectCheck';
import { readProjectFile } from './projectStore';
import { learningSettled } from './learningService';
import { T0, failure, hashTree, importText, makeService, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const TEXT = 'Officials said 300 people were killed in 72 hours.\n';
//            0         1         2         3         4         5
//            0123456789012345678901234567890123456789012345678901

type Attrs = Record<string, string | number | boolean | string[]>;
const withAttrs = (s: ReturnType<typeof span>, attributes: Attrs) => ({ ...s, attributes });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** A project with one document annotated by alice and by bob (claims, actors, numbers, a relation each). */
async function twoAnnotators() {
  const { service, dir, dataDir } = await projectWithAnnotator();
  const docId = await importText(service, 'story.txt', TEXT);
  const annotate = async (prefix: string) =>
    unwrap(
      await service.saveAnnotations({
        docId,
        status: 'in_progress',
        spans: [
          withAttrs(span(`${prefix}c`, 0, 50, 'claim'), { status: 'disputed', hedged: false }),
          withAttrs(span(`${prefix}a`, 0, 9, 'actor'), { kind: 'state or government' }),
          withAttrs(span(`${prefix}n`, 15, 25, 'number'), { value: 300, unit: 'people', quantity: 'casualties killed' }),
          withAttrs(span(`${prefix}h`, 39, 47, 'number'), { value: 72, unit: 'hours' }),
        ],
        relations: [{ id: `${prefix}r`, type: 'attributed_to', from: `${prefix}c`, to: `${prefix}a`, createdAt: T0, updatedAt: T0 }],
      }),
    );
  await annotate('a-');
  unwrap(await service.setAnnotator({ name: 'bob' }));
  await annotate('b-');
  unwrap(await service.setAnnotator({ name: 'alice' }));
  // Each save also teaches the suggesters (.factmark/learning/, written after the save answers): wait for it, so the files compared below stay still.
  for (const who of ['alice', 'bob']) await learningSettled(dir, who);
  const file = (who: string) => join(dir, 'annotations', who, `${docId}.json`);
  const read = (who: string) => annotationFileSchema.parse(JSON.parse(readFileSync(file(who), 'utf8')));
  return { service, dir, dataDir, docId, file, read };
}

function schema(edit: (labels: LabelDef[], relationTypes: RelationType[]) => void = () => undefined) {
  const labels = clone(DEFAULT_LABELS);
  const relationTypes = clone(DEFAULT_RELATION_TYPES);
  edit(labels, relationTypes);
  return { labels, relationTypes, renames: { labels: {}, attributes: {} } as { labels: Record<string, string>; attributes: Record<string, Record<string, string>> } };
}
const label = (ls: LabelDef[], id: string) => ls.find((l) => l.id === id)!;

describe('span attributes in saves', () => {
  it('writes attribute values sorted by key and reads them back', async () => {
    const { service, read, docId } = await twoAnnotators();
    const n = read('alice').spans.find((s) => s.id === 'a-n');
    expect(n?.attributes).toEqual({ quantity: 'casualties killed', unit: 'people', value: 300 });
    expect(Object.keys(n?.attributes ?? {})).toEqual(['quantity', 'unit', 'value']);
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.spans.find((s) => s.id === 'a-h')?.attributes).toEqual({ unit: 'hours', value: 72 });
  });

  it('refuses values that do not fit the label, with a sentence naming the span and attribute', async () => {
    const { service, docId } = await twoAnnotators();
    const save = (attributes: Attrs) => service.saveAnnotations({ docId, status: 'in_progress', spans: [withAttrs(span('x', 15, 25, 'number'), attributes)] });
    expect(failure(await save({ value: 'three hundred' })).message).toBe('Span 1 (id x, Number): Value must be a number, not "three hundred".');
    expect(failure(await save({ approx: 'roughly' })).message).toMatch(/Approximation must be one of "exact", "at least"/);
    expect(failure(await save({ colour: 'red' })).message).toMatch(/the label Number has no attribute "colour"/);
    unwrap(await save({ value: 300, approx: 'more than' }));
  });
});

describe('changing the label schema', () => {
  it('renaming a label id and an attribute id migrates every annotator\'s files, with a count', async () => {
    const { service, dir, read } = await twoAnnotators();
    const next = schema((ls, rs) => {
      label(ls, 'actor').id = 'source';
      label(ls, 'source').name = 'Source';
      label(ls, 'number').attributes.find((a) => a.id === 'unit')!.id = 'measure';
      rs[0]!.to = ['source'];
    });
    const renames = { labels: { actor: 'source' }, attributes: { number: { unit: 'measure' } } };
    const preview = unwrap(await service.previewSchemaChange({ ...next, renames }));
    expect(preview).toMatchObject({ schemaProblems: [], filesTouched: 3, spansRelabelled: 2, spansRemoved: 0, needsConfirmation: false });
    expect(preview.files.sort()).toEqual([join('annotations', 'alice', 'story.json'), join('annotations', 'bob', 'story.json'), 'project.json'].sort());
    const before = hashTree(dir);
    // A preview writes nothing.
    expect(hashTree(dir)).toEqual(before);

    const applied = unwrap(await service.applySchemaChange({ ...next, renames, confirmDeletes: false }));
    expect(applied.summary.filesTouched).toBe(3);
    expect(applied.project.labels.map((l) => l.id)).toEqual(['claim', 'source', 'number']);
    const project = projectFileSchema.parse(JSON.parse(readFileSync(join(dir, 'project.json'), 'utf8')));
    expect(project.relationTypes[0]?.to).toEqual(['source']);
    for (const who of ['alice', 'bob']) {
      const f = read(who);
      const p = who[0];
      expect(f.spans.find((s) => s.id === `${p}-a`)).toMatchObject({ label: 'source', attributes: { kind: 'state or government' } });
      expect(f.spans.find((s) => s.id === `${p}-n`)?.attributes).toEqual({ measure: 'people', quantity: 'casualties killed', value: 300 });
      expect(f.relations).toHaveLength(1);
    }
    // The app keeps working on the migrated files.
    const doc = unwrap(await service.getDocument({ docId: 'story' }));
    unwrap(await service.saveAnnotations({ docId: 'story', status: 'done', spans: doc.spans, relations: doc.relations, baseRevision: doc.revision }));
  });

  it('deleting a label in use needs confirmation, says how many spans it removes, and leaves nothing pointing at it', async () => {
    const { service, dir, read } = await twoAnnotators();
    const next = schema((ls, rs) => {
      ls.splice(ls.findIndex((l) => l.id === 'actor'), 1);
      rs.length = 0;
    });
    const preview = unwrap(await service.previewSchemaChange(next));
    expect(preview.deletedLabels).toEqual([{ id: 'actor', name: 'Actor', spans: 2 }]);
    expect(preview).toMatchObject({ spansRemoved: 2, relationsRemoved: 2, needsConfirmation: true, filesTouched: 3 });

    const before = hashTree(dir);
    const refused = failure(await service.applySchemaChange({ ...next, confirmDeletes: false }));
    expect(refused.message).toBe('This change removes 2 spans (Actor: 2) and 2 relations; confirm it to apply. Nothing was changed.');
    expect(hashTree(dir)).toEqual(before);

    unwrap(await service.applySchemaChange({ ...next, confirmDeletes: true }));
    for (const who of ['alice', 'bob']) {
      const f = read(who);
      expect(f.spans.map((s) => s.label).sort()).toEqual(['claim', 'number', 'number']);
      expect(f.relations).toBeUndefined();
    }
    const project = unwrap(await readProjectFile(dir));
    expect(project.labels.map((l) => l.id)).toEqual(['claim', 'number']);
  });

  it('refuses a schema with problems, naming them, and writes nothing', async () => {
    const { service, dir } = await twoAnnotators();
    const next = schema((ls) => {
      label(ls, 'actor').hotkeys = ['1'];
    });
    const preview = unwrap(await service.previewSchemaChange(next));
    expect(preview.schemaProblems).toEqual(['Actor: hotkeys: hotkey "1" is used by both claim and actor']);
    const before = hashTree(dir);
    expect(failure(await service.applySchemaChange({ ...next, confirmDeletes: false })).message).toMatch(/hotkey "1" is used by both claim and actor/);
    expect(hashTree(dir)).toEqual(before);
  });

  it('leaves an unreadable annotation file alone and reports it', async () => {
    const { service, dir } = await twoAnnotators();
    writeFileSync(join(dir, 'annotations', 'bob', 'broken.json'), '{ not json');
    const next = schema((ls) => {
      label(ls, 'claim').color = '#000000';
    });
    const applied = unwrap(await service.applySchemaChange({ ...next, confirmDeletes: false }));
    expect(applied.summary.problems).toEqual([expect.stringMatching(/^annotations\/bob\/broken\.json is not valid JSON .*left as it is\.$/)]);
    expect(readFileSync(join(dir, 'annotations', 'bob', 'broken.json'), 'utf8')).toBe('{ not json');
    expect(applied.summary.filesTouched).toBe(1);
  });

  it('waits while another annotator has the project open', async () => {
    const { service, dir, read } = await twoAnnotators();
    const other = makeService({ annotator: 'bob' }).service;
    unwrap(await other.openProject({ path: dir }));
    const before = read('bob');
    const result = failure(await service.applySchemaChange({ ...schema((ls) => (label(ls, 'claim').name = 'Statement')), confirmDeletes: false }));
    expect(result.code).toBe('read-only');
    expect(result.message).toMatch(/^The project is open for bob \(another window of this app, since .*close it there first/);
    expect(read('bob')).toEqual(before);
  });

  it('is all or nothing across a crash: a change interrupted part-way is completed the next time the project is opened', async () => {
    const { dir, read } = await twoAnnotators();
    const project = unwrap(await readProjectFile(dir));
    const next = schema((ls, rs) => {
      label(ls, 'actor').id = 'source';
      rs[0]!.to = ['source'];
    });
    const planned = await planProjectChange(dir, project, next, { labels: { actor: 'source' }, attributes: {} });
    expect(planned.writes).toHaveLength(3);
    // The process stops after replacing one file of three (a crash, a full disk): the project is mixed for now.
    await expect(commitFiles(dir, planned.writes, { interruptAfter: 1 })).rejects.toThrow('interrupted');
    const mixed = planned.writes.map((w) => readFileSync(w.file, 'utf8') === w.content);
    expect(mixed).toEqual([true, false, false]);
    // The next start (any window, serve, the CLI) completes it before reading anything.
    const reopened = unwrap(await makeService({ annotator: 'carol' }).service.openProject({ path: dir }));
    expect(reopened.labels.map((l) => l.id)).toContain('source');
    for (const w of planned.writes) expect(readFileSync(w.file, 'utf8')).toBe(w.content);
    expect(read('alice').spans.map((s) => s.label)).toContain('source');
    expect(readdirSync(join(dir, '.factmark', 'journal'))).toEqual([]);
    expect((await scanProject(dir)).issues).toEqual([]);
  });

  it('a change whose plan was not complete when it stopped is rolled back: nothing of it is applied', async () => {
    const { dir } = await twoAnnotators();
    const before = hashTree(dir);
    const journal = join(dir, '.factmark', 'journal', '20260101T000000000Z-00000000-1-deadbeef');
    mkdirSync(journal, { recursive: true });
    // A plan cut off mid-write, never marked committed.
    writeFileSync(join(journal, 'ops'), `${JSON.stringify({ f: 'project.json', n: 9, p: null })}\n{"half": \n{"f": "annot`);
    unwrap(await makeService({ annotator: 'carol' }).service.openProject({ path: dir }));
    expect(existsSync(journal)).toBe(false);
    const after = hashTree(dir);
    for (const [file, hash] of Object.entries(before)) if (!file.startsWith('.factmark')) expect(after[file]).toBe(hash);
  });

  it('refuses to commit over a file that changed after the plan', async () => {
    const { dir, file } = await twoAnnotators();
    const project = unwrap(await readProjectFile(dir));
    const next = schema((ls, rs) => {
      ls.splice(1, 1);
      rs.length = 0;
    });
    const planned = await planProjectChange(dir, project, next, { labels: {}, attributes: {} });
    expect(planned.writes).toHaveLength(3);
    writeFileSync(file('bob'), readFileSync(file('bob'), 'utf8').replace('"in_progress"', '"done"'));
    const before = hashTree(dir);
    await expect(commitFiles(dir, planned.writes)).rejects.toThrow(/changed while the schema change was being applied/);
    expect(hashTree(dir)).toEqual(before);
  });
});
