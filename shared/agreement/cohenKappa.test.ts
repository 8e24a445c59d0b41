import { describe, expect, it } from 'vitest';
import { binaryTable, cohenKappa } from './cohenKappa';

describe("Cohen's kappa", () => {
  it('gives 0.4 on the textbook 50-item example (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)', () => {
    // p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, kappa = 0.2 / 0.5 = 0.4 (e.g. Wikipedia, "Cohen's kappa").
    expect(cohenKappa({ n11: 20, n10: 5, n01: 10, n00: 15 })!).toBeCloseTo(0.4, 12);
  });

  it('gives 0.1304 on the second textbook example (45/15/25/15)', () => {
    // p_o = 0.6, p_e = 0.6·0.7 + 0.4·0.3 = 0.54, kappa = 0.06/0.46.
    expect(cohenKappa({ n11: 45, n10: 15, n01: 25, n00: 15 })!).toBeCloseTo(0.06 / 0.46, 12);
  });

  it('is 1 for identical layers, -1 for opposite balanced ones, null when undefined', () => {
    const a = Uint8Array.from([1, 0, 1, 0]);
    expect(cohenKappa(binaryTable(a, a))).toBe(1);
    expect(cohenKappa(binaryTable(a, Uint8Array.from([0, 1, 0, 1])))).toBe(-1);
    expect(cohenKappa(binaryTable(Uint8Array.from([0, 0]), Uint8Array.from([0, 0])))).toBeNull();
    expect(cohenKappa({ n11: 0, n10: 0, n01: 0, n00: 0 })).toBeNull();
  });

  it('counts the 2×2 table of two layers', () => {
    expect(binaryTable(Uint8Array.from([1, 1, 0, 0, 1]), Uint8Array.from([1, 0, 1, 0, 1]))).toEqual({ n11: 2, n10: 1, n01: 1, n00: 1 });
  });
});
