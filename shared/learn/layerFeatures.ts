import { NONE } from './actorFeatures';

/**
 * Which of a token's features one annotator decision may move in the project's actor layer.
 *
 * A decision is about a string in a context ("Aleppo" after "recaptured"), so the layer learns it
 * on the features that say which string and which context: the word, its lemma and suffix, the
 * neighbouring words, the nearest verbs, the word lists it is on. Features almost every token
 * shares (the bias, parts of speech and shapes, the rule suggester's votes, the transitions, "no
 * lexicon match", "no verb nearby") are left to the shipped model: one rejected place would
 * otherwise move all of them at once and lower every proper noun of the project by more than the
 * model's temperature ("Russia", "Moscow", "rebels" lost to one rejected "Aleppo").
 */
const CLASS_PREFIXES = ['p=', 's=', 'p-1=', 'p+1=', 'pp=', 'pn=', 's-1=', 's+1=', 'r=', 't1=', 't1p=', 'first|', 'hl|'];

/** Features that name no word, list or verb: "w-1=_" (sentence start), "lex=_", "lex-1=_|_", "nv=_". */
const isNone = (value: string) => value.split('|').every((v) => v === NONE);

export function distinguishingFeature(feature: string): boolean {
  if (feature === 'b') return false;
  if (CLASS_PREFIXES.some((p) => feature.startsWith(p))) return false;
  const eq = feature.indexOf('=');
  return eq < 0 || !isNone(feature.slice(eq + 1));
}
