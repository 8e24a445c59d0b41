import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { lookupTable } from '../model/keyed';

/**
 * The words of a claim that carry its meaning: wink-nlp lemmas (its bundled English model, already
 * Factmark's tokenizer; pure JS, nothing downloaded), lower-cased, without stop words, punctuation
 * or numbers (numbers are compared through their Number spans instead), and with a few news
 * synonyms folded together ("pledged" / "promised", "aid" / "assistance" / "support") so that the
 * same claim worded by two outlets shares its terms.
 */
let nlp: ReturnType<typeof winkNLP> | null = null;
const pipeline = () => (nlp ??= winkNLP(model, ['pos']));

export const SYNONYMS: Readonly<Record<string, string>> = lookupTable<string>({
  pledge: 'promise',
  vow: 'promise',
  assistance: 'aid',
  support: 'aid',
  supply: 'aid',
  help: 'aid',
  fatality: 'kill',
  death: 'kill',
  die: 'kill',
  dead: 'kill',
  injury: 'injure',
  wound: 'injure',
  insurgent: 'fighter',
  militant: 'fighter',
  airstrike: 'strike',
  airstrikes: 'strike',
  attack: 'strike',
  bombing: 'strike',
  warplane: 'plane',
  aircraft: 'plane',
  moscow: 'russia',
  russian: 'russia',
  damascus: 'syria',
  syrian: 'syria',
});

/** A claim's text as its terms are read: case folded, one line (a line break is a space). */
const prepare = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s*[\r\n]+\s*/g, ' ');

/** The terms of a run of tokens (wink's type, stop-word flag and lemma of each). */
function termsOfTokens(types: readonly string[], stop: readonly boolean[], lemmas: readonly string[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    if (types[i] !== 'word' || stop[i]) continue;
    const lemma = String(lemmas[i]).toLowerCase().replace(/[’']s$/, '');
    if (lemma.length < 2 || !/\p{L}/u.test(lemma)) continue;
    out.push(SYNONYMS[lemma] ?? lemma);
  }
  return out;
}

function read(text: string) {
  const its = pipeline().its;
  const tokens = pipeline().readDoc(text).tokens();
  return {
    values: tokens.out(its.value) as string[],
    types: tokens.out(its.type) as string[],
    stop: tokens.out(its.stopWordFlag) as unknown as boolean[],
    // its.lemma needs the model's addons, which wink's types leave out of ItsFunction.
    lemmas: tokens.out(its.lemma as unknown as typeof its.value) as string[],
  };
}

export function claimTerms(text: string): string[] {
  // Lower case first: headlines in Title Case would otherwise keep their plurals ("Insurgents").
  const t = read(prepare(text));
  return termsOfTokens(t.types, t.stop, t.lemmas, 0, t.types.length);
}

/**
 * The terms of many claims, the same as claimTerms on each, three times faster: wink reads them
 * in batches of BATCH texts separated by blank lines (a sentence boundary its tagger does not look
 * across; a unit test holds the two equal), instead of one document per claim.
 */
const BATCH = 200;
export function claimTermsBatch(texts: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH).map((x) => prepare(x).trim() || '-');
    const t = read(batch.join('\n\n'));
    let from = 0;
    for (let k = 0; k <= t.types.length; k++) {
      if (k === t.types.length || t.values[k]!.includes('\n')) {
        out.push(termsOfTokens(t.types, t.stop, t.lemmas, from, k));
        from = k + 1;
      }
    }
    if (out.length !== Math.min(texts.length, i + BATCH)) throw new Error('claim terms: a batch did not split back into its texts');
  }
  return out;
}
