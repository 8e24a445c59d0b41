import { analyze, type Analysis } from '../learn/analyze';
import { sentenceFeatures } from '../learn/claimFeatures';
import { claimProbability } from '../learn/claimModel';
import type { SuggestModel } from '../learn/model';
import type { LinearModel } from '../learn/tagger';
import { sortSuggestions, trimRange, type Suggestion } from './types';

/**
 * Claims suggester (guidelines v2: every check-worthy assertion, reported or the writer's own,
 * headlines included; at most one claim per sentence).
 *
 * Which sentences: with the shipped model, every sentence (a headline's clauses split at a
 * semicolon count as sentences) scored by the claim classifier (claimFeatures.ts: numbers, dates,
 * named actors, event verbs, attribution cues against questions, orders, opinions, speculation),
 * the score being the suggestion's; page boilerplate ("Read more", "Leave a Reply", …) is never
 * proposed. Without the model (rules only), the sentences with an attribution cue.
 *
 * Boundaries: the asserted content without the attribution frame where it can be cut:
 * "X happened, the army said." -> "X happened"; "According to Y, X happened." -> "X happened";
 * "Y said that X happened." -> "X happened"; "“X,” said Y." -> "X"; without a leading discourse
 * connective ("However,", "Meanwhile,", "Despite this,"), final punctuation or enclosing quotation
 * marks; time adverbials stay ("On Saturday, …"). The frame is returned for the claimant search.
 */
const CUE = '(?:said|says|say|according\\s+to|reported(?:ly)?|reports|claimed|claims|told|tells|stated|states|announced|announces|denied|denies|accused|warned|confirmed|insisted|alleged|added|noted|indicated|indicates|indicate|assured|disclosed|informed|found|finds|notes|note|estimated|estimates|reads|continued|wrote|writes|explained|argued|concluded)';
export const CUE_RE = new RegExp(`\\b${CUE}\\b`, 'i');
/** "…, the Syrian army reported." / "…,” said one of the sources." */
const FRAME_AFTER = new RegExp(`^([\\s\\S]+?)[,”"]+\\s*[”"]?\\s*((?:[^,]{0,80}?\\b${CUE}\\b|${CUE}\\b)[^]*)$`, 'i');
/** "According to X, …" / "As stated by X, …" */
const FRAME_BEFORE_ACCORDING = /^((?:according\s+to|as\s+(?:stated|noted|reported|announced|articulated|indicated)\s+(?:by|in)|as\s+\S+\s+(?:said|noted|reported))\s+[^,]{1,120}),\s*([\s\S]+)$/i;
/** Reporting verbs that open a frame before the claim: "X said (that) …", "X told reporters (that) …". */
const SAY = '(?:said|says|say|reported|reports|claimed|claims|stated|states|announced|announces|denied|denies|warned|confirmed|insisted|alleged|added|noted|indicated|indicates|indicate|disclosed|believes|found|find|finds)';
const TELL = '(?:told|tells|tell|informed|informs|assured|assures|warned)';
/** "X said (that) …", "X said: “…”", a subject of up to ~25 words (commas allowed when "that", a colon or a quote follows). */
const FRAME_BEFORE_SAY = new RegExp(`^([^;“”"]{1,160}?\\b${SAY}(?:\\s+that\\b|\\s*[:,]?\\s*(?=[“"])|\\s*:)?)\\s*([\\s\\S]+)$`, 'i');
/** "X told reporters (that) …": the one told is part of the frame (up to four words). */
const FRAME_BEFORE_TELL = new RegExp(`^([^;“”"]{1,160}?\\b${TELL}\\s+(?:[\\p{L}’'.-]+\\s+){0,3}?[\\p{L}’'.-]+(?:\\s+that\\b|\\s*[:,]\\s*|\\s*(?=[“"])))\\s*([\\s\\S]+)$`, 'iu');
/** Leading discourse connectives: not part of the claim. Time adverbials ("On Saturday,") are. */
const CONNECTIVE =
  /^(?:(?:however|meanwhile|moreover|furthermore|additionally|in addition|despite this|despite that|nevertheless|nonetheless|still|instead|also|thus|therefore|consequently|as a result|in response|at the same time|on the other hand|indeed|in fact|notably|importantly|similarly|likewise|separately|in turn|in contrast|by contrast|on top of that|in the meantime)\s*,\s*|(?:but|and|so|yet|also)\s+)/i;
/** Page boilerplate the guidelines leave out. */
const BOILERPLATE =
  /^(?:you are currently viewing|leave a (?:reply|comment)|read more|read also|related|advertisement|continue reading|sign up|subscribe|follow us|share (?:this|on)|click here|all rights reserved|copyright|©|posted (?:in|by|on)|tags?:|image:|photo:|source:)|\b(?:newsletter|cookies?|terms of (?:use|service)|privacy policy)\b/i;

export interface ClaimSuggestion extends Suggestion {
  /** Where the attribution frame is (the claimant is looked for in it), when it was cut. */
  frame?: { start: number; end: number };
}

/** A frame after the claim ends the sentence: after its cue, a few words and no quotation ("…, the army said on Monday."). */
function frameEndsSentence(frame: string): boolean {
  const cue = CUE_RE.exec(frame);
  if (!cue) return false;
  const tail = frame.slice(cue.index + cue[0].length);
  return tail.length <= 80 && !/[“"]/.test(tail.replace(/[“"”]\s*[.!?]?\s*$/, ''));
}

/** The claim inside the sentence [start, end): the frame cut off, connectives and punctuation trimmed. */
export function claimBoundaries(text: string, start: number, end: number): { start: number; end: number; frame?: { start: number; end: number } } | null {
  const s = text.slice(start, end);
  let claim: [number, number] = [0, s.length];
  let frame: [number, number] | undefined;
  if (CUE_RE.test(s) || /^as\s/i.test(s)) {
    const according = FRAME_BEFORE_ACCORDING.exec(s);
    const trailing = /,\s*(?:according\s+to|as\s+(?:stated|noted|reported)\s+by)\b/i.exec(s);
    const after = FRAME_AFTER.exec(s);
    const tell = FRAME_BEFORE_TELL.exec(s);
    const say = FRAME_BEFORE_SAY.exec(s);
    // The frame with the shorter subject wins; a subject with commas needs "that", a colon or a quote after the verb.
    const candidates = [tell, say].filter((m): m is RegExpExecArray => m !== null && m[2]!.length >= 20 && (!m[1]!.includes(',') || /(?:that|:|[“"])\s*$/i.test(m[1]!) || /^[“"]/.test(m[2]!)));
    const before = candidates.sort((x, y) => x[1]!.length - y[1]!.length)[0] ?? null;
    if (according?.[1] && according[2]) {
      frame = [0, according[1].length];
      claim = [s.length - according[2].length, s.length];
    } else if (trailing && trailing.index >= 20) {
      claim = [0, trailing.index];
      frame = [trailing.index + 1, s.length];
    } else if (after?.[1] && after[2] && after[1].length >= 20 && after[2].length <= 120 && frameEndsSentence(after[2])) {
      claim = [0, after[1].length];
      frame = [s.length - after[2].length, s.length];
    } else if (before?.[1] && before[2]) {
      frame = [0, before[1].length];
      claim = [s.length - before[2].length, s.length];
    }
  }
  let [a, b] = trimRange(text, start + claim[0], start + claim[1]);
  // Connectives, possibly several ("But meanwhile, …"), then what trimming leaves.
  for (let k = 0; k < 3; k++) {
    const m = CONNECTIVE.exec(text.slice(a, b));
    if (!m) break;
    [a, b] = trimRange(text, a + m[0].length, b);
  }
  if (b - a < 10) return null;
  return { start: a, end: b, ...(frame ? { frame: { start: start + frame[0], end: start + frame[1] } } : {}) };
}

/** The units a claim can be: sentences, a headline's clauses split at semicolons. */
function claimUnits(a: Analysis): { sentence: number; first: number; last: number }[] {
  const out: { sentence: number; first: number; last: number }[] = [];
  a.sentences.forEach((s, index) => {
    let first = s.first;
    if (s.headline) {
      for (let i = s.first; i <= s.last; i++) {
        if (a.tokens[i]!.text === ';') {
          if (i > first) out.push({ sentence: index, first, last: i - 1 });
          first = i + 1;
        }
      }
    }
    if (first <= s.last) out.push({ sentence: index, first, last: s.last });
  });
  return out;
}

export interface ClaimOptions {
  analysis?: Analysis;
  model?: SuggestModel | null;
  /** The project's learned layer of the claim classifier. */
  layers?: readonly LinearModel[];
  /** Scores below this are not returned at all (the threshold slider filters the rest). */
  floor?: number;
}

export function suggestClaims(text: string, options: ClaimOptions = {}): ClaimSuggestion[] {
  const a = options.analysis ?? analyze(text);
  const model = options.model ?? null;
  const floor = options.floor ?? 0.05;
  const out: ClaimSuggestion[] = [];
  for (const unit of claimUnits(a)) {
    const from = a.tokens[unit.first]!.start;
    const to = a.tokens[unit.last]!.end;
    const sentence = text.slice(from, to);
    if (BOILERPLATE.test(sentence) || unit.last - unit.first < 3) continue;
    let score: number;
    if (model) {
      score = claimProbability(model.claim, sentenceFeatures(a, unit.sentence, unit), options.layers ?? []);
      if (score < floor) continue;
    } else {
      if (!CUE_RE.test(sentence)) continue;
      score = 0.8;
    }
    const bounds = claimBoundaries(text, from, to);
    if (!bounds) continue;
    out.push({ start: bounds.start, end: bounds.end, label: 'claim', suggester: 'claims', score: Math.round(score * 1000) / 1000, ...(bounds.frame ? { frame: bounds.frame } : {}) });
  }
  return sortSuggestions(out) as ClaimSuggestion[];
}
