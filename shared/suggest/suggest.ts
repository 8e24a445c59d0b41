import { suggestActors, suggestGazetteer } from './actors';
import { suggestClaims } from './claims';
import { suggestNumbers } from './numbers';
import { sortSuggestions, type Suggestion } from './types';

export const SUGGEST_LABELS = ['number', 'actor', 'claim'] as const;
export type SuggestLabel = (typeof SUGGEST_LABELS)[number];

export interface SuggestOptions {
  labels?: readonly SuggestLabel[];
  /** Known actor strings for the gazetteer (tagged actor quotes, entity names and aliases). */
  known?: readonly string[];
  /** Spans already tagged: suggestions overlapping one of the same label are not proposed. */
  existing?: readonly { start: number; end: number; label: string }[];
}

/** All suggestions for one text. A gazetteer match wins over an overlapping NLP actor. */
export function suggestAll(text: string, options: SuggestOptions = {}): Suggestion[] {
  const labels = new Set(options.labels ?? SUGGEST_LABELS);
  const out: Suggestion[] = [];
  if (labels.has('number')) out.push(...suggestNumbers(text));
  if (labels.has('actor')) {
    const gazetteer = suggestGazetteer(text, options.known ?? []);
    out.push(...gazetteer);
    for (const a of suggestActors(text, { known: options.known ?? [] })) {
      if (!gazetteer.some((g) => a.start < g.end && a.end > g.start)) out.push(a);
    }
  }
  if (labels.has('claim')) out.push(...suggestClaims(text).map(({ frame: _frame, ...s }) => s));
  const existing = options.existing ?? [];
  return sortSuggestions(out.filter((s) => !existing.some((e) => e.label === s.label && s.start < e.end && s.end > e.start)));
}
