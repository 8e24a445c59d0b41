import { TITLES } from '../../shared/learn/lexicon';
import type { GumDocument, GumMention, GumSentence, GumToken } from './conllu';

/**
 * Actor spans in GUM documents, following Factmark's guidelines v2 (docs/guidelines.md), derived
 * from GUM's mentions (Entity brackets), their heads (dependency tree) and their identities:
 *
 *  - person and organization mentions, named or described, are actors; pronouns are not, nor are
 *    mentions headed by a number ("one of the sources": "one" is a number, "the sources" an actor);
 *  - civilians and victims ("four civilians", "25 individuals", "residents") are not actors;
 *  - places are actors only when they act: the subject of an agentive verb ("Russia has promised",
 *    not "Aleppo fell"), the agent of a passive ("backed by Russia"), an indirect object
 *    ("promised Damascus"), or the genitive agent of an event ("Moscow's commitment");
 *  - span: the head with its premodifiers, no leading article, demonstrative or possessive
 *    pronoun, no postmodifier (phrases and clauses after the head are cut; the mentions inside
 *    them are judged on their own);
 *  - named people and organisations: the name alone, no title ("Kremlin spokesman Dmitry Peskov"
 *    -> "Dmitry Peskov"; "the Jaish al-Izza rebel brigade" -> "Jaish al-Izza");
 *  - nested actor spans that overlap keep the outer one ("Assad's forces", not also "Assad").
 */
export interface CharSpan {
  start: number;
  end: number;
}

const VICTIMS = new Set(
  'civilian victim casualty individual people person resident inhabitant refugee migrant evacuee hostage population family passenger patient bystander'.split(' '),
);
const QUANTITY_HEADS = new Set('million thousand hundred dozen billion number lot majority minority half percent part share couple handful score'.split(' '));
/** Verbs whose subject is not an agent: a place as their subject stays a place ("Aleppo fell"). */
const NON_AGENTIVE = new Set(
  'be become remain lie sit stand fall border belong contain include host experience suffer see get seem appear look rank cover stretch extend lose have lack face'.split(' '),
);
const isName = (t: GumToken) => t.upos === 'PROPN' || t.xpos === 'NNP' || t.xpos === 'NNPS';
const feat = (t: GumToken, f: string) => t.feats.split('|').includes(f);
/** Leading tokens dropped from an actor span: articles, demonstratives, possessive pronouns, punctuation, conjunctions. */
const droppedLead = (t: GumToken) =>
  t.upos === 'PUNCT' ||
  t.upos === 'CCONJ' ||
  t.upos === 'ADP' ||
  (t.upos === 'DET' && (feat(t, 'PronType=Art') || feat(t, 'PronType=Dem'))) ||
  (t.upos === 'PRON' && (feat(t, 'Poss=Yes') || t.deprel === 'nmod:poss'));

function headOf(s: GumSentence, m: GumMention): GumToken | null {
  const inside = (id: number) => id >= m.first && id <= m.last;
  const candidates = s.tokens.filter((t) => inside(t.id) && !inside(t.head) && t.upos !== 'PUNCT');
  return candidates[0] ?? null;
}

/** Is this place mention's head acting (see above)? */
function actingPlace(s: GumSentence, head: GumToken, eventHeads: ReadonlySet<number>, depth = 0): boolean {
  const gov = s.tokens[head.head - 1];
  if (head.deprel === 'obl:agent' || head.deprel === 'iobj') return true;
  if (!gov) return false;
  if (head.deprel === 'nsubj') return gov.upos === 'VERB' && !NON_AGENTIVE.has(gov.lemma.toLowerCase());
  if (head.deprel === 'nmod:poss') return eventHeads.has(gov.id);
  if (head.deprel === 'conj' && depth === 0 && isName(gov)) return actingPlace(s, gov, eventHeads, 1);
  return false;
}

/** The tokens of a name inside [from..to] matching a Wikipedia identity ("Donald_Trump"), if any. */
function identityRun(tokens: GumToken[], identity: string | null): [number, number] | null {
  if (!identity) return null;
  const words = identity.replace(/_/g, ' ').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const forms = tokens.map((t) => t.form.toLowerCase());
  for (let i = 0; i < forms.length; i++) {
    // Tokens may split a word ("al-Assad" vs "al", "-", "Assad"): compare the joined text.
    let joined = '';
    for (let j = i; j < forms.length && joined.length < identity.length + 2; j++) {
      joined += (j > i && tokens[j]!.start > tokens[j - 1]!.end ? ' ' : '') + forms[j];
      if (joined === words.join(' ')) return [i, j];
    }
  }
  return null;
}

/** The head's last token: names continue after their syntactic head ("Fuad" <- flat "Basya"). */
function headEnd(s: GumSentence, m: GumMention, head: GumToken): number {
  let end = head.id;
  const attached = (t: GumToken): boolean => t.id === head.id || (/^(?:flat|fixed|goeswith)/.test(t.deprel) && attached(s.tokens[t.head - 1]!));
  for (const t of s.tokens) if (t.id > end && t.id <= m.last && t.id === end + 1 && attached(t)) end = t.id;
  return end;
}

function mentionSpan(s: GumSentence, m: GumMention, head: GumToken): CharSpan | null {
  const whole = s.tokens.filter((t) => t.id >= m.first && t.id <= m.last);
  const named = identityRun(whole, m.identity);
  if (named && (m.type === 'person' || m.type === 'organization')) {
    let run = whole.slice(named[0], named[1] + 1);
    while (run.length > 1 && droppedLead(run[0]!)) run = run.slice(1);
    return { start: run[0]!.start, end: run[run.length - 1]!.end };
  }
  let tokens = s.tokens.filter((t) => t.id >= m.first && t.id <= headEnd(s, m, head));
  while (tokens.length > 1 && droppedLead(tokens[0]!)) tokens = tokens.slice(1);
  // An apposition or a parenthesis before the head: the part after the last comma or bracket.
  const lastBreak = tokens.map((t) => /^[,(;:–—]$/.test(t.form)).lastIndexOf(true);
  if (lastBreak >= 0 && lastBreak < tokens.length - 1) tokens = tokens.slice(lastBreak + 1);
  if (tokens.length === 0) return null;
  if (isName(head) && (m.type === 'person' || m.type === 'organization')) {
    // The run of name tokens ending at the head; a person's titles are left out.
    let from = tokens.length - 1;
    while (from > 0 && (isName(tokens[from - 1]!) || (tokens[from - 1]!.upos === 'PUNCT' && tokens[from - 1]!.form === '-'))) from--;
    if (m.type === 'person') {
      let name = from;
      while (name < tokens.length && TITLES.has(tokens[name]!.form.toLowerCase())) name++;
      // Titles only ("Malaysia's Prime Minister"): a described person, kept whole.
      if (name < tokens.length) from = name;
      else from = 0;
    }
    // An organisation named inside a longer description keeps its descriptive premodifiers only
    // when they are names too ("US State Department").
    tokens = tokens.slice(from);
  }
  while (tokens.length > 1 && droppedLead(tokens[0]!)) tokens = tokens.slice(1);
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (!first || !last) return null;
  return { start: first.start, end: last.end };
}

/** Actor spans of one sentence (character offsets into the document text), sorted, not overlapping. */
export function sentenceActors(s: GumSentence): CharSpan[] {
  const heads = new Map<GumMention, GumToken>();
  for (const m of s.mentions) {
    const h = headOf(s, m);
    if (h) heads.set(m, h);
  }
  const eventHeads = new Set([...heads].filter(([m]) => m.type === 'event' || m.type === 'abstract').map(([, h]) => h.id));
  const spans: CharSpan[] = [];
  for (const m of s.mentions) {
    const head = heads.get(m);
    if (!head) continue;
    if (head.upos === 'PRON' || head.upos === 'NUM' || head.upos === 'DET') continue;
    // "millions of civilians", "a number of officials": the quantity is a number, the noun after it is judged on its own.
    if (QUANTITY_HEADS.has(head.lemma.toLowerCase())) continue;
    // Descriptive appositives ("Jeff Rathke, the State Department spokesperson") are not marked.
    if (head.deprel === 'appos' && !isName(head)) continue;
    if (m.type === 'person' || m.type === 'organization') {
      if (m.type === 'person' && VICTIMS.has(head.lemma.toLowerCase())) continue;
    } else if (m.type === 'place') {
      if (!isName(head) || !actingPlace(s, head, eventHeads)) continue;
    } else continue;
    const span = mentionSpan(s, m, head);
    if (span && span.end > span.start) spans.push(span);
  }
  // Longest first; a span overlapping one already kept is dropped.
  const kept: CharSpan[] = [];
  for (const sp of [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((k) => sp.start < k.end && sp.end > k.start)) kept.push(sp);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function documentActors(doc: GumDocument): CharSpan[] {
  return doc.sentences.flatMap(sentenceActors);
}
