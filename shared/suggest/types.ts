import type { AttributeValue } from '../model/schemas';

/** The suggesters Factmark ships; a span accepted from one records it as its origin. */
export const SUGGESTER_NAMES = ['numbers', 'actors', 'gazetteer', 'claims'] as const;
export type SuggesterName = (typeof SUGGESTER_NAMES)[number];

/** A proposed span: UTF-16 offsets into the text, end exclusive. Never an annotation until accepted. */
export interface Suggestion {
  start: number;
  end: number;
  label: string;
  suggester: SuggesterName;
  /** Attribute values to pre-fill (e.g. a number's value, approx and unit). */
  attributes?: Record<string, AttributeValue>;
  /**
   * Claims only: the claimant named in the attribution frame ("…, the Syrian army said"), an actor
   * already tagged or suggested there; proposed as the claim's `attributed_to` relation.
   */
  claimant?: { start: number; end: number };
  /**
   * How sure the suggester is, 0..1: the trained models' calibrated probability (actors, claims),
   * a fixed confidence for the rules (numbers). The threshold slider hides those below it.
   */
  score?: number;
}

/** Shrink [start, end) so it neither starts nor ends with whitespace or the given punctuation. */
export function trimRange(text: string, start: number, end: number, chars = /[\s,;:.!?"'“”‘’()[\]—–-]/u): [number, number] {
  let s = start;
  let e = end;
  while (s < e && chars.test(text[s] ?? '')) s++;
  while (e > s && chars.test(text[e - 1] ?? '')) e--;
  return [s, e];
}

/** Sort by start, longer first, and drop exact duplicates. */
export function sortSuggestions(list: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return [...list]
    .sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label))
    .filter((s) => {
      const key = `${s.label}:${s.start}:${s.end}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
