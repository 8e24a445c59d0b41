import { suggestActors, suggestGazetteer } from './actors';
import { CUE_RE, suggestClaims } from './claims';
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

/**
 * The claimant of a claim: the actor (tagged or suggested) in its attribution frame nearest to the
 * cue word, any before the cue first ("Kremlin spokesperson Dmitry Peskov said" -> Peskov; "Peskov
 * told the Russian state media" -> Peskov; "according to the White Helmets" -> White Helmets).
 */
export function claimantIn(
  text: string,
  frame: { start: number; end: number },
  actors: readonly { start: number; end: number }[],
): { start: number; end: number } | null {
  const inside = actors.filter((a) => a.start >= frame.start && a.end <= frame.end);
  if (inside.length === 0) return null;
  const cue = CUE_RE.exec(text.slice(frame.start, frame.end));
  const cueStart = frame.start + (cue?.index ?? 0);
  const cueEnd = cue ? cueStart + cue[0].length : cueStart;
  // Before the cue (the subject of "X said", "X told Y") comes first; after it ("said Y", "according to Y") next.
  const distance = (a: { start: number; end: number }) => (a.end <= cueStart ? cueStart - a.end : a.start >= cueEnd ? text.length + a.start - cueEnd : 0);
  const best = [...inside].sort((a, b) => distance(a) - distance(b) || b.end - b.start - (a.end - a.start))[0]!;
  return { start: best.start, end: best.end };
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
  const existing = options.existing ?? [];
  if (labels.has('claim')) {
    const actors = [...existing.filter((e) => e.label === 'actor'), ...out.filter((s) => s.label === 'actor')];
    for (const { frame, ...claim } of suggestClaims(text)) {
      const claimant = frame ? claimantIn(text, frame, actors) : null;
      out.push(claimant ? { ...claim, claimant } : claim);
    }
  }
  return sortSuggestions(out.filter((s) => !existing.some((e) => e.label === s.label && s.start < e.end && s.end > e.start)));
}
