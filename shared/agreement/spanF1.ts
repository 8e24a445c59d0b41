import { matchSpans } from './spanMatching';
import type { AgreementSpan, SpanMatching } from './types';

/**
 * Span F1 between two annotators: with `matched` one-to-one pairs out of |A| and |B| spans,
 * precision of B against A is matched/|B|, recall matched/|A|, and F1 = 2·matched / (|A| + |B|),
 * which is symmetric: neither annotator is the gold. Counts add up across documents (micro
 * average); two empty sides agree fully (F1 = 1).
 */
export interface SpanCounts {
  a: number;
  b: number;
  matched: number;
}

export const emptySpanCounts = (): SpanCounts => ({ a: 0, b: 0, matched: 0 });

export function addSpanCounts(into: SpanCounts, more: SpanCounts): SpanCounts {
  into.a += more.a;
  into.b += more.b;
  into.matched += more.matched;
  return into;
}

export function f1(c: SpanCounts): number {
  const total = c.a + c.b;
  return total === 0 ? 1 : (2 * c.matched) / total;
}

/** Counts per label (every label either side uses) for one document and one pair of annotators. */
export function spanCountsByLabel(a: readonly AgreementSpan[], b: readonly AgreementSpan[], matching: SpanMatching): Map<string, SpanCounts> {
  const out = new Map<string, SpanCounts>();
  const get = (label: string) => {
    let c = out.get(label);
    if (!c) out.set(label, (c = emptySpanCounts()));
    return c;
  };
  for (const s of a) get(s.label).a++;
  for (const s of b) get(s.label).b++;
  for (const p of matchSpans(a, b, matching)) get(a[p.a]!.label).matched++;
  return out;
}
