import type { SuggestModel } from '../learn/model';

/**
 * The score a suggestion needs to be shown, per label, until the annotator moves the label's
 * slider: the trained models' thresholds were chosen on the held-out development split of GUM
 * (the one that gives the best F1 there, stored in the model file); rules have fixed scores
 * (numbers 0.6–0.95) and are shown from 0.5.
 */
export const RULE_THRESHOLD = 0.5;

export function defaultThreshold(label: string, model: SuggestModel | null): number {
  if (model && label === 'actor') return model.actor.threshold;
  if (model && label === 'claim') return model.claim.threshold;
  return RULE_THRESHOLD;
}

/** The default thresholds of the labels Factmark suggests. */
export function defaultThresholds(model: SuggestModel | null): Record<string, number> {
  return { number: defaultThreshold('number', model), actor: defaultThreshold('actor', model), claim: defaultThreshold('claim', model) };
}
