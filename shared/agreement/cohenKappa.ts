/**
 * Cohen's kappa for two coders over binary items, from the 2×2 table of their codes:
 * κ = (p_o − p_e) / (1 − p_e), with p_o the observed share of agreeing items and p_e the agreement
 * expected from each coder's own rates, p_e = p_A(1)·p_B(1) + p_A(0)·p_B(0) (Cohen 1960).
 * Tables add up across documents and label layers; κ is null when p_e = 1 (both coders gave every
 * item the same single code: kappa is undefined there).
 */
export interface BinaryTable {
  /** Items both coded 1, A 1 and B 0, A 0 and B 1, both 0. */
  n11: number;
  n10: number;
  n01: number;
  n00: number;
}

export const emptyBinaryTable = (): BinaryTable => ({ n11: 0, n10: 0, n01: 0, n00: 0 });

export function addBinaryTables(into: BinaryTable, more: BinaryTable): BinaryTable {
  into.n11 += more.n11;
  into.n10 += more.n10;
  into.n01 += more.n01;
  into.n00 += more.n00;
  return into;
}

/** The 2×2 table of two coders' layers (same length). */
export function binaryTable(a: Uint8Array, b: Uint8Array): BinaryTable {
  const t = emptyBinaryTable();
  for (let i = 0; i < a.length; i++) {
    if (a[i]) {
      if (b[i]) t.n11++;
      else t.n10++;
    } else if (b[i]) t.n01++;
    else t.n00++;
  }
  return t;
}

export function cohenKappa(t: BinaryTable): number | null {
  const n = t.n11 + t.n10 + t.n01 + t.n00;
  if (n === 0) return null;
  const po = (t.n11 + t.n00) / n;
  const a1 = (t.n11 + t.n10) / n;
  const b1 = (t.n11 + t.n01) / n;
  const pe = a1 * b1 + (1 - a1) * (1 - b1);
  if (pe >= 1) return null;
  return (po - pe) / (1 - pe);
}
