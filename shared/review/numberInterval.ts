/**
 * A Number span's value as an interval, from its `value`, `approx` and `value_max` attributes
 * (shared/model/labels.ts), and whether two numbers can both be true. "300+" is (300, ∞),
 * "at least 400" is [400, ∞): they overlap, so they are compatible; "exactly 200" [200, 200] and
 * "at least 300" do not. "about" allows 10 % either way (at least 0.5, so "about 4" is 3.5–4.5), and
 * a year either way for a date or year.
 */
export interface Interval {
  /** null: unbounded. */
  lo: number | null;
  hi: number | null;
  loOpen: boolean;
  hiOpen: boolean;
}

export interface NumberValue {
  value: number;
  approx?: string;
  valueMax?: number;
  /** The Number span's quantity (shared/model/labels.ts): a 'date or year' is written without a thousands separator. */
  quantity?: string | null;
}

/** The relative slack of "about" / "nearly" / "approximately". */
export const ABOUT_TOLERANCE = 0.1;

export function intervalOf(n: NumberValue): Interval {
  const v = n.value;
  switch (n.approx ?? 'exact') {
    case 'at least':
      return { lo: v, hi: null, loOpen: false, hiOpen: false };
    case 'more than':
      return { lo: v, hi: null, loOpen: true, hiOpen: false };
    case 'at most':
      return { lo: null, hi: v, loOpen: false, hiOpen: false };
    case 'fewer than':
      return { lo: null, hi: v, loOpen: false, hiOpen: true };
    case 'about': {
      // "About 2015" is a year either way, not 10 % of two thousand years.
      const slack = n.quantity === 'date or year' ? 1 : Math.max(Math.abs(v) * ABOUT_TOLERANCE, 0.5);
      return { lo: v - slack, hi: v + slack, loOpen: false, hiOpen: false };
    }
    case 'range': {
      const hi = n.valueMax ?? v;
      return { lo: Math.min(v, hi), hi: Math.max(v, hi), loOpen: false, hiOpen: false };
    }
    default:
      return { lo: v, hi: v, loOpen: false, hiOpen: false };
  }
}

/** Whether some value lies in both intervals. */
export function overlaps(a: Interval, b: Interval): boolean {
  // a must not end before b starts, and b must not end before a starts.
  const endsBefore = (x: Interval, y: Interval) => {
    if (x.hi === null || y.lo === null) return false;
    if (x.hi < y.lo) return true;
    return x.hi === y.lo && (x.hiOpen || y.loOpen);
  };
  return !endsBefore(a, b) && !endsBefore(b, a);
}

/** Whether two stated numbers can both be true. */
export function compatible(a: NumberValue, b: NumberValue): boolean {
  return overlaps(intervalOf(a), intervalOf(b));
}

/** "1,000,000" for a count, "2015" for a year (not "2,015"). */
// Made once: toLocaleString builds a new formatter on every call, which was a tenth of a large review's time.
const FORMATS = [true, false].map((useGrouping) => [0, 2].map((maximumFractionDigits) => new Intl.NumberFormat('en-US', { useGrouping, maximumFractionDigits })));
const formatter = (n: NumberValue) => {
  const [whole, fraction] = FORMATS[n.quantity !== 'date or year' ? 0 : 1]!;
  return (x: number) => (Number.isInteger(x) ? whole! : fraction!).format(x);
};

/** The normalised value as people read it: "4", "≥ 400", "> 300", "≈ 200 (180–220)", "10–15", "2015". */
export function describeValue(n: NumberValue): string {
  const i = intervalOf(n);
  const fmt = formatter(n);
  switch (n.approx ?? 'exact') {
    case 'at least':
      return `≥ ${fmt(n.value)}`;
    case 'more than':
      return `> ${fmt(n.value)}`;
    case 'at most':
      return `≤ ${fmt(n.value)}`;
    case 'fewer than':
      return `< ${fmt(n.value)}`;
    case 'about':
      return `≈ ${fmt(n.value)} (${fmt(i.lo!)}–${fmt(i.hi!)})`;
    case 'range':
      return `${fmt(i.lo!)}–${fmt(i.hi!)}`;
    default:
      return fmt(n.value);
  }
}

/** Why two numbers cannot both be true, in words: "4 is below ≥ 25". */
export function whyIncompatible(a: NumberValue, b: NumberValue): string {
  const ia = intervalOf(a);
  const ib = intervalOf(b);
  const [low, high] = ia.hi !== null && ib.lo !== null && (ia.hi < ib.lo || (ia.hi === ib.lo && (ia.hiOpen || ib.loOpen))) ? [a, b] : [b, a];
  return `${describeValue(low)} and ${describeValue(high)} do not overlap`;
}
