import { describe, expect, it } from 'vitest';
import { attributeCounts, attributeShare, sameValue } from './attributeAgreement';
import type { AgreementSpan } from './types';

describe('attribute agreement on matched spans', () => {
  it('compares every attribute either side has, on overlap-matched spans of the same label', () => {
    const a: AgreementSpan[] = [
      { start: 0, end: 5, label: 'number', attributes: { value: 300, approx: 'about' } },
      { start: 10, end: 20, label: 'claim', attributes: { status: 'false', hedged: true } },
      { start: 30, end: 35, label: 'actor', attributes: { kind: 'person' } },
    ];
    const b: AgreementSpan[] = [
      { start: 0, end: 4, label: 'number', attributes: { value: 300, approx: 'exact' } },
      { start: 12, end: 20, label: 'claim', attributes: { status: 'false' } },
      // not matched: another label
      { start: 30, end: 35, label: 'number', attributes: { value: 1 } },
    ];
    const c = attributeCounts(a, b);
    expect(c.get('number')?.get('value')).toEqual({ compared: 1, equal: 1 });
    expect(c.get('number')?.get('approx')).toEqual({ compared: 1, equal: 0 });
    expect(c.get('claim')?.get('status')).toEqual({ compared: 1, equal: 1 });
    expect(c.get('claim')?.get('hedged')).toEqual({ compared: 1, equal: 0 });
    expect(c.has('actor')).toBe(false);
    expect(attributeShare({ compared: 4, equal: 2 })).toBe(0.5);
    expect(attributeShare({ compared: 0, equal: 0 })).toBeNull();
  });

  it('compares multi-choice lists as sets', () => {
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue(['a'], ['a', 'b'])).toBe(false);
    expect(sameValue('x', undefined)).toBe(false);
  });
});
