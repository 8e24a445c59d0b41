import { analyze } from '../learn/analyze';
import { contextAt } from '../learn/memory';
import type { SuggestModel } from '../learn/model';
import type { ProjectLearner } from '../learn/projectLearner';
import { suggestActors, suggestGazetteer } from './actors';
import { CUE_RE, suggestClaims } from './claims';
import { suggestNumbers } from './numbers';
import { suggestTrainedActors } from './trainedActors';
import { sortSuggestions, type Suggestion } from './types';

export const SUGGEST_LABELS = ['number', 'actor', 'claim'] as const;
export type SuggestLabel = (typeof SUGGEST_LABELS)[number];

/** What the caller asks for (plain data: it travels to the suggestion worker). */
export interface SuggestOptions {
  labels?: readonly SuggestLabel[];
  /** Known actor strings for the rule gazetteer (when there is no model): tagged actor quotes, entity names and aliases. */
  known?: readonly string[];
  /** The project's entity names and aliases: with the model, known actors as if tagged once (memory features). */
  entities?: readonly string[];
  /** Spans already tagged: suggestions overlapping one of the same label are not proposed. */
  existing?: readonly { start: number; end: number; label: string }[];
}

/** What the suggesters know: the shipped model and the project's learning (live objects, in the worker). */
export interface SuggestContext {
  model?: SuggestModel | null;
  learner?: ProjectLearner | null;
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

/**
 * All suggestions for one text, each with a score. With the shipped model: the trained actor
 * tagger and claim classifier, informed by the project's learning; without it (the model file is
 * missing or unreadable): the rule suggesters and the gazetteer of known strings. Numbers are
 * rules either way. Proposals the annotator rejected (or tagged otherwise) in the same context
 * are left out.
 */
export function suggestAll(text: string, options: SuggestOptions = {}, context: SuggestContext = {}): Suggestion[] {
  const labels = new Set(options.labels ?? SUGGEST_LABELS);
  const model = context.model ?? null;
  const learner = context.learner ?? null;
  const analysis = model ? analyze(text) : null;
  const out: Suggestion[] = [];
  if (labels.has('number')) {
    let numbers = suggestNumbers(text);
    if (learner) numbers = numbers.filter((n) => !blockedNumber(text, learner, n));
    out.push(...numbers);
  }
  if (labels.has('actor')) {
    if (model && analysis) {
      out.push(...suggestTrainedActors(analysis, model, { memory: learner?.memory ?? null, entities: options.entities ?? [], layers: learner ? [learner.actorLayer] : [] }));
    } else {
      const gazetteer = suggestGazetteer(text, options.known ?? []).map((s) => ({ ...s, score: 0.9 }));
      out.push(...gazetteer);
      for (const a of suggestActors(text, { known: options.known ?? [] })) {
        if (!gazetteer.some((g) => a.start < g.end && a.end > g.start)) out.push({ ...a, score: 0.7 });
      }
    }
  }
  const existing = options.existing ?? [];
  if (labels.has('claim')) {
    const actors = [...existing.filter((e) => e.label === 'actor'), ...out.filter((s) => s.label === 'actor')];
    const claims = suggestClaims(text, { ...(analysis ? { analysis } : {}), model, layers: learner ? [learner.claimLayer] : [] });
    for (const { frame, ...claim } of claims) {
      const claimant = frame ? claimantIn(text, frame, actors) : null;
      out.push(claimant ? { ...claim, claimant } : claim);
    }
  }
  return sortSuggestions(out.filter((s) => !existing.some((e) => e.label === s.label && s.start < e.end && s.end > e.start)));
}

/** A number suggestion rejected (or tagged otherwise) by the annotator in the same context. */
function blockedNumber(text: string, learner: ProjectLearner, s: Suggestion): boolean {
  return learner.memory.blocked('number', text.slice(s.start, s.end), contextAt(text, s.start));
}
