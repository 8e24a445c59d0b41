import { analyze, type Analysis } from './analyze';
import { tokenFeatures } from './actorFeatures';
import { sentenceFeatures } from './claimFeatures';
import { claimMargin } from './claimModel';
import { isPositive, type LearningExample } from './examples';
import { distinguishingFeature } from './layerFeatures';
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
 *  - a layer of weights added to the shipped model's: for the actor tagger, moved by each decision
 *    the combined model gets wrong or right by less than one logit, a passive-aggressive step
 *    (PA-I, Crammer et al. 2006) just large enough to fix that decision and at most `rate` per
 *    feature, on the features that distinguish the string and its context (layerFeatures.ts),
 *    so what the annotator does generalises to words the memory has not seen without moving
 *    every other word with it; for the
 *    claim classifier, refitted on all the claim decisions with a prior (updateClaim).
 */
export const LEARNING_RATES = { actor: 1, claim: 1 };
/** Claim decisions the claim layer is fitted on (the latest). */
const CLAIM_EXAMPLES = 2_000;
/** Precision of the prior keeping each claim-layer weight near 0 (in logits): ~40 decisions on a feature move it by about one logit. */
const CLAIM_PRIOR = 10;

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
  private readonly claimExamples: { feats: string[]; y: 1 | -1; base: number }[] = [];
  /** Claim decisions arrived since the claim layer was last fitted (it is refitted once per batch). */
  private claimsChanged = false;
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
    if (this.claimsChanged) {
      this.claimsChanged = false;
      this.refitClaims();
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
      // Right by a margin of one logit (at the model's temperature) already: nothing to learn.
      const margin = this.base.actor.temperature;
      let rival = guess;
      if (guess === target) {
        rival = target === 0 ? 1 : 0;
        for (let c = 0; c < 3; c++) if (c !== target && scores[c]! > scores[rival]!) rival = c;
      }
      const loss = scores[rival]! - scores[target]! + margin;
      if (loss <= 0 || rival === target) continue;
      // Passive-aggressive step (PA-I) on the features that tell this string and context apart
      // (layerFeatures.ts): just enough to fix this token, at most `rate` per feature.
      const own = feats.filter(distinguishingFeature);
      if (own.length === 0) continue;
      const tau = Math.min(rate, loss / (2 * own.length));
      for (const f of own) {
        let w = this.actorLayer.weights.get(f);
        if (!w) this.actorLayer.weights.set(f, (w = [0, 0, 0]));
        w[target]! += tau;
        w[rival]! -= tau;
      }
    }
  }

  /**
   * The claim layer is refitted on all the project's claim decisions (the latest CLAIM_EXAMPLES):
   * a logistic regression on the classifier's features whose prior keeps it near the shipped
   * model (a Gaussian of precision CLAIM_PRIOR per weight), so a few rejections of one kind of
   * sentence (a page's boilerplate, say) move the scores a little, and consistent decisions move
   * them more as they accumulate. Deterministic: a fixed number of Newton-like steps per weight.
   */
  private updateClaim(a: Analysis, [first]: [number, number], positive: boolean): void {
    if (!this.base || this.rates.claim === 0) return;
    const feats = sentenceFeatures(a, a.tokens[first]!.sentence);
    const t = this.base.claim.temperature;
    this.claimExamples.push({ feats, y: positive ? 1 : -1, base: claimMargin([this.base.claim], feats) / t });
    if (this.claimExamples.length > CLAIM_EXAMPLES) this.claimExamples.shift();
    this.claimsChanged = true;
  }

  private refitClaims(): void {
    const t = this.base!.claim.temperature;
    const counts = new Map<string, number>();
    for (const e of this.claimExamples) for (const f of e.feats) counts.set(f, (counts.get(f) ?? 0) + 1);
    const v = new Map<string, number>();
    for (let iter = 0; iter < 30; iter++) {
      const grad = new Map<string, number>();
      for (const e of this.claimExamples) {
        let z = e.base;
        for (const f of e.feats) z += v.get(f) ?? 0;
        // d/dz of log(1 + exp(-y z))
        const g = -e.y / (1 + Math.exp(e.y * z));
        for (const f of e.feats) grad.set(f, (grad.get(f) ?? 0) + g);
      }
      for (const [f, n] of counts) {
        const w = v.get(f) ?? 0;
        v.set(f, w - ((grad.get(f) ?? 0) + CLAIM_PRIOR * w) / (0.25 * n + CLAIM_PRIOR) * this.rates.claim);
      }
    }
    this.claimLayer.weights.clear();
    // In the classifier's score units: margin = Σ (w[claim] - w[other]).
    for (const [f, w] of v) if (w !== 0) this.claimLayer.weights.set(f, [w * t, 0]);
  }
}
