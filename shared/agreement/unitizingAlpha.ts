/**
 * Krippendorff's unitizing alpha, uα, in the form of Krippendorff, Mathet, Bouvry & Widlöcher
 * (2016), "On the reliability of unitizing textual continua: Further developments", Quality &
 * Quantity 50, and Krippendorff (2019), Content Analysis, 4th ed., §12.6 — the form that replaced
 * the α_U of Krippendorff (1995, 2004) because that one misbehaved with more than two observers.
 *
 * Each of m observers divides a continuum of L characters into segments: units, each with a value
 * (here: a label), and the gaps between them (the unmarked category, φ). Coincidences are
 * lengths: l_ck = 1/(m−1) · Σ_i Σ_{j≠i} Σ_g Σ_h |S_ig ∩ S_jh| over observer i's segments of
 * value c and j's segments of value k, so l.. = m·L. Expected coincidences are those of the same
 * segments placed by chance, where a segment cannot coincide with itself: a unit of length ℓ
 * takes ℓ² self-pairings out, a gap of length ℓ only ℓ (a gap is not a unit, its characters are
 * independent):
 *   e_ck = l.. · (l_c. · l_.k − δ_ck · Σ_{segments valued c} (ℓ² for units | ℓ for gaps)) / (l..² − Σ_{all segments} (ℓ² | ℓ))
 *   uα = 1 − D_o / D_e,  D_o = l.. − Σ_c l_cc,  D_e = l.. − Σ_c e_cc.
 * With all values but φ folded into one, this is |uα (agreement on where units are, whatever their
 * values). Every quantity is a sum over segments, so several documents are one continuum laid end
 * to end: their tallies add (addUnitizingTallies). See docs/agreement.md.
 */
export const GAP = '';

/** A segment of one observer: [start, end) in characters of the continuum, and its value. */
export interface Segment {
  start: number;
  end: number;
  value: string;
}

/** What uα is computed from; additive over continua (documents) unitized by the same kind of observers. */
export interface UnitizingTally {
  /** l_ck, keyed "c\u0000k"; symmetric. */
  observed: Map<string, number>;
  /** Σ ℓ² (units) or ℓ (gaps) over every observer's segments, per value. */
  selfPairs: Map<string, number>;
}

export const emptyUnitizingTally = (): UnitizingTally => ({ observed: new Map(), selfPairs: new Map() });

const key = (c: string, k: string) => `${c}\u0000${k}`;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/** An observer's segments as a partition of [0, length): its units in order, gaps between them. Units must not overlap. */
export function partition(units: readonly Segment[], length: number): Segment[] {
  const sorted = [...units].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  let at = 0;
  for (const u of sorted) {
    if (u.start < at) throw new Error(`Units of one observer overlap at ${u.start}; merge them first.`);
    if (u.end > length) throw new Error(`A unit ends at ${u.end}, after the continuum (${length}).`);
    if (u.start > at) out.push({ start: at, end: u.start, value: GAP });
    if (u.end > u.start) out.push(u);
    at = u.end;
  }
  if (at < length) out.push({ start: at, end: length, value: GAP });
  return out;
}

/** The tally of one continuum of `length` characters unitized by `observers` (m ≥ 2; each a list of non-overlapping units). */
export function unitizingTally(observers: readonly (readonly Segment[])[], length: number): UnitizingTally {
  const tally = emptyUnitizingTally();
  const m = observers.length;
  if (m < 2 || length <= 0) return tally;
  // Values as small integers and sums in typed arrays: this runs per label, pair and document (1,000 documents × 3 annotators in the bench).
  const ids = new Map<string, number>();
  const names: string[] = [];
  const parts = observers.map((units) =>
    partition(units, length).map((s) => {
      let id = ids.get(s.value);
      if (id === undefined) {
        ids.set(s.value, (id = names.length));
        names.push(s.value);
      }
      return { start: s.start, end: s.end, id };
    }),
  );
  const v = names.length;
  const observed = new Float64Array(v * v);
  const self = new Float64Array(v);
  for (const p of parts) for (const s of p) self[s.id]! += names[s.id] === GAP ? s.end - s.start : (s.end - s.start) ** 2;
  const w = 1 / (m - 1);
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      // Both partitions cover [0, length): walk them together.
      const a = parts[i]!;
      const b = parts[j]!;
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        const sa = a[x]!;
        const sb = b[y]!;
        const overlap = Math.min(sa.end, sb.end) - Math.max(sa.start, sb.start);
        if (overlap > 0) {
          observed[sa.id * v + sb.id]! += w * overlap;
          observed[sb.id * v + sa.id]! += w * overlap;
        }
        if (sa.end <= sb.end) x++;
        else y++;
      }
    }
  }
  for (let c = 0; c < v; c++) {
    if (self[c]! > 0) tally.selfPairs.set(names[c]!, self[c]!);
    for (let k = 0; k < v; k++) if (observed[c * v + k]! > 0) tally.observed.set(key(names[c]!, names[k]!), observed[c * v + k]!);
  }
  return tally;
}

export function addUnitizingTallies(into: UnitizingTally, more: UnitizingTally): void {
  for (const [k, v] of more.observed) add(into.observed, k, v);
  for (const [k, v] of more.selfPairs) add(into.selfPairs, k, v);
}

/** The tally with every value but φ folded into one: what |uα is computed from. */
export function binaryTally(t: UnitizingTally, unit = 'unit'): UnitizingTally {
  const fold = (v: string) => (v === GAP ? GAP : unit);
  const out = emptyUnitizingTally();
  for (const [k, v] of t.observed) {
    const [c, d] = k.split('\u0000') as [string, string];
    add(out.observed, key(fold(c), fold(d)), v);
  }
  for (const [k, v] of t.selfPairs) add(out.selfPairs, fold(k), v);
  return out;
}

/** Observed and expected disagreement (coincidence mass off the diagonal) of a tally. */
export function unitizingDisagreement(t: UnitizingTally): { observed: number; expected: number } {
  let total = 0;
  let diagonal = 0;
  const margin = new Map<string, number>();
  for (const [k, v] of t.observed) {
    const [c, d] = k.split('\u0000') as [string, string];
    total += v;
    add(margin, c, v);
    if (c === d) diagonal += v;
  }
  if (total === 0) return { observed: 0, expected: 0 };
  let self = 0;
  for (const v of t.selfPairs.values()) self += v;
  const denominator = total * total - self;
  let expectedDiagonal = 0;
  for (const [c, lc] of margin) expectedDiagonal += (total * (lc * lc - (t.selfPairs.get(c) ?? 0))) / denominator;
  return { observed: total - diagonal, expected: total - expectedDiagonal };
}

/** uα of a tally; null when undefined for the data (no expected disagreement: one value everywhere, e.g. nobody marked anything). */
export function unitizingAlpha(t: UnitizingTally): number | null {
  const { observed, expected } = unitizingDisagreement(t);
  return alphaOf(observed, expected);
}

export const alphaOf = (observed: number, expected: number): number | null => (expected > 1e-12 ? 1 - observed / expected : null);
