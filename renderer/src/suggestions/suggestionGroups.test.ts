import { describe, expect, it } from 'vitest';
import type { SuggestionView } from '../../../shared/api/contract';
import { DEFAULT_LABELS } from '../../../shared/model/labels';
import { suggestionGroups } from './suggestionGroups';

const s = (label: string, start: number): SuggestionView => ({ id: `${label}:${start}`, start, end: start + 2, label, suggester: 'numbers' });

describe('suggestionGroups', () => {
  it('lists groups in the schema order, not by count', () => {
    const available = [s('number', 1), s('number', 5), s('number', 9), s('actor', 20), s('claim', 30)];
    expect(suggestionGroups(DEFAULT_LABELS, new Set(), available).map((g) => [g.id, g.count])).toEqual([
      ['claim', 1],
      ['actor', 1],
      ['number', 3],
    ]);
  });
  it('keeps a group whose suggestions are all gone, at 0', () => {
    expect(suggestionGroups(DEFAULT_LABELS, new Set(['actor', 'number']), [s('number', 1)]).map((g) => [g.id, g.count])).toEqual([
      ['actor', 0],
      ['number', 1],
    ]);
  });
  it('puts labels the schema lacks last, by their id', () => {
    expect(suggestionGroups(DEFAULT_LABELS, new Set(), [s('zeta', 1), s('alpha', 2), s('actor', 3)]).map((g) => g.id)).toEqual(['actor', 'alpha', 'zeta']);
  });
});
