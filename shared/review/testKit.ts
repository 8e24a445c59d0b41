import type { Span } from '../model/schemas';
import type { ReviewDocument } from './collectClaims';

/**
 * Builds review documents for tests from a text and marked spans, so tables of cases stay short:
 * claim(text, claimant?) with numbers and actors inside it.
 */
const at = '2026-11-22T00:00:00.000Z';

export interface TestClaim {
  text: string;
  /** Numbers inside the claim: the quote (must occur in text) and its attributes. */
  numbers?: { quote: string; value: number; approx?: string; unit?: string; quantity?: string; valueMax?: number }[];
  /** Actors inside the claim: quote and entity. */
  actors?: { quote: string; entity?: string }[];
  /** The claimant (an actor after the claim): words and entity. */
  claimant?: { quote: string; entity?: string };
}

export function testDocument(docId: string, outlet: string | null, claims: TestClaim[]): ReviewDocument {
  const spans: Span[] = [];
  const relations: { id: string; type: string; from: string; to: string; createdAt: string; updatedAt: string }[] = [];
  let text = '';
  claims.forEach((c, i) => {
    const start = text.length;
    const id = `c${i}`;
    spans.push({ id, start, end: start + c.text.length, label: 'claim', quote: c.text, createdAt: at, updatedAt: at });
    (c.numbers ?? []).forEach((n, k) => {
      const s = start + c.text.indexOf(n.quote);
      if (s < start) throw new Error(`"${n.quote}" is not in "${c.text}"`);
      const attributes: Record<string, string | number> = { value: n.value, approx: n.approx ?? 'exact' };
      if (n.unit) attributes.unit = n.unit;
      if (n.quantity) attributes.quantity = n.quantity;
      if (n.valueMax !== undefined) attributes.value_max = n.valueMax;
      spans.push({ id: `${id}n${k}`, start: s, end: s + n.quote.length, label: 'number', quote: n.quote, createdAt: at, updatedAt: at, attributes });
    });
    (c.actors ?? []).forEach((a, k) => {
      const s = start + c.text.indexOf(a.quote);
      spans.push({ id: `${id}a${k}`, start: s, end: s + a.quote.length, label: 'actor', quote: a.quote, createdAt: at, updatedAt: at, ...(a.entity ? { attributes: { entity: a.entity } } : {}) });
    });
    text += `${c.text}, `;
    if (c.claimant) {
      const s = text.length;
      spans.push({ id: `${id}by`, start: s, end: s + c.claimant.quote.length, label: 'actor', quote: c.claimant.quote, createdAt: at, updatedAt: at, ...(c.claimant.entity ? { attributes: { entity: c.claimant.entity } } : {}) });
      relations.push({ id: `r${i}`, type: 'attributed_to', from: id, to: `${id}by`, createdAt: at, updatedAt: at });
      text += `${c.claimant.quote} said. `;
    }
  });
  return { meta: { id: docId, title: `Title of ${docId}`, outlet }, annotation: { spans, relations } };
}
