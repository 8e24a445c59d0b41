import { analyze, type Analysis } from './analyze';
import { tokenFeatures } from './actorFeatures';
import { sentenceFeatures } from './claimFeatures';
import { claimProbability } from './claimModel';
import { isPositive, type LearningExample } from './examples';
import { SpanMemory, type EvidenceKind } from './memory';
import { ruleVotes } from './ruleVotes';
import type { SuggestModel } from './model';
import { addScores, B, I, O, transitionFeatures, type LinearModel } from './tagger';

/**
 * What one annotator's decisions in a project have taught the suggesters (it lives in the
 * suggestion worker; the examples it learns from are stored under .factmark/learning/):
 *  - the memory of strings (memory.ts): tagged, accepted, rejected, left untagged, tagged with
 *    another label, per context; it feeds the tagger's memory features and blocks proposals
 *    rejected in their context;
 *  - a layer of weights added to the shipped model's, for the actor tagger and the claim
 *    classifier, moved by each decision the combined model gets wrong (a perceptron update of
 *    size `rate`), so what the annotator does generalises to words the memory has not seen.
 */
export const LEARNING_RATES = { actor: 1, claim: 0.25 };

/** Labels whose strings the memory keeps (claims are sentences: they never repeat). */
const STRING_LABELS = ['actor', 'number'];

export interface MutableLinearModel extends LinearModel {
  weights: Map<string, number[]>;
  bias: number[];
}

const emptyLayer = (classes: number): MutableLinearModel => ({ bias: new Array<number>(classes).fill(0), weights: new Map() });

/** The tokens of [start, end) (document offsets) in the analysed sentence that starts at `offset`. */
function spanTokens(a: Analysis, offset: number, start: number, end: number): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i]!;
    if (t.end + offset <= start || t.start + offset >= end) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? null : [first, last];
}

export class ProjectLearner {
  readonly memory = new SpanMemory();
  readonly actorLayer = emptyLayer(3);
  readonly claimLayer = emptyLayer(2);
  /** Explicit decisions learned (not counting unmarked occurrences). */
  decisions = 0;
  private readonly analyses = new Map<string, Analysis>();

  constructor(
    private readonly base: SuggestModel | null,
    private readonly rates = LEARNING_RATES,
  ) {}

  private analysis(text: string): Analysis {
    let a = this.analyses.get(text);
    if (!a) {
      if (this.analyses.size > 256) this.analyses.clear();
      a = analyze(text);
      this.analyses.set(text, a);
    }
    return a;
  }

  /**
   * Learn from examples (in the order given). `count` -1 takes back an example's memory evidence
   * (an unmarked occurrence recomputed after the document changed); weight updates are never
   * taken back, like an annotator's experience.
   */
  learn(examples: readonly LearningExample[], count: 1 | -1 = 1, weights = true): void {
    for (const e of examples) {
      const positive = isPositive(e);
      if (STRING_LABELS.includes(e.label)) {
        const kind: EvidenceKind = e.kind === 'unmarked' ? 'neg' : positive ? 'pos' : 'rej';
        this.memory.add(e.label, e.quote, e.context, kind, count);
        // Tagged as this label: "tagged otherwise" for the other string labels.
        if (positive) for (const other of STRING_LABELS) if (other !== e.label) this.memory.add(other, e.quote, e.context, 'other', count);
      }
      // What the span was before: relabelled away from a label, or corrected from other boundaries.
      if (e.from && count === 1 && STRING_LABELS.includes(e.from.label)) {
        this.memory.add(e.from.label, e.from.quote, e.from.context, e.kind === 'relabel' ? 'other' : 'rej');
      }
      if (count !== 1 || e.kind === 'unmarked') continue;
      this.decisions++;
      if (!weights) continue;
      if (e.label !== 'actor' && e.label !== 'claim' && e.from?.label !== 'actor') continue;
      const a = this.analysis(e.sentence.text);
      const toks = spanTokens(a, e.sentence.start, e.start, e.end);
      if (!toks) continue;
      if (e.label === 'actor') this.updateActor(a, toks, positive);
      if (e.from?.label === 'actor' && e.kind === 'relabel') this.updateActor(a, toks, false);
      if (e.label === 'claim') this.updateClaim(a, toks, positive);
    }
  }

  /** Learn examples into the memory only (decisions too old to replay into the weights when a project is loaded). */
  learnMemoryOnly(examples: readonly LearningExample[]): void {
    this.learn(examples, 1, false);
  }

  /** Perceptron update of the actor layer on the span's tokens (and the token after it) where the combined model is wrong. */
  private updateActor(a: Analysis, [first, last]: [number, number], positive: boolean): void {
    if (!this.base || this.rates.actor === 0) return;
    const rate = this.rates.actor;
    const models: LinearModel[] = [this.base.actor, this.actorLayer];
    const s = a.sentences[a.tokens[first]!.sentence]!;
    const end = positive ? Math.min(last + 1, s.last) : last;
    const votes = ruleVotes(a);
    for (let i = first; i <= end; i++) {
      const target = positive ? (i === first ? B : i <= last ? I : a.tokens[i]!.pos === 'PUNCT' ? O : -1) : O;
      if (target < 0) continue;
      // The tag before, as the annotator's decision implies it.
      const prev = i === s.first ? '^' : positive && i > first && i <= last + 1 ? (i === first + 1 ? 'B' : 'I') : 'O';
      const feats = [...tokenFeatures(a, i, votes[i]), ...transitionFeatures(prev, a.tokens[i]!.pos)];
      const scores = new Float64Array(3);
      for (const m of models) {
        for (let c = 0; c < 3; c++) scores[c]! += m.bias[c] ?? 0;
        addScores(m, feats, scores, 0, 3);
      }
      let guess = 0;
      for (let c = 1; c < 3; c++) if (scores[c]! > scores[guess]!) guess = c;
      // The token after a positive span must not continue it (I); B or O are both right.
      if (i > last && guess !== I) continue;
      if (guess === target) continue;
      for (const f of feats) {
        let w = this.actorLayer.weights.get(f);
        if (!w) this.actorLayer.weights.set(f, (w = [0, 0, 0]));
        w[target]! += rate;
        w[guess]! -= rate;
      }
    }
  }

  private updateClaim(a: Analysis, [first]: [number, number], positive: boolean): void {
    if (!this.base || this.rates.claim === 0) return;
    const index = a.tokens[first]!.sentence;
    const feats = sentenceFeatures(a, index);
    // Wrong means on the wrong side of the threshold the suggestions are shown at.
    const p = claimProbability(this.base.claim, feats, [this.claimLayer]);
    if (positive ? p >= this.base.claim.threshold : p < this.base.claim.threshold) return;
    const sign = positive ? 1 : -1;
    for (const f of feats) {
      let w = this.claimLayer.weights.get(f);
      if (!w) this.claimLayer.weights.set(f, (w = [0, 0]));
      w[0]! += sign * this.rates.claim;
      w[1]! -= sign * this.rates.claim;
    }
  }
}
