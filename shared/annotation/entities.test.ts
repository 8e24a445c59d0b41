import { describe, expect, it } from 'vitest';
import type { Entity, Span } from '../model/schemas';
import { DEFAULT_LABELS } from '../model/labels';
import { entityIdFor, entityNamed, linkedEntities, normaliseName, searchEntities } from './entities';

const assad: Entity = { id: 'bashar-al-assad', name: 'Bashar al-Assad', aliases: ['Assad', 'Syrian President'] };
const hts: Entity = { id: 'hts', name: 'Hayat Tahrir al-Sham', aliases: ['HTS'] };
const erdogan: Entity = { id: 'recep-tayyip-erdogan', name: 'Recep Tayyip Erdoğan', aliases: [] };
const all = [assad, hts, erdogan];
const names = (q: string) => searchEntities(all, q).map((m) => m.entity.id);

describe('searchEntities', () => {
  it('finds an entity by its name, an alias, a word prefix or a word anywhere', () => {
    expect(names('assad')).toEqual(['bashar-al-assad']);
    expect(searchEntities(all, 'Syrian President')[0]).toMatchObject({ entity: assad, matched: 'Syrian President', score: 100 });
    expect(names('syr pres')).toEqual(['bashar-al-assad']);
    expect(names('al')).toEqual(['bashar-al-assad', 'hts']);
    expect(names('tahrir')).toEqual(['hts']);
  });

  it('ignores accents, case and punctuation, and forgives a one-letter typo', () => {
    expect(names('erdogan')).toEqual(['recep-tayyip-erdogan']);
    expect(names('AL ASSAD')).toEqual(['bashar-al-assad']);
    expect(names('asad')).toEqual(['bashar-al-assad']);
    expect(names('erdgan')).toEqual(['recep-tayyip-erdogan']);
    expect(names('putin')).toEqual([]);
  });

  it('ranks whole names before prefixes before words inside', () => {
    const es: Entity[] = [
      { id: 'a', name: 'Syrian Observatory', aliases: [] },
      { id: 'b', name: 'Syria', aliases: [] },
      { id: 'c', name: 'Free Syrian Army', aliases: [] },
    ];
    expect(searchEntities(es, 'syria').map((m) => m.entity.id)).toEqual(['b', 'a', 'c']);
  });

  it('lists every entity by name for an empty query', () => {
    expect(names('')).toEqual(['bashar-al-assad', 'hts', 'recep-tayyip-erdogan']);
  });
});

describe('entity helpers', () => {
  it('makes unique slug ids', () => {
    expect(entityIdFor('Bashar al-Assad', [])).toBe('bashar-al-assad');
    expect(entityIdFor('Bashar al-Assad', ['bashar-al-assad', 'bashar-al-assad-2'])).toBe('bashar-al-assad-3');
    expect(entityIdFor('Erdoğan', [])).toBe('erdogan');
    expect(entityIdFor('الأسد', [])).toBe('entity');
  });

  it('normalises names and finds one by exact name or alias', () => {
    expect(normaliseName('  Bashar  al-Assad! ')).toBe('bashar al assad');
    expect(entityNamed(all, 'syrian president')).toBe(assad);
    expect(entityNamed(all, 'Syria')).toBeUndefined();
  });

  it('lists the entity ids a document links to through entity attributes only', () => {
    const spans: Pick<Span, 'label' | 'attributes'>[] = [
      { label: 'actor', attributes: { entity: 'hts', kind: 'armed group' } },
      { label: 'actor', attributes: { entity: 'bashar-al-assad' } },
      { label: 'actor', attributes: { entity: 'hts' } },
      { label: 'claim', attributes: { note: 'hts' } },
      { label: 'actor' },
    ];
    expect(linkedEntities({ labels: DEFAULT_LABELS }, spans)).toEqual(['bashar-al-assad', 'hts']);
  });
});
