import { tokenizeSentences } from '../text/tokenize';
import { sortSuggestions, trimRange, type Suggestion } from './types';

/**
 * Claims suggester: sentences (wink-nlp's sentence splitter, via tokenizeSentences) that carry an
 * attribution cue ("said", "according to", "reported", "claimed", "told", "stated", "announced",
 * "denied", ...), proposed as the asserted clause without the attribution frame where it can be
 * cut:  "X happened, the army said."  ->  "X happened";  "According to Y, X happened."  ->  "X
 * happened";  "Y said that X happened."  ->  "X happened";  "“X,” said Y."  ->  "X". When the frame
 * cannot be cut, the whole sentence is proposed. The frame is returned too (claimant search).
 */
const CUE = '(?:said|says|say|according\\s+to|reported(?:ly)?|reports|claimed|claims|told|tells|stated|states|announced|announces|denied|denies|accused|warned|confirmed|insisted|alleged|added)';
export const CUE_RE = new RegExp(`\\b${CUE}\\b`, 'i');

type Split = { claim: [number, number]; frame?: [number, number] };

/**
 * A splitter of sentences into the asserted clause and its attribution frame, for a set of cue
 * words (a regular-expression alternation). The suggester uses CUE; the claim review adds more
 * reporting verbs ("noted", "disclosed") to find the claimant of a claim tagged by hand.
 */
export function makeAttributionSplit(cue: string): (s: string) => Split | null {
  const cueRe = new RegExp(`\\b${cue}\\b`, 'i');
  /** "…, the Syrian army reported." / "…,” said one of the sources." */
  const frameAfter = new RegExp(`^([\\s\\S]+?)[,”"]+\\s*[”"]?\\s*((?:[^,]{0,80}?\\b${cue}\\b|${cue}\\b)[^]*)$`, 'i');
  /** "According to X, …" and "As stated by X, …" */
  const frameBeforeAccording = new RegExp(`^((?:according\\s+to|as\\s+${cue}\\s+by)\\s+[^,]{1,120}),\\s*([\\s\\S]+)$`, 'i');
  /** "X said (that) …" with a short frame. */
  const frameBeforeSaid = new RegExp(`^([^,;“”"]{1,100}?\\b${cue.replace('(?:ly)?', '')}\\b(?:\\s+\\w+)?(?:\\s+that)?)\\s+([\\s\\S]+)$`, 'i');
  return (s) => {
    if (!cueRe.test(s)) return null;
    const according = frameBeforeAccording.exec(s);
    const trailing = /,\s*according\s+to\b/i.exec(s);
    const after = frameAfter.exec(s);
    const before = frameBeforeSaid.exec(s);
    if (according?.[1] && according[2]) return { frame: [0, according[1].length], claim: [s.length - according[2].length, s.length] };
    if (trailing && trailing.index >= 20) return { claim: [0, trailing.index], frame: [trailing.index + 1, s.length] };
    if (after?.[1] && after[2] && after[1].length >= 20 && after[2].length <= 120) return { claim: [0, after[1].length], frame: [s.length - after[2].length, s.length] };
    if (before?.[1] && before[2] && before[2].length >= 20) return { frame: [0, before[1].length], claim: [s.length - before[2].length, s.length] };
    return { claim: [0, s.length] };
  };
}

/**
 * Where the attribution frame of one sentence is, and the asserted clause without it, as offsets
 * into the sentence; null when the sentence has no attribution cue. When the frame cannot be cut,
 * the claim is the whole sentence and `frame` is absent.
 */
export const attributionSplit = makeAttributionSplit(CUE);

export interface ClaimSuggestion extends Suggestion {
  /** Where the attribution frame is (the claimant is looked for in it), when it was cut. */
  frame?: { start: number; end: number };
}

export function suggestClaims(text: string): ClaimSuggestion[] {
  const out: ClaimSuggestion[] = [];
  for (const sentence of tokenizeSentences(text)) {
    const split = attributionSplit(text.slice(sentence.start, sentence.end));
    if (!split) continue;
    const { claim, frame } = split;
    const [a, b] = trimRange(text, sentence.start + claim[0], sentence.start + claim[1]);
    if (b - a < 10) continue;
    out.push({
      start: a,
      end: b,
      label: 'claim',
      suggester: 'claims',
      ...(frame ? { frame: { start: sentence.start + frame[0], end: sentence.start + frame[1] } } : {}),
    });
  }
  return sortSuggestions(out) as ClaimSuggestion[];
}
