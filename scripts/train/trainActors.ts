import { tokenFeatures } from '../../shared/learn/actorFeatures';
import { decodeSpans, scoreTokens, TAGS, transitionFeatures, type LinearModel } from '../../shared/learn/tagger';
import { scoreSpans, type LabelScore, type ScoredSpan } from '../../shared/eval/score';
import type { TaggedDocument } from './actorData';
import { trainPerceptron, type TrainedWeights } from './perceptron';

/**
 * Train the actor tagger on documents' sentences (token features -> B / I / O). Two passes: a
 * first model without the previous tag, whose own decoded tags then stand in for the previous tag
 * when the final model is trained (`t1`, `t1p` features). Trained on the annotator's tags instead,
 * the final model leans on them and, decoding its own guesses at run time, misses most spans.
 */
export function trainActorTagger(docs: readonly TaggedDocument[], epochs: number, seed: number): TrainedWeights {
  const refs: [number, number][] = [];
  docs.forEach((d, di) => d.analysis.sentences.forEach((_, si) => refs.push([di, si])));
  const pass = (history: readonly (readonly number[])[] | null) =>
    trainPerceptron(
      refs,
      ([di, si]) => {
        const d = docs[di]!;
        const s = d.analysis.sentences[si]!;
        const out: [string[], string][] = [];
        for (let i = s.first; i <= s.last; i++) {
          const features = tokenFeatures(d.analysis, i, d.memory[i]);
          if (history) features.push(...transitionFeatures(i === s.first ? '^' : TAGS[history[di]![i - 1]!]!, d.analysis.tokens[i]!.pos));
          out.push([features, TAGS[d.tags[i]!]!]);
        }
        return out;
      },
      TAGS,
      epochs,
      seed,
    );
  const first = linearModel(pass(null));
  const predicted = docs.map((d) => {
    const scores = scoreTokens(d.analysis, [first], d.memory);
    const tags = new Array<number>(d.analysis.tokens.length).fill(2);
    for (const s of decodeSpans(d.analysis, scores, 1, [first])) for (let i = s.first; i <= s.last; i++) tags[i] = i === s.first ? 0 : 1;
    return tags;
  });
  return pass(predicted);
}

export const linearModel = (w: TrainedWeights): LinearModel => ({ bias: w.bias, weights: new Map(w.features) });

export interface SpanPrediction extends ScoredSpan {
  score: number;
}

export function predictActors(model: LinearModel, docs: readonly TaggedDocument[], temperature: number, withMemory = true): SpanPrediction[] {
  const out: SpanPrediction[] = [];
  for (const d of docs) {
    const scores = scoreTokens(d.analysis, [model], withMemory ? d.memory : d.votes);
    for (const s of decodeSpans(d.analysis, scores, temperature, [model])) out.push({ docId: d.id, start: s.start, end: s.end, label: 'actor', score: s.score });
  }
  return out;
}

export const goldActors = (docs: readonly TaggedDocument[]): ScoredSpan[] =>
  docs.flatMap((d) => d.gold.map((g) => ({ docId: d.id, start: g.start, end: g.end, label: 'actor' })));

export function actorScores(docs: readonly TaggedDocument[], pred: readonly SpanPrediction[], threshold = 0): LabelScore {
  return scoreSpans(goldActors(docs), pred.filter((p) => p.score >= threshold), ['actor'])[0]!;
}

/**
 * The temperature that makes span scores honest probabilities on held-out documents: the one
 * minimising the Brier score of "this span is exactly a gold span" (grid search, deterministic).
 */
export function fitTemperature(model: LinearModel, docs: readonly TaggedDocument[]): number {
  const gold = new Set(goldActors(docs).map((g) => `${g.docId}:${g.start}:${g.end}`));
  const scored = docs.map((d) => ({ d, scores: scoreTokens(d.analysis, [model], d.memory) }));
  let best = 1;
  let bestLoss = Infinity;
  for (let k = 0; k <= 40; k++) {
    const t = Math.round(0.5 * 1.15 ** k * 1000) / 1000;
    const pred = scored.flatMap(({ d, scores }) => decodeSpans(d.analysis, scores, t, [model]).map((s) => ({ docId: d.id, start: s.start, end: s.end, score: s.score })));
    let loss = 0;
    for (const p of pred) loss += (p.score - (gold.has(`${p.docId}:${p.start}:${p.end}`) ? 1 : 0)) ** 2;
    loss /= Math.max(1, pred.length);
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}
