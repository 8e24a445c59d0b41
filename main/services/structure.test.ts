import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpanInput } from '../../shared/api/contract';
import { T0, failure, importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

const TEXT = 'Alice said 40 people came.\nBob denied it.\n';
const rel = (id: string, type: string, from: string, to: string) => ({ id, type, from, to, createdAt: T0, updatedAt: T0 });

async function tagged() {
  const t = await projectWithAnnotator();
  const docId = await importText(t.service, 'story.txt', TEXT);
  const spans: SpanInput[] = [
    span('c', 0, 26, 'claim'),
    { ...span('a', 0, 5, 'actor'), attributes: { kind: 'person' } },
    { ...span('n', 11, 13, 'number'), attributes: { value: 40, approx: 'exact' } },
    span('b', 27, 30, 'actor'),
  ];
  return { ...t, docId, spans };
}

describe('relations through the service', () => {
  it('saves relations and attributes to disk, sorted, and answers them with the document', async () => {
    const { service, dir, docId, spans } = await tagged();
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans, relations: [rel('r2', 'attributed_to', 'c', 'b'), rel('r1', 'attributed_to', 'c', 'a')] }));
    const onDisk = JSON.parse(readFileSync(join(dir, 'annotations', 'alice', `${docId}.json`), 'utf8'));
    expect(onDisk.relations).toEqual([rel('r1', 'attributed_to', 'c', 'a'), rel('r2', 'attributed_to', 'c', 'b')]);
    expect(onDisk.spans.find((s: { id: string }) => s.id === 'n').attributes).toEqual({ approx: 'exact', value: 40 });
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.relations.map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('refuses relations the project types do not allow, or to missing spans, and writes nothing', async () => {
    const { service, dir, docId, spans } = await tagged();
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const wrongWay = failure(await service.saveAnnotations({ docId, status: 'in_progress', spans, relations: [rel('r1', 'attributed_to', 'a', 'c')] }));
    expect(wrongWay).toMatchObject({ code: 'bad-relation', message: /"attributed to" cannot join a span labelled actor to one labelled claim/ });
    const missing = failure(await service.saveAnnotations({ docId, status: 'in_progress', spans, relations: [rel('r1', 'attributed_to', 'c', 'zz')] }));
    expect(missing.message).toMatch(/"zz", which is not in the document/);
    const unknown = failure(await service.saveAnnotations({ docId, status: 'in_progress', spans, relations: [rel('r1', 'quotes', 'c', 'a')] }));
    expect(unknown.message).toMatch(/"quotes", which the project does not define/);
    expect(existsSync(file)).toBe(false);
  });

  it('a restored version brings its relations back', async () => {
    const { service, docId, spans } = await tagged();
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans, relations: [rel('r1', 'attributed_to', 'c', 'a')] }));
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans, relations: [] }));
    const { versions } = unwrap(await service.listVersions({ docId }));
    const withRelation = versions.find((v) => v.spans === 4);
    unwrap(await service.restoreVersion({ docId, versionId: withRelation!.id }));
    expect(unwrap(await service.getDocument({ docId })).relations.map((r) => r.id)).toEqual(['r1']);
  });
});

describe('entities', () => {
  it('creates entities with unique slug ids, adds aliases, refuses a name another entity has', async () => {
    const { service, dir } = await projectWithAnnotator();
    expect(unwrap(await service.listEntities({})).entities).toEqual([]);
    const assad = unwrap(await service.saveEntity({ name: 'Bashar al-Assad', aliases: [] })).entity;
    expect(assad).toEqual({ id: 'bashar-al-assad', name: 'Bashar al-Assad', aliases: [] });
    const renamed = unwrap(await service.saveEntity({ id: assad.id, name: 'Bashar al-Assad', aliases: ['Assad', 'Syrian President', 'assad'] })).entity;
    expect(renamed.aliases).toEqual(['Assad', 'Syrian President']);
    const clash = failure(await service.saveEntity({ name: 'ASSAD', aliases: [] }));
    expect(clash.message).toBe('"Assad" already names the entity "Bashar al-Assad"; pick that entity instead, or use another name.');
    // Another entity of a similar name gets its own id.
    expect(unwrap(await service.saveEntity({ name: 'Bashar al Assad Jr', aliases: [] })).entity.id).toBe('bashar-al-assad-jr');
    expect(readFileSync(join(dir, 'entities.json'), 'utf8')).toBe(
      `${JSON.stringify(
        {
          schemaVersion: 1,
          entities: [
            { id: 'bashar-al-assad', name: 'Bashar al-Assad', aliases: ['Assad', 'Syrian President'] },
            { id: 'bashar-al-assad-jr', name: 'Bashar al Assad Jr', aliases: [] },
          ],
        },
        null,
        2,
      )}\n`,
    );
    expect(failure(await service.saveEntity({ id: 'nobody', name: 'X', aliases: [] })).code).toBe('not-found');
  });

  it('sets an invalid entities.json aside, reports it and starts empty', async () => {
    const { service, dir } = await projectWithAnnotator();
    writeFileSync(join(dir, 'entities.json'), '{"schemaVersion": 1, "entities": [{"id": "Bad Id", "name": "x"}]}');
    expect(unwrap(await service.listEntities({})).entities).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.startsWith('entities.json.invalid-'))).toHaveLength(1);
    const project = unwrap(await service.getProject({}));
    expect(project.problems).toContainEqual(expect.objectContaining({ kind: 'invalid-entities', message: expect.stringMatching(/moved aside/) }));
  });

  it('lists, per document, the entities its actor spans link to', async () => {
    const { service, docId, spans } = await tagged();
    const { entity } = unwrap(await service.saveEntity({ name: 'Alice Smith', aliases: ['Alice'] }));
    const linked = spans.map((s) => (s.id === 'a' ? { ...s, attributes: { entity: entity.id } } : s));
    const saved = unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: linked }));
    expect(saved.project.documents.find((d) => d.id === docId)?.entities).toEqual(['alice-smith']);
  });
});

describe('checkExport', () => {
  it('lists claims without a claimant, numbers without a value and required attributes left empty', async () => {
    const { service, docId, spans } = await tagged();
    const noValue = spans.map((s) => (s.id === 'n' ? { ...s, attributes: {} } : s));
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: noValue }));
    const { problems, documents } = unwrap(await service.checkExport({ format: 'jsonl', scope: 'done' }));
    expect(documents).toBe(1);
    expect(problems.map((p) => [p.spanId, p.kind])).toEqual([
      ['c', 'claim-without-claimant'],
      ['n', 'number-without-value'],
    ]);
    expect(problems[0]).toMatchObject({ docId, annotator: 'alice', quote: 'Alice said 40 people came.' });
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans, relations: [rel('r1', 'attributed_to', 'c', 'a')] }));
    expect(unwrap(await service.checkExport({ format: 'jsonl', scope: 'done' })).problems).toEqual([]);
  });
});
