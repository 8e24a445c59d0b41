import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spanContext } from '../../shared/annotation/reanchor';
import { T0, failure, importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';
import { sha256Hex } from './textHash';

afterEach(removeTempDirs);

const TEXT = 'Alice said 40 people came.\nBob denied it.\n';
const fixedClock = (iso: string) => () => new Date(iso);

describe('saving annotations', () => {
  it('writes pretty JSON in the schema key order, sorted spans and quotes taken from the text', async () => {
    const { service, dir } = await projectWithAnnotator({ now: fixedClock('2026-03-04T05:06:07.000Z') });
    const docId = await importText(service, 'story.txt', TEXT);
    const saved = unwrap(
      await service.saveAnnotations({
        docId,
        status: 'todo',
        spans: [span('b', 27, 30, 'actor'), span('n', 11, 13, 'number'), span('a', 0, 26, 'claim'), span('c', 0, 5, 'actor')],
      }),
    );
    expect(saved.updatedAt).toBe('2026-03-04T05:06:07.000Z');
    const onDisk = readFileSync(join(dir, 'annotations', 'alice', `${docId}.json`), 'utf8');
    const q = (id: string, start: number, end: number, label: string, quote: string) =>
      `    {\n      "id": "${id}",\n      "start": ${start},\n      "end": ${end},\n      "label": "${label}",\n      "quote": "${quote}",\n      "prefix": ${JSON.stringify(spanContext(TEXT, start, end).prefix)},\n      "suffix": ${JSON.stringify(spanContext(TEXT, start, end).suffix)},\n      "createdAt": "${T0}",\n      "updatedAt": "${T0}"\n    }`;
    expect(onDisk).toBe(
      [
        '{',
        '  "schemaVersion": 1,',
        `  "docId": "${docId}",`,
        `  "textSha256": "${sha256Hex(TEXT)}",`,
        '  "annotator": "alice",',
        // Tags were given with status todo: a tagged document is in progress.
        '  "status": "in_progress",',
        '  "spans": [',
        [
          q('a', 0, 26, 'claim', 'Alice said 40 people came.'),
          q('c', 0, 5, 'actor', 'Alice'),
          q('n', 11, 13, 'number', '40'),
          q('b', 27, 30, 'actor', 'Bob'),
        ].join(',\n'),
        '  ],',
        '  "updatedAt": "2026-03-04T05:06:07.000Z"',
        '}',
        '',
      ].join('\n'),
    );
    const summary = saved.project.documents.find((d) => d.id === docId);
    expect(summary).toMatchObject({ status: 'in_progress', counts: { claim: 1, actor: 2, number: 1 }, textChanged: false });
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.spans.map((s) => s.id)).toEqual(['a', 'c', 'n', 'b']);
    expect(doc.status).toBe('in_progress');
    expect(doc.updatedAt).toBe('2026-03-04T05:06:07.000Z');
    expect(doc.text).toBe(TEXT);
  });

  it('keeps an explicit status and an empty todo', async () => {
    const { service } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('x', 0, 5, 'actor')] }));
    expect(unwrap(await service.getDocument({ docId })).status).toBe('done');
    unwrap(await service.saveAnnotations({ docId, status: 'todo', spans: [] }));
    expect(unwrap(await service.getDocument({ docId })).status).toBe('todo');
  });

  it('refuses spans outside the text, with unknown labels or duplicated, and writes nothing', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const bad = [
      [span('x', 0, TEXT.length + 1, 'actor')],
      [span('x', 0, 5, 'person')],
      [span('x', 0, 5, 'actor'), span('x', 6, 8, 'actor')],
      [span('x', 0, 5, 'actor'), span('y', 0, 5, 'actor')],
    ];
    for (const spans of bad) {
      expect(failure(await service.saveAnnotations({ docId, status: 'in_progress', spans })).code).toBe('bad-span');
    }
    expect(existsSync(file)).toBe(false);
  });

  it('answers not-found for a document that is not in the project', async () => {
    const { service } = await projectWithAnnotator();
    expect(failure(await service.getDocument({ docId: 'missing' })).code).toBe('not-found');
    expect(failure(await service.saveAnnotations({ docId: 'missing', status: 'todo', spans: [] })).code).toBe('not-found');
  });

  it('leaves no temporary files behind', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        service.saveAnnotations({ docId, status: 'in_progress', spans: [span(`s${i}`, 0, 5, 'actor')] }),
      ),
    );
    expect(readdirSync(join(dir, 'annotations', 'alice'))).toEqual([`${docId}.json`]);
    expect(readdirSync(join(dir, 'documents')).sort()).toEqual([`${docId}.json`, `${docId}.txt`]);
    // The last save requested is the one on disk (writes to one file are queued in order).
    expect(unwrap(await service.getDocument({ docId })).spans.map((s) => s.id)).toEqual(['s7']);
  });
});

describe('invalid annotation files', () => {
  it('moves an invalid file aside, reports it, and never overwrites it on the next save', async () => {
    const { service, dir } = await projectWithAnnotator({ now: fixedClock('2026-05-06T07:08:09.123Z') });
    const docId = await importText(service, 'story.txt', TEXT);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    mkdirSync(join(dir, 'annotations', 'alice'), { recursive: true });
    writeFileSync(file, '{"schemaVersion": 1, "docId": "oops"');
    const view = unwrap(await service.getProject({}));
    const movedTo = `${file}.invalid-20260506T070809Z`;
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]).toMatchObject({ kind: 'invalid-annotation', file, movedTo });
    expect(view.problems[0]?.message).toMatch(/not valid JSON/);
    expect(view.documents[0]?.status).toBe('todo');
    expect(existsSync(file)).toBe(false);
    expect(readFileSync(movedTo, 'utf8')).toBe('{"schemaVersion": 1, "docId": "oops"');

    const saved = unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s', 0, 5, 'actor')] }));
    expect(readFileSync(movedTo, 'utf8')).toBe('{"schemaVersion": 1, "docId": "oops"');
    expect(JSON.parse(readFileSync(file, 'utf8')).status).toBe('done');
    // Still listed after the save: set-aside work is never dropped silently.
    expect(saved.project.problems.map((p) => p.movedTo)).toEqual([movedTo]);

    // A second bad file in the same second gets its own name.
    writeFileSync(file, '[]');
    const again = unwrap(await service.getProject({}));
    expect(again.problems.map((p) => p.movedTo)).toEqual([movedTo, `${movedTo}-2`]);
    expect(readFileSync(movedTo, 'utf8')).toBe('{"schemaVersion": 1, "docId": "oops"');
  });

  it('sets aside a schema-valid file whose spans do not fit the text', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s', 0, 5, 'actor')] }));
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.spans[0].end = 999;
    writeFileSync(file, JSON.stringify(stored));
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.spans).toEqual([]);
    expect(doc.status).toBe('todo');
    const view = unwrap(await service.getProject({}));
    expect(view.problems[0]?.message).toMatch(/outside the text/);
  });
});

describe('text changed on disk', () => {
  it('flags the document, answers read-only, and refuses to save', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s', 0, 5, 'actor')] }));
    const file = join(dir, 'annotations', 'alice', `${docId}.json`);
    const before = readFileSync(file, 'utf8');
    writeFileSync(join(dir, 'documents', `${docId}.txt`), `Edited. ${TEXT}`);

    const view = unwrap(await service.getProject({}));
    expect(view.documents[0]?.textChanged).toBe(true);
    expect(view.problems).toEqual([
      expect.objectContaining({ kind: 'text-changed', file: join(dir, 'documents', `${docId}.txt`) }),
    ]);
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.textChanged).toBe(true);
    expect(doc.spans).toHaveLength(1);
    const error = failure(await service.saveAnnotations({ docId, status: 'done', spans: [] }));
    expect(error.code).toBe('text-changed');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a document without annotations is never flagged', async () => {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'story.txt', TEXT);
    writeFileSync(join(dir, 'documents', `${docId}.txt`), 'Other text entirely.');
    expect(unwrap(await service.getProject({})).documents[0]?.textChanged).toBe(false);
  });
});

describe('large documents', () => {
  // Timings are measured by `npm run bench`, never asserted here: this checks that a 10 MB
  // document and 2,000 spans round-trip intact.
  it('opens and saves a 10 MB document with 2,000 spans', async () => {
    const { service } = await projectWithAnnotator();
    const paragraph = 'The minister said 12 000 people were displaced near the river crossing. ';
    const text = paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length));
    const docId = await importText(service, 'huge.txt', text);
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.text.length).toBe(text.length);
    const spans = Array.from({ length: 2000 }, (_, i) => span(`s${i}`, i * paragraph.length + 4, i * paragraph.length + 12, 'actor'));
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans }));
    const reopened = unwrap(await service.getDocument({ docId }));
    expect(reopened.spans).toHaveLength(2000);
    expect(reopened.spans[1999]?.quote).toBe(text.slice(1999 * paragraph.length + 4, 1999 * paragraph.length + 12));
  });
});
