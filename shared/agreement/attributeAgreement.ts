import type { AttributeValue } from '../model/schemas';
import { matchSpans } from './spanMatching';
import type { AgreementSpan } from './types';
import { ownValue } from '../model/keyed';

/**
 * Attribute agreement on matched spans: for every pair of spans matched by overlap (same label),
 * every attribute either span has a value for is one comparison, and it agrees when both have the
 * same value (a multi-choice list compared as a set; a value on one side only disagrees).
 * Agreement is the share of agreeing comparisons; counts add up across documents.
 */
export interface AttributeCounts {
  compared: number;
  equal: number;
}

export const attributeShare = (c: AttributeCounts): number | null => (c.compared === 0 ? null : c.equal / c.compared);

export function sameValue(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const set = new Set(a);
    return b.every((v) => set.has(v));
  }
  return a === b;
}

/** Counts keyed by `label` then attribute id, for one document and one pair of annotators. */
export function attributeCounts(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): Map<string, Map<string, AttributeCounts>> {
  const out = new Map<string, Map<string, AttributeCounts>>();
  for (const p of matchSpans(a, b, 'overlap')) {
    const sa = a[p.a]!;
    const sb = b[p.b]!;
    const ids = new Set([...Object.keys(sa.attributes ?? {}), ...Object.keys(sb.attributes ?? {})]);
    if (ids.size === 0) continue;
    let byAttr = out.get(sa.label);
    if (!byAttr) out.set(sa.label, (byAttr = new Map()));
    for (const id of ids) {
      let c = byAttr.get(id);
      if (!c) byAttr.set(id, (c = { compared: 0, equal: 0 }));
      c.compared++;
      if (sameValue(ownValue(sa.attributes, id), ownValue(sb.attributes, id))) c.equal++;
    }
  }
  return out;
}
