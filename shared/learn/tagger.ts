import type { Analysis } from './analyze';
import { tokenFeatures } from './actorFeatures';
import { addModelScores } from './fastScorer';

/**
 * The actor tagger: a linear model over token features (actorFeatures.ts) scoring three tags per
 * token, B (begins an actor), I (inside one) and O (outside), decoded per sentence with Viterbi
 * under the BIO constraint (I only after B or I). The weights are those of an averaged perceptron
 * trained on GUM (scripts/train), plus the project's own adjustments learned from the
 * annotator's decisions (projectModel.ts), which are added to them.
 */
export const TAGS = ['B', 'I', 'O'] as const;
export const B = 0;
export const I = 1;
export const O = 2;

/** Weights per feature: [B, I, O]. */
export type WeightTable = Map<string, readonly number[]>;

export interface LinearModel {
  bias: readonly number[];
  weights: WeightTable;
}

export interface TaggedSpan {
  start: number;
  end: number;
  /** First and last token (inclusive). */
  first: number;
  last: number;
  /** Calibrated probability that this is an actor span (0..1). */
  score: number;
}

/** Add the weights of `features` for every class to `into` (offset `at`). */
export function addScores(model: LinearModel, features: readonly string[], into: Float64Array, at: number, classes: number): void {
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    for (let c = 0; c < classes; c++) into[at + c]! += w[c]!;
  }
}

/** Raw scores, 3 per token, from the base model plus the project's layer (if any). */
export function scoreTokens(a: Analysis, models: readonly LinearModel[], memory: readonly (readonly string[] | undefined)[]): Float64Array {
  const scores = new Float64Array(a.tokens.length * 3);
  for (const m of models) addModelScores(a, m, memory, scores);
  return scores;
}

/** scoreTokens the slow, obvious way (feature strings of actorFeatures.ts): what fastScorer.ts must equal. */
export function scoreTokensByStrings(a: Analysis, models: readonly LinearModel[], memory: readonly (readonly string[] | undefined)[]): Float64Array {
  const n = a.tokens.length;
  const scores = new Float64Array(n * 3);
  const feats: string[] = [];
  for (let i = 0; i < n; i++) {
    feats.length = 0;
    tokenFeatures(a, i, memory[i], feats);
    for (const m of models) {
      for (let c = 0; c < 3; c++) scores[i * 3 + c]! += m.bias[c] ?? 0;
      addScores(m, feats, scores, i * 3, 3);
    }
  }
  return scores;
}

/** Tag names for the transition features: the previous token's tag, "^" at a sentence start. */
const PREV = ['B', 'I', 'O', '^'] as const;
const START = 3;

/** The transition features of a token given the previous tag: `t1=<tag>` and `t1p=<tag>|<POS>`. */
export const transitionFeatures = (prev: string, pos: string) => [`t1=${prev}`, `t1p=${prev}|${pos}`];

/** Per token and previous tag (B, I, O, start), the transition scores of the three tags. */
function transitions(a: Analysis, models: readonly LinearModel[]): Float64Array {
  const n = a.tokens.length;
  const out = new Float64Array(n * 12);
  const cache = new Map<string, Float64Array>();
  for (let i = 0; i < n; i++) {
    const pos = a.tokens[i]!.pos;
    let v = cache.get(pos);
    if (!v) {
      v = new Float64Array(12);
      for (let p = 0; p < 4; p++) {
        for (const m of models) {
          for (const f of transitionFeatures(PREV[p]!, pos)) {
            const w = m.weights.get(f);
            if (w) for (let c = 0; c < 3; c++) v[p * 3 + c]! += w[c]!;
          }
        }
      }
      cache.set(pos, v);
    }
    out.set(v, i * 12);
  }
  return out;
}

/** Softmax of three scores at temperature `t`. */
function softmax3(b: number, iv: number, o: number, t: number): [number, number, number] {
  const m = Math.max(b, iv, o);
  const eb = Math.exp((b - m) / t);
  const ei = Math.exp((iv - m) / t);
  const eo = Math.exp((o - m) / t);
  const z = eb + ei + eo;
  return [eb / z, ei / z, eo / z];
}

/** The tags' probabilities of token i after previous tag `prev` (0..3). */
function local(scores: Float64Array, trans: Float64Array, i: number, prev: number, t: number): [number, number, number] {
  const e = i * 3;
  const r = i * 12 + prev * 3;
  return softmax3(scores[e]! + trans[r]!, scores[e + 1]! + trans[r + 1]!, scores[e + 2]! + trans[r + 2]!, t);
}

/** Best tag sequence of one sentence [first, last] under the BIO constraint, with transition scores. */
export function viterbi(scores: Float64Array, trans: Float64Array, first: number, last: number): number[] {
  const n = last - first + 1;
  if (n <= 0) return [];
  const best = new Float64Array(n * 3);
  const back = new Int8Array(n * 3);
  for (let c = 0; c < 3; c++) best[c] = c === I ? -Infinity : scores[first * 3 + c]! + trans[first * 12 + START * 3 + c]!;
  for (let k = 1; k < n; k++) {
    const i = first + k;
    for (let c = 0; c < 3; c++) {
      let arg = 0;
      let v = -Infinity;
      for (let p = 0; p < 3; p++) {
        if (c === I && p === O) continue;
        const cand = best[(k - 1) * 3 + p]! + trans[i * 12 + p * 3 + c]!;
        if (cand > v) {
          v = cand;
          arg = p;
        }
      }
      best[k * 3 + c] = v + scores[i * 3 + c]!;
      back[k * 3 + c] = arg;
    }
  }
  let c = 0;
  for (let x = 1; x < 3; x++) if (best[(n - 1) * 3 + x]! > best[(n - 1) * 3 + c]!) c = x;
  const tags = new Array<number>(n);
  for (let k = n - 1; k >= 0; k--) {
    tags[k] = c;
    c = back[k * 3 + c]!;
  }
  return tags;
}

/**
 * Actor spans from token scores. A span's score is the lowest of its tokens' probabilities of the
 * tag it got (given the tag before it) and of the next token's probability of not continuing it
 * (calibrated by `temperature`, fitted on held-out GUM).
 */
export function decodeSpans(a: Analysis, scores: Float64Array, temperature: number, models: readonly LinearModel[]): TaggedSpan[] {
  const trans = transitions(a, models);
  const out: TaggedSpan[] = [];
  for (const s of a.sentences) {
    const tags = viterbi(scores, trans, s.first, s.last);
    let k = 0;
    while (k < tags.length) {
      if (tags[k] !== B) {
        k++;
        continue;
      }
      let e = k;
      while (e + 1 < tags.length && tags[e + 1] === I) e++;
      const prevOf = (x: number) => (x === 0 ? START : tags[x - 1]!);
      let score = local(scores, trans, s.first + k, prevOf(k), temperature)[B];
      for (let x = k + 1; x <= e; x++) score = Math.min(score, local(scores, trans, s.first + x, tags[x - 1]!, temperature)[I]);
      if (e + 1 < tags.length) score = Math.min(score, 1 - local(scores, trans, s.first + e + 1, tags[e]!, temperature)[I]);
      const firstTok = a.tokens[s.first + k]!;
      const lastTok = a.tokens[s.first + e]!;
      out.push({ start: firstTok.start, end: lastTok.end, first: s.first + k, last: s.first + e, score });
      k = e + 1;
    }
  }
  return out;
}
