import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryTable } from './cohenKappa';
import { addUnit, binaryLayerCoincidences, nominalAlpha, tableCoincidences, type Coincidences } from './krippendorffAlpha';

/** Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 coders × 12 units, nominal. */
const KRIPPENDORFF_2011: (number | null)[][] = [
  // units 1..12; null: the coder gave no value
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null], // coder A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3], // coder B
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null], // coder C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null], // coder D
];

function alphaOf(coders: (number | null)[][]): number | null {
  const o: Coincidences = new Map();
  for (let u = 0; u < coders[0]!.length; u++) {
    addUnit(o, coders.map((c) => c[u]).filter((v): v is number => v !== null).map(String));
  }
  return nominalAlpha(o);
}

describe('nominal Krippendorff alpha', () => {
  it('gives 0.743 on the worked example of Krippendorff (2011)', () => {
    expect(alphaOf(KRIPPENDORFF_2011)!).toBeCloseTo(0.743, 3);
  });

  it('has the coincidence matrix of the worked example (n = 40 pairable values)', () => {
    const o: Coincidences = new Map();
    for (let u = 0; u < 12; u++) addUnit(o, KRIPPENDORFF_2011.map((c) => c[u]).filter((v): v is number => v !== null).map(String));
    const total = [...o.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(40, 9);
    // o_11 = 6 + 1/3 and o_13 = 1/3... the paper's matrix: row 1 sums to n_1 = 9.
    const n1 = [...o.entries()].filter(([k]) => k.startsWith('1\u0000')).reduce((a, [, v]) => a + v, 0);
    expect(n1).toBeCloseTo(9, 9);
  });

  it('is 1 for perfect agreement, null when only one value occurs, about 0 for chance', () => {
    expect(alphaOf([[1, 2, 1, 2], [1, 2, 1, 2]])).toBe(1);
    expect(alphaOf([[1, 1, 1], [1, 1, 1]])).toBeNull();
    // Two coders, codes crossed evenly: observed disagreement equals expected -> alpha slightly below 0 (small-sample correction).
    expect(alphaOf([[0, 0, 1, 1], [0, 1, 0, 1]])!).toBeCloseTo(1 - (7 * 4) / 32, 9);
  });

  it('ignores units with fewer than two values', () => {
    expect(alphaOf([[1, 2, 7], [1, 2, null]])).toBe(1);
  });

  it('computes binary layers in closed form exactly like unit by unit', () => {
    const layers = [Uint8Array.from([1, 1, 0, 0, 1]), Uint8Array.from([1, 0, 0, 1, 1]), Uint8Array.from([0, 1, 0, 0, 1])];
    const byUnit: Coincidences = new Map();
    for (let i = 0; i < 5; i++) addUnit(byUnit, layers.map((l) => String(l[i])));
    expect(nominalAlpha(binaryLayerCoincidences(layers))!).toBeCloseTo(nominalAlpha(byUnit)!, 12);
  });

  it('derives two coders\' coincidences from their 2×2 table exactly', () => {
    const a = Uint8Array.from([1, 1, 0, 0, 1, 0, 0]);
    const b = Uint8Array.from([1, 0, 0, 1, 1, 0, 0]);
    expect([...tableCoincidences(binaryTable(a, b))].sort()).toEqual([...binaryLayerCoincidences([a, b])].sort());
  });

  it('gives the same alpha in closed form and unit by unit for any binary layers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (coders, length, seed) => {
        let x = seed >>> 0;
        const bit = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) & 1;
        const layers = Array.from({ length: coders }, () => Uint8Array.from({ length }, bit));
        const byUnit: Coincidences = new Map();
        for (let i = 0; i < length; i++) addUnit(byUnit, layers.map((l) => String(l[i])));
        const closed = nominalAlpha(binaryLayerCoincidences(layers));
        const generic = nominalAlpha(byUnit);
        if (generic === null) expect(closed).toBeNull();
        else expect(closed!).toBeCloseTo(generic, 9);
      }),
    );
  });
});
