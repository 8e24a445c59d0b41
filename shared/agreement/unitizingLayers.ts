import type { AgreementSpan, TokenRange } from './types';
import type { Segment } from './unitizingAlpha';

/**
 * The continuum of unitizing alpha for a document: its characters (code points: an emoji or a rare
 * CJK character is one character, not two UTF-16 units), and a label's units for one annotator on
 * it. An annotator's spans of one label that overlap (a span nested in another of the same label)
 * are one unit, their union: a unitization has no overlapping units. Spans that only touch stay
 * two units.
 */
export interface CharacterContinuum {
  length: number;
  /** The character index of a UTF-16 offset. */
  at(utf16: number): number;
}

export function characterContinuum(text: string | undefined, tokens: readonly TokenRange[], annotations: ReadonlyMap<string, readonly AgreementSpan[]>): CharacterContinuum {
  if (text === undefined) {
    let length = tokens.length ? tokens[tokens.length - 1]!.end : 0;
    for (const spans of annotations.values()) for (const s of spans) length = Math.max(length, s.end);
    return { length, at: (u) => u };
  }
  if (!/[\uD800-\uDFFF]/.test(text)) return { length: text.length, at: (u) => u };
  // Prefix counts of the second halves of surrogate pairs before each offset.
  const low = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    low[i + 1] = low[i]! + (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff ? 1 : 0);
  }
  return { length: text.length - low[text.length]!, at: (u) => u - low[Math.max(0, Math.min(u, text.length))]! };
}

/** One annotator's units of `label`, sorted, overlapping ones joined. */
export function labelUnits(spans: readonly AgreementSpan[], label: string, at: (utf16: number) => number): Segment[] {
  const sorted = spans
    .filter((s) => s.label === label && s.end > s.start)
    .map((s) => ({ start: at(s.start), end: at(s.end), value: label }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
