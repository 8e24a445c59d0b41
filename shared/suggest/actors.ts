import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Analysis } from '../learn/analyze';
import { sortSuggestions, type Suggestion } from './types';

/**
 * Actors suggester: people, organisations, states and armed groups.
 *
 * wink-nlp's bundled English lite model (already Factmark's tokenizer, pure JS, nothing to
 * download) tags parts of speech but its named-entity recogniser only knows dates, numbers and the
 * like, not people or organisations. So actors are proper-noun chunks from its POS tagger
 * ("Hayat Tahrir al-Sham", "Dmitry Peskov"), with three rules on top:
 *  - a demonym used as an adjective is not an actor ("Russian air support", "Turkish-backed"), but a
 *    demonym before a group noun is ("Russian forces", "the Syrian military command");
 *  - a name used as a place after a place preposition ("in Idlib", "city of Aleppo") is not an actor
 *    unless the gazetteer knows it as one;
 *  - months, weekdays and titles are not actors ("President" is left out of "President X").
 * The gazetteer (suggestGazetteer) proposes every already tagged actor string wherever it appears.
 */
let nlp: ReturnType<typeof winkNLP> | null = null;
const pipeline = () => (nlp ??= winkNLP(model, ['sbd', 'pos']));

interface PosToken {
  start: number;
  end: number;
  text: string;
  pos: string;
  /** First token of its sentence. */
  first: boolean;
}

function posTokens(text: string): PosToken[] {
  const its = pipeline().its;
  const doc = pipeline().readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const firsts = new Set<number>();
  for (const [first] of doc.sentences().out(its.span) as unknown as [number, number][]) firsts.add(first);
  const out: PosToken[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += (spaces[i] ?? '').length;
    const value = values[i] ?? '';
    const found = text.startsWith(value, at) ? at : text.indexOf(value, at);
    const start = found < 0 ? at : found;
    at = start + value.length;
    const lineStart = start === 0 || /\n\s*$/.test(text.slice(Math.max(0, start - 4), start));
    out.push({ start, end: start + value.length, text: value, pos: tags[i] ?? 'X', first: firsts.has(i) || lineStart });
  }
  return out;
}

const DEMONYMS = new Set(
  (
    'Afghan American Arab Armenian Azerbaijani British Chinese Egyptian European French German Indian Iranian Iraqi Israeli ' +
    'Jordanian Kurdish Lebanese Libyan Palestinian Qatari Russian Saudi Syrian Turkish Ukrainian Western Emirati Yemeni Sunni Shia Shiite Alawite Islamist'
  ).split(' '),
);
/** Nouns that make "<demonym> <noun>" an actor. */
const GROUP_NOUNS = new Set(
  (
    'forces force troops army military government authorities officials official president minister ministry regime opposition rebels ' +
    'fighters militia militias navy soldiers command leaders leader diplomats police intelligence state media spokesperson spokesman envoy ' +
    'delegation parliament administration Kurds people insurgents'
  ).split(' '),
);
const NOT_ACTORS = new Set(
  (
    'January February March April May June July August September October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. ' +
    'Sept. Sep. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday President Prime Minister Mr. Mrs. Ms. Dr. ' +
    'Gen. General Colonel Sheikh King Queen Kremlin_spokesperson Leave Reply Reports ADVERTISEMENT CONTINUE READING BELOW'
  ).split(' '),
);
const PLACE_BEFORE = /(?:\b(?:in|into|inside|towards?|near|across|outside|throughout|within|city of|province of|town of|north of|south of|east of|west of|areas like|such as)\s+(?:the\s+)?)$/i;
const PLACE_AFTER = /^\s+(?:province|city|governorate|countryside|airport|region)\b/i;
/** Tokens that continue a name between capitalised words: "al-Assad", "bin Salman", "Workers’". */
const NAME_GLUE = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'de', 'van', 'von', '-', 'of']);

const capitalised = (t: string) => /^\p{Lu}/u.test(t);

export interface ActorOptions {
  /** Actor strings the project already knows (tagged spans, entity names and aliases). */
  known?: readonly string[];
}

export function suggestActors(text: string, options: ActorOptions = {}): Suggestion[] {
  return actorChunks(text, posTokens(text), options);
}

/**
 * The rule suggester on tokens already analysed (shared/learn/analyze.ts): the trained tagger takes
 * its proposals as a feature ("the rules' votes"), without a second pass of the tagger over the text.
 */
export function ruleActorSpans(a: Analysis): Suggestion[] {
  const tokens: PosToken[] = a.tokens.map((t, i) => ({ start: t.start, end: t.end, text: t.text, pos: t.pos, first: a.sentences[t.sentence]!.first === i }));
  return actorChunks(a.text, tokens, {});
}

function actorChunks(text: string, tokens: PosToken[], options: ActorOptions): Suggestion[] {
  const known = new Set((options.known ?? []).map((k) => k.toLowerCase()));
  const out: Suggestion[] = [];
  // Headlines in Title Case capitalise every word: there, names are single proper nouns.
  const lineCache = new Map<number, boolean>();
  const titleCase = (t: PosToken) => {
    const ls = text.lastIndexOf('\n', t.start) + 1;
    let v = lineCache.get(ls);
    if (v === undefined) {
      const le = text.indexOf('\n', t.start);
      const words = text.slice(ls, le < 0 ? text.length : le).match(/\p{L}+/gu) ?? [];
      const long = words.filter((w) => w.length > 3);
      v = long.length >= 3 && long.filter((w) => capitalised(w)).length / long.length >= 0.8;
      lineCache.set(ls, v);
    }
    return v;
  };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const nameLike = (k: PosToken) => (k.pos === 'PROPN' || (capitalised(k.text) && !k.first && k.pos !== 'PRON' && k.pos !== 'DET')) && !NOT_ACTORS.has(k.text) && /\p{L}/u.test(k.text);
    if (!nameLike(t) || ((t.first || titleCase(t)) && t.pos !== 'PROPN')) {
      i++;
      continue;
    }
    // Extend over following name tokens and glue ("al-Assad", "Kurdistan Workers’ Party").
    let j = i;
    for (;;) {
      if (titleCase(t)) break;
      const next = tokens[j + 1];
      if (next && nameLike(next) && next.start - tokens[j]!.end <= 1 && !text.slice(tokens[j]!.end, next.start).includes('\n')) {
        j++;
        continue;
      }
      // Glue: up to two tokens ("al", "-") between two name tokens, on one line.
      let g = j + 1;
      while (g <= j + 2 && tokens[g] && NAME_GLUE.has(tokens[g]!.text.toLowerCase())) g++;
      const after = tokens[g];
      if (g > j + 1 && after && nameLike(after) && !text.slice(tokens[j]!.end, after.start).includes('\n')) {
        j = g;
        continue;
      }
      break;
    }
    const first = tokens[i]!;
    const last = tokens[j]!;
    // "X." at a sentence end: the full stop is not part of the name (but "U.S." keeps its dots).
    const lastEnd = /^[^.]+\.$/.test(last.text) ? last.end - 1 : last.end;
    const quote = text.slice(first.start, lastEnd);
    const nextTok = tokens[j + 1];
    if (i === j && DEMONYMS.has(first.text)) {
      // A demonym: an actor only before a group noun ("Russian forces", "Russian state media").
      let k = j + 1;
      while (tokens[k] && k - j <= 3 && tokens[k]!.pos !== 'PUNCT' && !GROUP_NOUNS.has(tokens[k]!.text)) {
        if (!['ADJ', 'NOUN'].includes(tokens[k]!.pos) || k - j >= 2) break;
        k++;
      }
      // "Russian air force": a group noun reached through one modifier.
      const end = tokens[k] && GROUP_NOUNS.has(tokens[k]!.text) ? (GROUP_NOUNS.has(tokens[k + 1]?.text ?? '') ? tokens[k + 1]! : tokens[k]!) : null;
      if (end && (nextTok?.text !== '-' )) out.push({ start: first.start, end: end.end, label: 'actor', suggester: 'actors' });
      i = j + 1;
      continue;
    }
    // Possessive glued by wink ("Syria’s") and the place rule.
    const before = text.slice(Math.max(0, first.start - 20), first.start);
    const isPlace = (PLACE_BEFORE.test(before) || PLACE_AFTER.test(text.slice(last.end, last.end + 16))) && !known.has(quote.toLowerCase());
    // "Turkish-backed", "pro-Assad", "anti-government": modifiers, not actors.
    const hyphenated = /^-(?:backed|led|held|based|controlled|allied)/.test(text.slice(last.end, last.end + 12)) || /\b(?:pro|anti)-$/i.test(before) || /^(?:pro|anti)-/i.test(quote);
    if (!isPlace && !hyphenated) out.push({ start: first.start, end: lastEnd, label: 'actor', suggester: 'actors' });
    i = j + 1;
  }
  return sortSuggestions(out);
}

/**
 * Gazetteer suggester: every known actor string (already tagged in the project, or an entity's name
 * or alias) proposed wherever else it appears as whole words, longest match first, never overlapping.
 */
export function suggestGazetteer(text: string, known: readonly string[]): Suggestion[] {
  const names = [...new Set(known.map((k) => k.trim()).filter((k) => k.length >= 2))].sort((a, b) => b.length - a.length);
  const taken: [number, number][] = [];
  const out: Suggestion[] = [];
  const lower = text.toLowerCase();
  for (const name of names) {
    const needle = name.toLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      // Case matters for names: "Iran" is not "iran" inside other text.
      if (text.slice(at, end) !== name && !capitalised(text[at] ?? '')) continue;
      if (taken.some(([s, e]) => at < e && end > s)) continue;
      taken.push([at, end]);
      out.push({ start: at, end, label: 'actor', suggester: 'gazetteer' });
    }
  }
  return sortSuggestions(out);
}
