/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values allowed
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C):
 *
 *   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k
 *
 * where o_ck is the coincidence matrix: every unit u with m_u ≥ 2 values adds
 * (number of c-k ordered pairs of values in u) / (m_u − 1) to o_ck; n_c = Σ_k o_ck and
 * n = Σ_c n_c is the number of pairable values. Units with fewer than two values are left out.
 * Coincidences add up across units, documents and label layers, so one accumulator serves
 * a document, a project, a pair of coders or all of them. α is null when no pairable values
 * exist or when every value is the same (expected disagreement 0: alpha is undefined there).
 */
export type Coincidences = Map<string, number>;

const key = (c: string, k: string) => `${c}\u0000${k}`;

export function addCoincidences(into: Coincidences, more: Coincidences): Coincidences {
  for (const [k, v] of more) into.set(k, (into.get(k) ?? 0) + v);
  return into;
}

/** Add one unit: the values the coders gave it (missing values left out). */
export function addUnit(into: Coincidences, values: readonly string[]): void {
  const m = values.length;
  if (m < 2) return;
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [c, nc] of counts) {
    for (const [k, nk] of counts) {
      const pairs = c === k ? nc * (nc - 1) : nc * nk;
      if (pairs > 0) into.set(key(c, k), (into.get(key(c, k)) ?? 0) + pairs / (m - 1));
    }
  }
}

export function nominalAlpha(o: Coincidences): number | null {
  const marginals = new Map<string, number>();
  let n = 0;
  let observed = 0;
  for (const [k, v] of o) {
    const [c, other] = k.split('\u0000') as [string, string];
    marginals.set(c, (marginals.get(c) ?? 0) + v);
    n += v;
    if (c !== other) observed += v;
  }
  if (n <= 1) return null;
  let expected = 0;
  for (const [c, nc] of marginals) for (const [k, nk] of marginals) if (c !== k) expected += nc * nk;
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * Binary layers (values 0/1 per token) of several coders for the same tokens: the coincidences
 * in closed form, without building a map per token. `layers[i]` is coder i's layer.
 */
export function binaryLayerCoincidences(layers: readonly Uint8Array[]): Coincidences {
  const o: Coincidences = new Map();
  const m = layers.length;
  if (m < 2) return o;
  const length = layers[0]!.length;
  let o00 = 0;
  let o11 = 0;
  let o01 = 0;
  for (let i = 0; i < length; i++) {
    let ones = 0;
    for (const l of layers) ones += l[i]!;
    const zeros = m - ones;
    o11 += ones * (ones - 1);
    o00 += zeros * (zeros - 1);
    o01 += ones * zeros;
  }
  const d = m - 1;
  if (o00) o.set(key('0', '0'), o00 / d);
  if (o11) o.set(key('1', '1'), o11 / d);
  if (o01) {
    o.set(key('0', '1'), o01 / d);
    o.set(key('1', '0'), o01 / d);
  }
  return o;
}

/**
 * Two coders' binary layers, from their 2×2 table (cohenKappa.ts): every unit has two values, so
 * m_u − 1 = 1 and o_11 = 2·n11, o_00 = 2·n00, o_01 = o_10 = n10 + n01. Same result as
 * binaryLayerCoincidences on the two layers, without another pass over the tokens.
 */
export function tableCoincidences(t: { n11: number; n10: number; n01: number; n00: number }): Coincidences {
  const o: Coincidences = new Map();
  if (t.n00) o.set(key('0', '0'), 2 * t.n00);
  if (t.n11) o.set(key('1', '1'), 2 * t.n11);
  const d = t.n10 + t.n01;
  if (d) {
    o.set(key('0', '1'), d);
    o.set(key('1', '0'), d);
  }
  return o;
}
