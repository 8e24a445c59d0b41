import type { Analysis } from './analyze';
import { NONE } from './actorFeatures';
import { TIME_WORDS } from './lexicon';

/**
 * The features the claim classifier looks at for one sentence (docs/suggestions.md lists them):
 * what makes an assertion check-worthy under the guidelines (numbers, dates, named actors, event
 * verbs, an attribution cue, a headline) and what makes it not (a question, an order, the first
 * or second person, a modal or speculative verb, an interpretive verb, boilerplate).
 */
export const ATTRIBUTION_CUES = new Set(
  'say tell report accord claim state announce deny accuse warn confirm insist allege add note indicate assure disclose estimate reveal explain acknowledge admit argue declare stress emphasise emphasize inform cite'.split(' '),
);
const MODALS = new Set(['may', 'might', 'could', 'would', 'should', 'must', 'can', 'will', 'shall']);
const AUXES = new Set(['has', 'have', 'had', 'is', 'are', 'was', 'were', 'been', 'being', 'do', 'does', 'did']);
const SPECULATION = new Set(['expect', 'likely', 'possibly', 'perhaps', 'probably', 'unclear', 'whether', 'potentially', 'apparently']);
/** Verb classes: a closed list each, so what GUM teaches about one verb carries to the others. */
const VERB_CLASSES: [string, Set<string>][] = [
  ['speech', ATTRIBUTION_CUES],
  ['opinion', new Set('think believe feel hope fear wish want like love hate prefer doubt wonder guess suppose imagine consider'.split(' '))],
  ['interp', new Set('signal underscore highlight represent demonstrate reflect illustrate mark symbolize symbolise underline mean embody epitomize'.split(' '))],
  ['stative', new Set('be remain seem appear become continue stay look sound lie sit stand belong exist'.split(' '))],
  [
    'event',
    new Set(
      ('kill capture seize launch attack withdraw advance strike bomb deploy send sign arrest die fall take enter win lose fire shell evacuate flee ' +
        'displace injure wound destroy control recapture retake storm clash fight target shoot hit invade occupy surround besiege free release kidnap ' +
        'raid open close agree vote approve reject elect appoint resign meet visit pay cost rise increase decrease drop reach receive provide deliver ' +
        'supply build found establish create halt suspend ban sanction charge sentence convict rescue save collapse crash sink burn erupt host publish ' +
        'award begin start end announce order cut move push pull drive force break kill murder execute detain hold gain score sell buy spend').split(' '),
    ),
  ],
];
const verbClass = (lemma: string) => VERB_CLASSES.find(([, set]) => set.has(lemma))?.[0] ?? 'other';
const FIRST_SECOND = new Set(['i', 'we', 'me', 'us', 'my', 'our', 'you', 'your']);
const CONNECTIVES = new Set(['however', 'but', 'meanwhile', 'moreover', 'furthermore', 'still', 'yet', 'also', 'despite', 'although', 'and', 'so', 'thus', 'therefore', 'instead', 'nevertheless']);

const bucket = (n: number, edges: readonly number[]) => {
  let k = 0;
  while (k < edges.length && n > edges[k]!) k++;
  return String(k);
};

export function sentenceFeatures(a: Analysis, index: number, range?: { first: number; last: number }): string[] {
  const s = a.sentences[index]!;
  const first = range?.first ?? s.first;
  const last = range?.last ?? s.last;
  const out = ['b'];
  let nums = 0;
  let names = 0;
  let verbs = 0;
  let dates = 0;
  const seen = new Set<string>();
  const add = (...fs: string[]) => {
    for (const f of fs) {
      if (!seen.has(f)) {
        seen.add(f);
        out.push(f);
      }
    }
  };
  let firstVerb: string | null = null;
  const classes = new Set<string>();
  for (let i = first; i <= last; i++) {
    const t = a.tokens[i]!;
    if (t.pos === 'NUM' || /\p{Nd}/u.test(t.text)) nums++;
    if (t.pos === 'PROPN' && !TIME_WORDS.has(t.lower)) names++;
    if (TIME_WORDS.has(t.lower) || /^(?:1[89]|20)\d\d$/.test(t.text)) dates++;
    if (t.pos === 'VERB') {
      verbs++;
      const c = verbClass(t.lemma);
      classes.add(c);
      firstVerb ??= c;
      if (c === 'speech') add(`cue=${t.lemma}`);
      if (t.lower !== t.lemma && /(?:ed|en)$/.test(t.lower)) add('v:past');
    }
    if (t.lemma === 'accord' && a.tokens[i + 1]?.lower === 'to') add('cue=according');
    if (t.pos === 'AUX' && MODALS.has(t.lower)) add(`modal=${t.lower}`);
    else if (t.pos === 'AUX' && AUXES.has(t.lower)) add(`aux=${t.lower}`);
    if (SPECULATION.has(t.lemma)) add(`spec=${t.lemma}`);
    if (FIRST_SECOND.has(t.lower) && t.pos === 'PRON') add(`pron=${t.lower === 'you' || t.lower === 'your' ? 2 : 1}`);
    if (t.text === '“' || t.text === '"' || t.text === '”') add('quote');
  }
  for (const c of [...classes].sort()) add(`vc=${c}`);
  add(`v1=${firstVerb ?? NONE}`);
  if (classes.has('event') && names > 0) add('event|name');
  if (classes.has('event') && nums > 0) add('event|num');
  if (classes.has('speech') && names > 0) add('speech|name');
  const firstTok = a.tokens[first]!;
  const lastTok = a.tokens[last]!;
  add(`num=${bucket(nums, [0, 1, 3])}`);
  add(`name=${bucket(names, [0, 1, 3])}`);
  add(`date=${bucket(dates, [0])}`);
  add(`verbs=${bucket(verbs, [0, 1, 3])}`);
  add(`len=${bucket(last - first + 1, [4, 8, 15, 30, 50])}`);
  add(`end=${/^[.!?]$/.test(lastTok.text) ? lastTok.text : /^["”’)]$/.test(lastTok.text) ? 'q' : 'none'}`);
  add(`f=${CONNECTIVES.has(firstTok.lower) ? firstTok.lower : firstTok.pos}`);
  if (firstTok.pos === 'VERB' && firstTok.lower === firstTok.lemma) add('imperative');
  if (s.headline) add('headline', `headline|verbs=${bucket(verbs, [0])}`);
  // The first line of the text: an article's title.
  if (s.headline && index === 0) add(`title|verbs=${bucket(verbs, [0])}`, `title|num=${bucket(nums, [0])}`);
  if (s.headline && nums > 0) add('headline|num');
  if (nums > 0 && verbs > 0) add('num|verb');
  if (names > 0 && verbs > 0) add('name|verb');
  if (dates > 0 && verbs > 0) add('date|verb');
  return out;
}
