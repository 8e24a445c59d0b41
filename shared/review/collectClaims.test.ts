import { describe, expect, it } from 'vitest';
import { collectClaims, shortTitle, sourceName } from './collectClaims';
import { testDocument } from './testKit';

describe('collectClaims', () => {
  it('reads numbers and actors inside a claim, its claimants, and leaves numbers without value out', () => {
    const doc = testDocument('d1', 'Outlet', [
      {
        text: 'Russia has promised aid within 72 hours, and more',
        numbers: [{ quote: '72 hours', value: 72, unit: 'hours', quantity: 'duration' }],
        actors: [{ quote: 'Russia', entity: 'russia' }],
        claimant: { quote: 'Reuters', entity: 'reuters' },
      },
    ]);
    doc.annotation!.spans.push({ id: 'novalue', start: 41, end: 45, label: 'number', quote: 'more', createdAt: doc.annotation!.spans[0]!.createdAt, updatedAt: doc.annotation!.spans[0]!.createdAt });
    const [claim] = collectClaims([doc], [{ id: 'reuters', name: 'Reuters news agency', aliases: [] }]);
    expect(claim!.key).toBe('d1/c0');
    expect(claim!.entities).toEqual(['russia']);
    expect(claim!.claimants).toEqual([{ spanId: 'c0by', quote: 'Reuters', entityId: 'reuters', name: 'Reuters news agency', derived: false }]);
    expect(claim!.numbers.map((n) => [n.quote, n.normalised, n.unit, n.quantity])).toEqual([['72 hours', '72', 'hours', 'duration']]);
  });

  it('names one claimant once when two of its names are linked to the same entity', () => {
    const doc = testDocument('d1', null, [{ text: 'four civilians were killed', claimant: { quote: 'Syrian Civil Defense', entity: 'scd' } }]);
    const at = doc.annotation!.spans[0]!.createdAt;
    doc.annotation!.spans.push({ id: 'alias', start: 0, end: 4, label: 'actor', quote: 'four', createdAt: at, updatedAt: at, attributes: { entity: 'scd' } });
    doc.annotation!.relations!.push({ id: 'r-alias', type: 'attributed_to', from: 'c0', to: 'alias', createdAt: at, updatedAt: at });
    expect(collectClaims([doc], [])[0]!.claimants.map((c) => c.entityId)).toEqual(['scd']);
  });

  it('names a source by its outlet, else its title shortened at a word', () => {
    expect(sourceName({ outlet: 'Defence Blog', title: 'x', docId: 'd' })).toBe('Defence Blog');
    expect(sourceName({ outlet: null, title: 'Syrian rebels take over Aleppo as Russia pledges to assist Assad regime', docId: 'd' })).toBe('Syrian rebels take over Aleppo as Russia…');
    expect(sourceName({ outlet: null, title: '', docId: 'd7' })).toBe('d7');
    expect(shortTitle('Short title')).toBe('Short title');
  });
});
