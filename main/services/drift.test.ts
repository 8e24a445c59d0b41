import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { annotationFileSchema } from '../../shared/model/schemas';
import { failure, importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';
import { sha256Hex } from './textHash';

afterEach(removeTempDirs);

const TEXT =
  'The mayor said on Monday that 40 people were evacuated from the old town.\n' +
  'Police disputed the figure and said only a dozen families had left.\n';
const at = (text: string, quote: string) => text.indexOf(quote);

async function annotated() {
  const ctx = await projectWithAnnotator();
  const docId = await importText(ctx.service, 'story.txt', TEXT);
  const mayor = at(TEXT, 'The mayor');
  const forty = at(TEXT, '40 people');
  const police = at(TEXT, 'Police disputed');
  const dozen = at(TEXT, 'only a dozen families had left');
  unwrap(
    await ctx.service.saveAnnotations({
      docId,
      status: 'in_progress',
      spans: [
        span('m', mayor, mayor + 9, 'actor'),
        span('n', forty, forty + 9, 'number'),
        span('p', police, police + 15, 'claim'),
        span('d', dozen, dozen + 30, 'number'),
      ],
    }),
  );
  const annFile = join(ctx.dir, 'annotations', 'alice', `${docId}.json`);
  const txtFile = join(ctx.dir, 'documents', `${docId}.txt`);
  return { ...ctx, docId, annFile, txtFile };
}

const readAnn = (file: string) => annotationFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));

describe('text drift', () => {
  it('stores prefix and suffix context with every span', async () => {
    const { annFile } = await annotated();
    const stored = readAnn(annFile);
    const n = stored.spans.find((s) => s.id === 'n')!;
    expect(n.prefix).toBe(TEXT.slice(Math.max(0, at(TEXT, '40 people') - 32), at(TEXT, '40 people')));
    expect(n.suffix).toBe(TEXT.slice(at(TEXT, '40 people') + 9, at(TEXT, '40 people') + 9 + 32));
  });

  it('proposes moves and orphans for a changed text, then writes the repair against the new hash', async () => {
    const { service, docId, annFile, txtFile } = await annotated();
    // An insertion before every span, an edit inside "a dozen families", the rest intact.
    const edited = `UPDATED 14:00. ${TEXT.replace('a dozen families', 'a dozen or so families')}`;
    writeFileSync(txtFile, edited);
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.textChanged).toBe(true);
    expect(doc.drift?.textSha256).toBe(sha256Hex(edited));
    expect(doc.drift?.moved.map((m) => [m.id, m.start])).toEqual([
      ['m', at(edited, 'The mayor')],
      ['n', at(edited, '40 people')],
      ['p', at(edited, 'Police disputed')],
    ]);
    expect(doc.drift?.orphans).toEqual([
      expect.objectContaining({ id: 'd', reason: 'edited', suggestion: expect.objectContaining({ text: 'only a dozen or so families had left' }) }),
    ]);
    // Saving is still refused until the repair.
    expect(failure(await service.saveAnnotations({ docId, status: 'done', spans: [] })).code).toBe('text-changed');

    unwrap(await service.repairDrift({ docId, textSha256: sha256Hex(edited), place: [], drop: [] }));
    const repaired = readAnn(annFile);
    expect(repaired.textSha256).toBe(sha256Hex(edited));
    expect(repaired.spans.map((s) => [s.id, s.quote])).toEqual([
      ['m', 'The mayor'],
      ['n', '40 people'],
      ['p', 'Police disputed'],
    ]);
    for (const s of repaired.spans) expect(edited.slice(s.start, s.end)).toBe(s.quote);
    expect(repaired.orphans?.map((o) => o.id)).toEqual(['d']);

    // Editable again; the orphan is still listed with its suggestion, and saves keep it.
    const after = unwrap(await service.getDocument({ docId }));
    expect(after.textChanged).toBe(false);
    expect(after.orphans?.map((o) => [o.id, o.suggestion?.text])).toEqual([['d', 'only a dozen or so families had left']]);
    unwrap(await service.saveAnnotations({ docId, status: 'in_progress', spans: after.spans }));
    expect(readAnn(annFile).orphans?.map((o) => o.id)).toEqual(['d']);

    // Place the orphan where the annotator says.
    const s = at(edited, 'a dozen or so families');
    unwrap(await service.repairDrift({ docId, place: [{ id: 'd', start: s, end: s + 22 }], drop: [] }));
    const placed = readAnn(annFile);
    expect(placed.orphans).toBeUndefined();
    expect(placed.spans.find((x) => x.id === 'd')).toMatchObject({ start: s, end: s + 22, quote: 'a dozen or so families', label: 'number' });
  });

  it('drops orphans and un-accepted moves on request, and refuses stale or foreign requests', async () => {
    const { service, docId, annFile, txtFile } = await annotated();
    const edited = TEXT.replace('Police disputed the figure and ', '');
    writeFileSync(txtFile, edited);
    const doc = unwrap(await service.getDocument({ docId }));
    expect(doc.drift?.orphans.map((o) => [o.id, o.reason])).toEqual([['p', 'missing']]);
    // Stale proposal.
    expect(failure(await service.repairDrift({ docId, textSha256: sha256Hex(TEXT), place: [], drop: ['p'] })).code).toBe('text-changed');
    // Placing a span that is not an orphan.
    expect(failure(await service.repairDrift({ docId, place: [{ id: 'm', start: 0, end: 3 }], drop: [] })).code).toBe('invalid-input');
    // A placement outside the text is refused, nothing written.
    const before = readFileSync(annFile, 'utf8');
    expect(failure(await service.repairDrift({ docId, place: [{ id: 'p', start: 0, end: 10_000 }], drop: [] })).code).toBe('bad-span');
    expect(readFileSync(annFile, 'utf8')).toBe(before);
    // Accept only "m"; "n" becomes an orphan; drop "p".
    unwrap(await service.repairDrift({ docId, accept: ['m', 'd'], place: [], drop: ['p'] }));
    const repaired = readAnn(annFile);
    expect(repaired.spans.map((s) => s.id)).toEqual(['m', 'd']);
    expect(repaired.orphans?.map((o) => o.id)).toEqual(['n']);
    unwrap(await service.repairDrift({ docId, place: [], drop: ['n'] }));
    expect(readAnn(annFile).orphans).toBeUndefined();
    expect(failure(await service.repairDrift({ docId, place: [], drop: [] })).code).toBe('invalid-input');
  });
});
