import { analyze, type Analysis } from '../../shared/learn/analyze';
import { sentenceFeatures } from '../../shared/learn/claimFeatures';
import { claimProbability } from '../../shared/learn/claimModel';
import type { LinearModel } from '../../shared/learn/tagger';
import type { GumDocument } from './conllu';
import { winkSentenceLabels } from './gumClaims';
import { trainPerceptron, type TrainedWeights } from './perceptron';

export interface ClaimDocument {
  id: string;
  genre: string;
  analysis: Analysis;
  /** Per sentence of the analysis: a claim under the distant supervision of gumClaims.ts. */
  labels: boolean[];
}

export function prepareClaimDocument(doc: GumDocument, analysis: Analysis = analyze(doc.text)): ClaimDocument {
  return { id: doc.id, genre: doc.genre, analysis, labels: winkSentenceLabels(doc, analysis) };
}

const sentences = (docs: readonly ClaimDocument[]) => docs.flatMap((d) => d.analysis.sentences.map((_, i) => ({ d, i })));

export function trainClaimClassifier(docs: readonly ClaimDocument[], epochs: number, seed: number): TrainedWeights {
  return trainPerceptron(sentences(docs), ({ d, i }) => [[sentenceFeatures(d.analysis, i), d.labels[i] ? 'claim' : 'other']], ['claim', 'other'], epochs, seed, 3);
}

/** Temperature minimising the Brier score of the sentence probabilities on held-out documents. */
export function fitClaimTemperature(model: LinearModel, docs: readonly ClaimDocument[]): number {
  const items = sentences(docs);
  let best = 1;
  let bestLoss = Infinity;
  for (let k = 0; k <= 40; k++) {
    const t = Math.round(0.5 * 1.15 ** k * 1000) / 1000;
    let loss = 0;
    for (const { d, i } of items) loss += (claimProbability({ ...model, temperature: t }, sentenceFeatures(d.analysis, i), []) - (d.labels[i] ? 1 : 0)) ** 2;
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

export function claimSentenceScores(model: LinearModel & { temperature: number }, docs: readonly ClaimDocument[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { d, i } of sentences(docs)) {
    const p = claimProbability(model, sentenceFeatures(d.analysis, i), []) >= threshold;
    const g = d.labels[i]!;
    if (p && g) tp++;
    else if (p) fp++;
    else if (g) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return { sentences: sentences(docs).length, positives: tp + fn, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
