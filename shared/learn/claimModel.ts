import type { LinearModel } from './tagger';

/**
 * The claim classifier: a linear model over sentence features (claimFeatures.ts) with two classes,
 * claim and other; the probability of a claim is the logistic of the score difference divided by
 * the temperature fitted on held-out GUM. The project's layer (projectLearner.ts) adds its own
 * weights, learned from the annotator's accepted, tagged and rejected claims.
 */
export function claimMargin(models: readonly LinearModel[], features: readonly string[]): number {
  let margin = 0;
  for (const m of models) {
    margin += (m.bias[0] ?? 0) - (m.bias[1] ?? 0);
    for (const f of features) {
      const w = m.weights.get(f);
      if (w) margin += w[0]! - w[1]!;
    }
  }
  return margin;
}

export function claimProbability(base: LinearModel & { temperature: number }, features: readonly string[], layers: readonly LinearModel[]): number {
  const margin = claimMargin([base, ...layers], features);
  return 1 / (1 + Math.exp(-margin / base.temperature));
}
