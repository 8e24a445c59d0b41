import type { LinearModel } from './tagger';

/**
 * The shipped suggestion model (models/factmark-suggest.json, built by `npm run train` from GUM):
 * the actor tagger's and the claim classifier's weights, each with the temperature that turns its
 * scores into probabilities. Versioned: a file of another format or version is refused with a
 * message, and the rule suggesters stand in.
 */
export const MODEL_FORMAT = 'factmark-suggest-model';
export const MODEL_VERSION = 1;

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  /** Where the weights come from, their licences and the held-out figures (see models/NOTICE.md). */
  about: Record<string, unknown>;
  actor: { tags: string[]; temperature: number; threshold: number; bias: number[]; features: Record<string, number[]> };
  claim: { classes: string[]; temperature: number; threshold: number; bias: number[]; features: Record<string, number[]> };
}

/** One linear model of the file: weights, the temperature of its probabilities, the default threshold of its suggestions. */
export type ModelPart = LinearModel & { temperature: number; threshold: number };

export interface SuggestModel {
  version: number;
  actor: ModelPart;
  claim: ModelPart;
}

function table(features: unknown, width: number, what: string): Map<string, readonly number[]> {
  if (typeof features !== 'object' || features === null) throw new Error(`${what}: features missing`);
  const out = new Map<string, readonly number[]>();
  for (const [k, v] of Object.entries(features as Record<string, unknown>)) {
    if (!Array.isArray(v) || v.length !== width || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new Error(`${what}: bad weights for "${k}"`);
    out.set(k, v as number[]);
  }
  return out;
}

function part(value: unknown, classes: readonly string[], key: 'tags' | 'classes', what: string): ModelPart {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object') throw new Error(`${what} missing`);
  const names = v[key];
  if (!Array.isArray(names) || names.join() !== classes.join()) throw new Error(`${what}: ${key} must be ${classes.join(', ')}`);
  const bias = v.bias;
  if (!Array.isArray(bias) || bias.length !== classes.length || !bias.every((x) => typeof x === 'number')) throw new Error(`${what}: bad bias`);
  const temperature = v.temperature;
  if (typeof temperature !== 'number' || !(temperature > 0)) throw new Error(`${what}: bad temperature`);
  const threshold = v.threshold;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) throw new Error(`${what}: bad threshold`);
  return { bias: bias as number[], temperature, threshold, weights: table(v.features, classes.length, what) };
}

/** The model from the parsed file; throws an Error saying what is wrong with it. */
export function readModel(json: unknown): SuggestModel {
  const f = json as Partial<ModelFile> | null;
  if (!f || typeof f !== 'object' || f.format !== MODEL_FORMAT) throw new Error(`not a ${MODEL_FORMAT} file`);
  if (f.version !== MODEL_VERSION) throw new Error(`model version ${String(f.version)}, this Factmark reads version ${MODEL_VERSION}`);
  return { version: f.version, actor: part(f.actor, ['B', 'I', 'O'], 'tags', 'actor tagger'), claim: part(f.claim, ['claim', 'other'], 'classes', 'claim classifier') };
}

/** Serialise a model file: keys in a fixed order, one feature per line, sorted, so the same training gives the same bytes (and readable diffs). */
export function serializeModel(file: ModelFile): string {
  const j = JSON.stringify;
  const features = (f: Record<string, number[]>) => `{\n${Object.keys(f).sort().map((k) => `${j(k)}:${j(f[k])}`).join(',\n')}\n}`;
  const actor = `{"tags":${j(file.actor.tags)},"temperature":${j(file.actor.temperature)},"threshold":${j(file.actor.threshold)},"bias":${j(file.actor.bias)},"features":${features(file.actor.features)}}`;
  const claim = `{"classes":${j(file.claim.classes)},"temperature":${j(file.claim.temperature)},"threshold":${j(file.claim.threshold)},"bias":${j(file.claim.bias)},"features":${features(file.claim.features)}}`;
  return `{"format":${j(file.format)},"version":${j(file.version)},\n"about":${j(file.about, null, 1)},\n"actor":${actor},\n"claim":${claim}}\n`;
}
