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
/** "…, the Syrian army reported." / "…,” said one of the sources." */
const FRAME_AFTER = new RegExp(`^([\\s\\S]+?)[,”"]+\\s*[”"]?\\s*((?:[^,]{0,80}?\\b${CUE}\\b|${CUE}\\b)[^]*)$`, 'i');
/** "According to X, …" */
const FRAME_BEFORE_ACCORDING = /^(according\s+to\s+[^,]{1,120}),\s*([\s\S]+)$/i;
/** "X said (that) …" with a short frame. */
const FRAME_BEFORE_SAID = new RegExp(`^([^,;“”"]{1,100}?\\b${CUE.replace('(?:ly)?', '')}\\b(?:\\s+\\w+)?(?:\\s+that)?)\\s+([\\s\\S]+)$`, 'i');

export interface ClaimSuggestion extends Suggestion {
  /** Where the attribution frame is (the claimant is looked for in it), when it was cut. */
  frame?: { start: number; end: number };
}

export function suggestClaims(text: string): ClaimSuggestion[] {
  const out: ClaimSuggestion[] = [];
  for (const sentence of tokenizeSentences(text)) {
    const s = text.slice(sentence.start, sentence.end);
    if (!CUE_RE.test(s)) continue;
    let claim: [number, number] = [0, s.length];
    let frame: [number, number] | undefined;
    const according = FRAME_BEFORE_ACCORDING.exec(s);
    const trailing = /,\s*according\s+to\b/i.exec(s);
    const after = FRAME_AFTER.exec(s);
    const before = FRAME_BEFORE_SAID.exec(s);
    if (according?.[1] && according[2]) {
      frame = [0, according[1].length];
      claim = [s.length - according[2].length, s.length];
    } else if (trailing && trailing.index >= 20) {
      claim = [0, trailing.index];
      frame = [trailing.index + 1, s.length];
    } else if (after?.[1] && after[2] && after[1].length >= 20 && after[2].length <= 120) {
      claim = [0, after[1].length];
      frame = [s.length - after[2].length, s.length];
    } else if (before?.[1] && before[2] && before[2].length >= 20) {
      frame = [0, before[1].length];
      claim = [s.length - before[2].length, s.length];
    }
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
