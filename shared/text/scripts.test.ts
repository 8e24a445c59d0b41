import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiDigits, digitValue, scriptOf } from './scripts';

describe('digits of every script', () => {
  it('reads Arabic-Indic, Persian, Devanagari, full-width and mathematical digits', () => {
    expect(asciiDigits('٧٢ ساعة')).toBe('72 ساعة');
    expect(asciiDigits('۱۴۰۳')).toBe('1403');
    expect(asciiDigits('२०२४')).toBe('2024');
    expect(asciiDigits('７２小时')).toBe('72小时');
    expect(asciiDigits('𝟗𝟖')).toBe('98');
    expect(asciiDigits('١٢٬٥٠٠٫٥')).toBe('12,500.5');
  });
  it('every \\p{Nd} character has the value Number() gives its ASCII twin', () => {
    const zeros = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7ce, 0x1d7d8, 0x1d7f6];
    fc.assert(
      fc.property(fc.constantFrom(...zeros), fc.integer({ min: 0, max: 9 }), (zero, d) => digitValue(String.fromCodePoint(zero + d)) === d),
    );
  });
  it('leaves other characters alone', () => {
    expect(digitValue('a')).toBeNull();
    expect(asciiDigits('Su-24, 名')).toBe('Su-24, 名');
  });
  it('names scripts coarsely', () => {
    expect(['h', 'س', '名', 'の', 'ж', '4'].map(scriptOf)).toEqual(['Latin', 'Arabic', 'CJK', 'CJK', 'Cyrillic', null]);
  });
});
