import type { Analysis } from '../learn/analyze';
import { contextAt, SpanMemory } from '../learn/memory';
import type { SuggestModel } from '../learn/model';
import { decodeSpans, scoreTokens, type LinearModel } from '../learn/tagger';
import { mergeExtras, ruleVotes } from '../learn/ruleVotes';
import type { Suggestion } from './types';

/**
 * Actors from the trained tagger (guidelines v2: people, organisations, armed groups and states that
 * act, named or described, without leading articles and postmodifiers), each with its calibrated
 * probability as the score. The project's memory adds what the annotator's own decisions say
 * about a string (memory features), and a string rejected (or tagged otherwise) in a context is
 * not proposed in that context again.
 */
export interface TrainedActorOptions {
  memory?: SpanMemory | null;
  /** Entity names and aliases of the project: evidence as if each was tagged once. */
  entities?: readonly string[];
  layers?: readonly LinearModel[];
  /** Spans scored below this are not returned at all (the threshold slider filters the rest). */
  floor?: number;
}

export function suggestTrainedActors(a: Analysis, model: SuggestModel, options: TrainedActorOptions = {}): Suggestion[] {
  const memory = options.memory ?? null;
  const votes = ruleVotes(a);
  const known = memory ? memory.tokenFeatures(a, 'actor') : [];
  if (options.entities && options.entities.length > 0) {
    const names = new SpanMemory();
    for (const e of options.entities) names.add('actor', e, '*', 'pos');
    // The annotator's own evidence about a string comes first.
    names.tokenFeatures(a, 'actor').forEach((f, i) => {
      if (f && !known[i]) known[i] = f;
    });
  }
  const features = mergeExtras(votes, known);
  const models = [model.actor, ...(options.layers ?? [])];
  const scores = scoreTokens(a, models, features);
  const floor = options.floor ?? 0.05;
  const out: Suggestion[] = [];
  for (const span of decodeSpans(a, scores, model.actor.temperature, models)) {
    if (span.score < floor) continue;
    let last = span.last;
    // A possessive ending ("Syria’s") is not part of the actor.
    if (last > span.first && /^['’]s?$/.test(a.tokens[last]!.text)) last--;
    const tokens = a.tokens.slice(span.first, last + 1);
    if (!tokens.some((t) => /\p{L}/u.test(t.text))) continue;
    const start = tokens[0]!.start;
    const end = tokens[tokens.length - 1]!.end;
    if (memory?.blocked('actor', a.text.slice(start, end), contextAt(a.text, start))) continue;
    out.push({ start, end, label: 'actor', suggester: 'actors', score: Math.round(span.score * 1000) / 1000 });
  }
  return out;
}
