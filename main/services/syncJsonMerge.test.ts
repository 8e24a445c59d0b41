import { describe, expect, it } from 'vitest';
import { mergeJson } from './syncJsonMerge';
import { proposeMerge } from './syncFiles';

describe('mergeJson (3-way)', () => {
  it('takes the side that changed, key by key', () => {
    expect(mergeJson({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 })).toEqual({ value: { a: 2, b: 3 }, notes: [] });
  });
  it('keeps mine where both changed the same value, and says where', () => {
    expect(mergeJson({ a: { b: 1 } }, { a: { b: 2 } }, { a: { b: 3 } })).toEqual({ value: { a: { b: 2 } }, notes: ['a.b'] });
  });
  it('merges lists of objects by id: both sides\' additions, deletions, edits', () => {
    const base = [{ id: 'x', n: 1 }, { id: 'y', n: 1 }];
    const mine = [{ id: 'x', n: 2 }, { id: 'y', n: 1 }, { id: 'm', n: 1 }];
    const theirs = [{ id: 'x', n: 1 }, { id: 't', n: 1 }];
    expect(mergeJson(base, mine, theirs)).toEqual({ value: [{ id: 'x', n: 2 }, { id: 'm', n: 1 }, { id: 't', n: 1 }], notes: [] });
  });
  it('keeps a key added on one side and drops one deleted on one side', () => {
    expect(mergeJson({ a: 1, gone: 1 }, { a: 1, gone: 1, added: true }, { a: 1 }).value).toEqual({ a: 1, added: true });
  });
});

describe('proposeMerge', () => {
  it('combines two sides\' new entities into a valid, sorted entities.json', () => {
    const base = JSON.stringify({ schemaVersion: 1, entities: [] });
    const mine = JSON.stringify({ schemaVersion: 1, entities: [{ id: 'putin', name: 'Vladimir Putin', aliases: [] }] });
    const theirs = JSON.stringify({ schemaVersion: 1, entities: [{ id: 'assad', name: 'Bashar al-Assad', aliases: ['Assad'] }] });
    const { merged, notes } = proposeMerge('entities.json', base, mine, theirs);
    expect(notes).toEqual([]);
    expect((JSON.parse(merged ?? 'null') as { entities: { id: string }[] }).entities.map((e) => e.id)).toEqual(['assad', 'putin']);
  });
  it('offers nothing when the combination is not a valid file (two new labels on one hotkey), or for text', () => {
    const label = (id: string) => ({ id, name: id, color: '#123456', hotkeys: ['q'], attributes: [] });
    const project = (labels: unknown[]) => JSON.stringify({ schemaVersion: 1, name: 'p', labels, relationTypes: [], settings: { snapToWords: true } });
    const base = project([{ ...label('claim'), hotkeys: ['1'] }]);
    const mine = project([{ ...label('claim'), hotkeys: ['1'] }, label('mine')]);
    const theirs = project([{ ...label('claim'), hotkeys: ['1'] }, label('theirs')]);
    expect(proposeMerge('project.json', base, mine, theirs).merged).toBeNull();
    expect(proposeMerge('documents/x.txt', 'a', 'b', 'c').merged).toBeNull();
  });
});
