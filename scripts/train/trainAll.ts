import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from '../../shared/learn/model';
import type { GumDocument } from './conllu';
import { prepareDocument, type TaggedDocument } from './actorData';
import { gumSplit } from './gumSplit';
import { actorScores, fitTemperature, linearModel, predictActors, trainActorTagger } from './trainActors';
import { claimSentenceScores, fitClaimTemperature, prepareClaimDocument, trainClaimClassifier, type ClaimDocument } from './trainClaims';
import { frameCutScores } from './frameCut';
import { simulateActorLearning } from './learningSimulation';

/** What `npm run train` does, as a pure function of the GUM documents (the same documents give the same bytes). */
export interface TrainOptions {
  seed: number;
  actorEpochs: number;
  claimEpochs: number;
  /** The project layer's learning rate for actors (chosen on the development split). */
  actorRate: number;
  /** Documents to train on when no split applies (tests): all of them, no held-out figures. */
  noSplit?: boolean;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { seed: 42, actorEpochs: 8, claimEpochs: 10, actorRate: 1 };

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const f3 = (s: { precision: number; recall: number; f1: number }) => ({ precision: round3(s.precision), recall: round3(s.recall), f1: round3(s.f1) });

export interface TrainResult {
  file: ModelFile;
  /** Human-readable lines for the console (the same figures as file.about.heldOut). */
  report: string[];
}

export function trainAll(gum: readonly GumDocument[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS, log: (line: string) => void = () => undefined): TrainResult {
  const docs = [...gum].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  log(`analysing ${docs.length} GUM documents with wink-nlp…`);
  const tagged: TaggedDocument[] = docs.map((d) => prepareDocument(d));
  const claims: ClaimDocument[] = docs.map((d, i) => prepareClaimDocument(d, tagged[i]!.analysis));
  const split = (id: string) => (options.noSplit ? 'train' : gumSplit(id));
  const part = <T extends { id: string }>(list: T[], s: string) => list.filter((d) => split(d.id) === s);
  const [trainA, devA, testA] = [part(tagged, 'train'), part(tagged, 'dev'), part(tagged, 'test')];
  const [trainC, devC, testC] = [part(claims, 'train'), part(claims, 'dev'), part(claims, 'test')];

  log(`actor tagger: ${trainA.length} documents, ${options.actorEpochs} epochs…`);
  const actorWeights = trainActorTagger(trainA, options.actorEpochs, options.seed);
  const actorModel = linearModel(actorWeights);
  const actorTemperature = devA.length > 0 ? fitTemperature(actorModel, devA) : 1;
  log(`claim classifier: ${trainC.length} documents, ${options.claimEpochs} epochs…`);
  const claimWeights = trainClaimClassifier(trainC, options.claimEpochs, options.seed);
  const claimModel = { ...linearModel(claimWeights), temperature: 1 };
  claimModel.temperature = devC.length > 0 ? fitClaimTemperature(claimModel, devC) : 1;
  // Default thresholds: the best F1 on the development split (exact and overlap averaged for actors).
  const grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const best = (f: (t: number) => number) => grid.reduce((b, t) => (f(t) > f(b) + 1e-9 ? t : b), 0.5);
  const devActors = devA.length > 0 ? predictActors(actorModel, devA, actorTemperature) : [];
  const actorThreshold = devA.length > 0 ? best((t) => { const r = actorScores(devA, devActors, t); return (r.exact.f1 + r.overlap.f1) / 2; }) : 0.5;
  const claimThreshold = devC.length > 0 ? best((t) => claimSentenceScores(claimModel, devC, t).f1) : 0.5;

  const heldOut: Record<string, unknown> = {};
  const report: string[] = [];
  if (testA.length > 0) {
    const news = testA.filter((d) => d.genre === 'news');
    const actorRow = (set: TaggedDocument[], memory: boolean) => {
      const s = actorScores(set, predictActors(actorModel, set, actorTemperature, memory), actorThreshold);
      return { gold: s.exact.gold, exact: f3(s.exact), overlap: f3(s.overlap) };
    };
    const claimAll = claimSentenceScores(claimModel, testC, claimThreshold);
    const claimNews = claimSentenceScores(claimModel, testC.filter((d) => d.genre === 'news'), claimThreshold);
    const frames = frameCutScores(testC.map((c) => c), docs.filter((d) => split(d.id) === 'test'));
    const learning = simulateActorLearning({ ...actorModel, temperature: actorTemperature, threshold: actorThreshold }, testA, options.actorRate);
    Object.assign(heldOut, {
      documents: testA.map((d) => d.id),
      actors: { all: actorRow(testA, true), news: actorRow(news, true), allWithoutMemory: actorRow(testA, false) },
      claimSentences: { all: { sentences: claimAll.sentences, positives: claimAll.positives, ...f3(claimAll) }, news: { sentences: claimNews.sentences, positives: claimNews.positives, ...f3(claimNews) } },
      claimBoundaries: frames,
      actorLearning: learning,
    });
    const actorRows = heldOut.actors as Record<'all' | 'news' | 'allWithoutMemory', ReturnType<typeof actorRow>>;
    const pct = (x: number) => x.toFixed(3);
    const row = (name: string, r: ReturnType<typeof actorRow>) =>
      `  ${name.padEnd(28)} ${String(r.gold).padStart(5)}  P ${pct(r.exact.precision)} R ${pct(r.exact.recall)} F1 ${pct(r.exact.f1)}   P ${pct(r.overlap.precision)} R ${pct(r.overlap.recall)} F1 ${pct(r.overlap.f1)}`;
    report.push(
      `GUM held-out split (${testA.length} documents, ${news.length} news; never trained on); default thresholds (from the dev split): actor ${actorThreshold}, claim ${claimThreshold}`,
      `  actor tagger                  gold  exact                        overlap`,
      row('all genres', actorRows.all),
      row('news', actorRows.news),
      row('all, no annotator memory', actorRows.allWithoutMemory),
      `  claim sentences (distant labels): all P ${pct(claimAll.precision)} R ${pct(claimAll.recall)} F1 ${pct(claimAll.f1)} (${claimAll.positives} of ${claimAll.sentences}); news P ${pct(claimNews.precision)} R ${pct(claimNews.recall)} F1 ${pct(claimNews.f1)}`,
      `  claim boundaries on GUM attributions: ${frames.exact} of ${frames.contents} exact (${pct(frames.exact / Math.max(1, frames.contents))}), mean overlap ${pct(frames.meanOverlap)}`,
      `  actor learning within a document (suggest a sentence, then take the annotator's tags of it): F1 exact ${pct(learning.withoutLearning.exactF1)} -> ${pct(learning.withLearning.exactF1)}, overlap ${pct(learning.withoutLearning.overlapF1)} -> ${pct(learning.withLearning.overlapF1)}`,
    );
  }
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    about: {
      name: 'Factmark suggestion model (actor tagger, claim classifier)',
      trainedOn: 'GUM corpus subset (amir-zeldes/gum, commit 72ce5ac14978a324c2fd18d49484e65292cbe316, dep/), see models/NOTICE.md',
      licence: 'Weights derived from GUM: annotations CC BY 4.0 (Zeldes 2017); texts CC BY 2.5 (Wikinews), CC BY 4.0 (academic, court), CC BY-SA 3.0 (Wikipedia, Wikivoyage)',
      learner: 'wink-perceptron 2 (averaged perceptron), features from wink-nlp with wink-eng-lite-web-model',
      seed: options.seed,
      epochs: { actor: options.actorEpochs, claim: options.claimEpochs },
      documents: { train: trainA.length, dev: devA.length, test: testA.length },
      heldOut,
    },
    actor: { tags: ['B', 'I', 'O'], temperature: actorTemperature, threshold: actorThreshold, bias: actorWeights.bias, features: Object.fromEntries(actorWeights.features) },
    claim: { classes: ['claim', 'other'], temperature: claimModel.temperature, threshold: claimThreshold, bias: claimWeights.bias, features: Object.fromEntries(claimWeights.features) },
  };
  return { file, report };
}
