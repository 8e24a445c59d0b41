import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chipTextColor, contrastRatio, labelColorWarnings, legibleTextColor, TEXT_CONTRAST } from './contrast';
import { DEFAULT_LABELS } from '../model/labels';

const hex = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(
  (rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`,
);

describe('colour contrast', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // The measurements: white on the sample's green Number chip, the Done pill.
    expect(contrastRatio('#ffffff', '#16a34a')).toBeCloseTo(3.3, 1);
    expect(contrastRatio('#15803d', '#e3f4e8')).toBeCloseTo(4.39, 2);
  });

  it('gives every chip colour a text colour of at least 4.5:1, the green Number chip dark text', () => {
    fc.assert(fc.property(hex, (c) => contrastRatio(chipTextColor(c), c) >= TEXT_CONTRAST));
    expect(chipTextColor('#16a34a')).toBe('#1f2328');
    expect(chipTextColor('#2563eb')).toBe('#ffffff');
  });

  it('darkens a colour used as text until it reads on white, keeping readable ones as they are', () => {
    fc.assert(fc.property(hex, (c) => contrastRatio(legibleTextColor(c), '#ffffff') >= TEXT_CONTRAST));
    expect(legibleTextColor('#2563eb')).toBe('#2563eb');
    expect(legibleTextColor('#16a34a')).not.toBe('#16a34a');
  });

  it('warns about faint and very dark label colours, not about the default ones', () => {
    for (const l of DEFAULT_LABELS) expect(labelColorWarnings(l.color)).toEqual([]);
    expect(labelColorWarnings('#fde68a').map((w) => w.kind)).toEqual(['faint']);
    expect(labelColorWarnings('#000000').map((w) => w.kind)).toEqual(['dark-fill']);
  });
});
