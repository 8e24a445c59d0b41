import { describe, expect, it } from 'vitest';
import { entityLookup, nameWords, sameClaimant, sameWords, unitKey } from './nameMatch';
import type { Claimant } from './types';

const claimant = (quote: string, extra: Partial<Claimant> = {}): Claimant => ({ spanId: quote, quote, entityId: null, name: quote, derived: true, ...extra });

describe('names of sources without entities', () => {
  it.each([
    ['military sources', 'two military sources', true],
    ['two sources in the Syrian military', 'the military sources', true],
    ['Syrian army', 'Syrian military', true],
    ['Reuters', 'Syrian military sources', false],
    ['Opposition sources', 'military sources', false],
    ['Turkey’s foreign ministry', 'the ministry', true],
  ])('"%s" vs "%s": %s', (a, b, same) => {
    expect(sameWords(nameWords(a), nameWords(b))).toBe(same);
  });

  it('compares entities when both have one, names and aliases otherwise', () => {
    expect(sameClaimant(claimant('Syrian Civil Defense', { entityId: 'scd' }), claimant('White Helmets', { entityId: 'scd' }))).toBe(true);
    expect(sameClaimant(claimant('Reuters', { entityId: 'reuters' }), claimant('Reuters', { entityId: 'ap' }))).toBe(false);
    expect(sameClaimant(claimant('Syrian Civil Defense', { aliases: [{ spanId: 'x', quote: 'White Helmets' }] }), claimant('White Helmets'))).toBe(true);
    expect(sameClaimant(claimant('Syrian Civil Defense'), claimant('White Helmets'))).toBe(false);
  });

  it('finds an entity of the project by its name or an alias, ignoring case and "the"', () => {
    const find = entityLookup([{ id: 'scd', name: 'Syrian Civil Defense', aliases: ['White Helmets'] }]);
    expect(find('the white helmets')).toBe('scd');
    expect(find('Syrian Civil Defense')).toBe('scd');
    expect(find('rescuers')).toBeNull();
  });

  it('compares counted groups by their last word, folded; generic groups with any', () => {
    expect(unitKey('civilians')).toBe(unitKey('civilian'));
    expect(unitKey('insurgents')).toBe(unitKey('militants'));
    expect(unitKey('Iraqi militia members')).toBe(unitKey('members'));
    expect(unitKey('hours')).toBe('hour');
    expect(unitKey('individuals')).toBe('');
    expect(unitKey('people')).toBe('');
    expect(unitKey('children')).not.toBe(unitKey('civilians'));
  });
});
