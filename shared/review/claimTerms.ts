import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * The words of a claim that carry its meaning: wink-nlp lemmas (its bundled English model, already
 * Factmark's tokenizer; pure JS, nothing downloaded), lower-cased, without stop words, punctuation
 * or numbers (numbers are compared through their Number spans instead), and with a few news
 * synonyms folded together ("pledged" / "promised", "aid" / "assistance" / "support") so that the
 * same claim worded by two outlets shares its terms.
 */
let nlp: ReturnType<typeof winkNLP> | null = null;
const pipeline = () => (nlp ??= winkNLP(model, ['pos']));

export const SYNONYMS: Readonly<Record<string, string>> = {
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
};

export function claimTerms(text: string): string[] {
  const its = pipeline().its;
  // Lower case first: headlines in Title Case would otherwise keep their plurals ("Insurgents").
  const doc = pipeline().readDoc(text.normalize('NFKC').toLowerCase());
  const tokens = doc.tokens();
  const types = tokens.out(its.type) as string[];
  const stop = tokens.out(its.stopWordFlag) as unknown as boolean[];
  // its.lemma needs the model's addons, which wink's types leave out of ItsFunction.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const out: string[] = [];
  types.forEach((type, i) => {
    if (type !== 'word' || stop[i]) return;
    const lemma = String(lemmas[i]).toLowerCase().replace(/[’']s$/, '');
    if (lemma.length < 2 || !/\p{L}/u.test(lemma)) return;
    out.push(SYNONYMS[lemma] ?? lemma);
  });
  return out;
}
