import { makeAttributionSplit } from './attributionSplit';
import { sentenceAfter, sentenceAround, sentenceBefore } from './sentenceBounds';

/**
 * Who a claim is attributed to, read from its attribution frame when the annotator made no
 * `attributed_to` relation (an import from another tool, a claim tagged before its claimant). The
 * claim span is already cut from its frame (docs/guidelines.md, claims rule 1), so the frame is
 * the rest of the claim's sentence, before or after it, when that rest holds a reporting cue; a
 * claim kept whole with its frame (rule 6) is split as the claim suggester splits sentences
 * (shared/suggest/claims.ts, with a few more reporting verbs). The actors tagged in the frame are
 * the claimants:
 *   "…, the Syrian army reported."                          -> Syrian army
 *   "…, two sources in the Syrian military told Reuters."    -> two sources (in the Syrian military), Reuters
 *   "…, according to the Syrian Civil Defense, also known as the White Helmets" -> one claimant, two names
 *   "Mr. Pezeshkian assured Mr. Assad that …"                -> Pezeshkian (an addressee is no source)
 *   "… have been accused by the U.N. and other organizations" -> U.N., other organizations
 *   "…, he said." -> the subject of the sentence before ("Kremlin spokesperson Dmitry Peskov …")
 * An actor that only qualifies the one before it ("sources in the Syrian military", "Mustafa Abdul
 * Jaber, a commander in the Jaish al-Izza rebel brigade") is part of that claimant's description.
 * A frame in the next sentence counts when that sentence refers back to the claim with a noun the
 * claim states ("Russia has promised …" — "The pledge comes amid …, according to two military
 * sources cited by Reuters"), as the guidelines ask of annotators. The caller marks the result as
 * derived; it is never written to the annotator's file unless the reviewer confirms it.
 */
const REVIEW_CUE =
  '(?:said|says|say|according\\s+to|reported(?:ly)?|reports|claimed|claims|told|tells|stated|states|announced|announces|denied|denies|accused|warned|confirmed|insisted|alleged|added|noted|disclosed|informed|remarked|emphasi[sz]ed|indicated|asserted|asserting|conveyed|acknowledged|revealed|declared|explained|refuted|assured)';
const CUE = new RegExp(`\\b${REVIEW_CUE}\\b`, 'i');
const splitFrame = makeAttributionSplit(REVIEW_CUE);
/** Cues after which the actor named is a source too: the outlet a source spoke to ("told Reuters", "disclosed to Reuters", "cited by Reuters"). */
const TO_OUTLET = /^(?:told|disclosed)\b/i;
const PRONOUN_SUBJECT = /\b(?:he|she|they)\s*$/i;
/** After a cue, reported content: "… that", "…:", a quotation ("refuted claims that", "said:"). */
const REPORTED = /^(?:\s+[\p{L}'’-]+){0,2}?\s*(?:\bthat\b|:|["“])/u;

export interface SpanRange {
  id: string;
  start: number;
  end: number;
}

export interface DerivedClaimant {
  /** The actor span naming the claimant. */
  spanId: string;
  /** Other names of the same claimant in the frame ("also known as the White Helmets"). */
  aliasSpanIds: string[];
  /** The words describing it, with a qualifying phrase ("two sources in the Syrian military"). */
  description: string;
  /** Where it was read: the claim's frame, the next sentence referring back to the claim, or the subject a pronoun ("he said") stands for. */
  from: 'frame' | 'next-sentence' | 'pronoun';
}

/**
 * Between two actors, words that make the second qualify the first: "in the", "of", ", a commander
 * in the", " rescue organization, governed by the", " connected to".
 */
const QUALIFIER = new RegExp(
  [
    // "sources in the Syrian military", "the military of Syria"
    String.raw`^\s+(?:in|of|from|at|within|inside|for)\s+(?:the\s+)?$`,
    // "Mustafa Abdul Jaber, a commander in the …", "White Helmets rescue organization, governed by the …"
    String.raw`^(?:\s+[\p{L}'’-]+){0,3}\s*,\s*(?:(?:a|an|the)\s+[\p{L}\s'’-]{1,40}?\s+(?:in|of|from|at|for|with|on)|(?:governed|backed|supported|led|run|funded|owned|based)\s+(?:by|in))\s+(?:the\s+)?$`,
    // "Opposition sources connected to Turkish intelligence"
    String.raw`^\s+(?:connected|close|linked|affiliated|related|loyal|aligned)\s+(?:to|with)\s+(?:the\s+)?$`,
  ].join('|'),
  'iu',
);
/** "X, also known as (the) Y" / "X (Y)": two names of one claimant. */
const ALIAS = /^\s*(?:,\s*(?:also\s+)?(?:known|called)\s+as\s+(?:the\s+)?|\(\s*)$/i;
/** A sentence that refers back to the previous one with a common noun: "The pledge …", "This announcement …". */
const ANAPHOR = /^["“‘(]*(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ss]uch\s+an?)\s+(?:(?:latest|new|same|reported|promised|announced)\s+)?(\p{Ll}[\p{L}-]*)(?![\p{L}-])/u;

interface Group {
  head: SpanRange;
  last: SpanRange;
  claimant: DerivedClaimant;
}

/** Actors wholly inside [start, end), in text order, grouped into claimants (qualifiers and aliases joined to the actor before). */
function groupsIn(text: string, start: number, end: number, actors: readonly SpanRange[], from: DerivedClaimant['from']): Group[] {
  const inside = actors.filter((a) => a.start >= start && a.end <= end).sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: Group[] = [];
  for (const actor of inside) {
    const previous = groups[groups.length - 1];
    // Nested in the previous actor's span ("two military sources" holding "military sources"): the same one.
    if (previous && actor.start < previous.last.end) continue;
    const between = previous ? text.slice(previous.last.end, actor.start) : '';
    if (previous && ALIAS.test(between)) {
      previous.claimant.aliasSpanIds.push(actor.id);
      previous.last = actor;
      continue;
    }
    if (previous && QUALIFIER.test(between)) {
      previous.claimant.description = text.slice(previous.head.start, actor.end);
      previous.last = actor;
      continue;
    }
    groups.push({ head: actor, last: actor, claimant: { spanId: actor.id, aliasSpanIds: [], description: text.slice(actor.start, actor.end), from } });
  }
  return groups;
}

/**
 * The claimants named in the frame [start, end): the speaker before the cue ("X said", "X told
 * Y") and, after it, the source of a cue-first frame ("said X", "according to X") or the outlet
 * a source spoke to ("told Reuters"); after a passive cue ("accused by X") the agents.
 */
function claimantsOfFrame(text: string, start: number, end: number, actors: readonly SpanRange[], from: DerivedClaimant['from']): DerivedClaimant[] {
  const frame = text.slice(start, end);
  const cue = CUE.exec(frame);
  const groups = groupsIn(text, start, end, actors, from);
  if (!cue) return groups.map((g) => g.claimant);
  const cueStart = start + cue.index;
  const cueEnd = cueStart + cue[0].length;
  const before = groups.filter((g) => g.head.end <= cueStart);
  const after = groups.filter((g) => g.head.start >= cueEnd);
  if (/^\s+by\b/i.test(text.slice(cueEnd, cueEnd + 4))) {
    // "accused by the U.N. and other organizations of …": the agents, up to the end of their phrase.
    const stop = /,|\bof\b/.exec(text.slice(cueEnd + 4, end));
    const limit = stop ? cueEnd + 4 + stop.index : end;
    return after.filter((g) => g.head.end <= limit).map((g) => g.claimant);
  }
  if (before.length > 0) return [...before, ...(TO_OUTLET.test(cue[0]) ? after : [])].map((g) => g.claimant);
  return after.map((g) => g.claimant);
}

/**
 * The frame of a claim: the rest of its sentence holding a cue, after the claim first; or, for a
 * claim kept whole with its frame (guidelines rule 6), the frame the suggester's splitter cuts
 * from the sentence, reaching over the agents of a passive cue ("accused by the U.N. …"), or the
 * whole sentence when a cue introduces reported content it cannot cut ("refuted claims that …").
 */
function frameOf(text: string, claim: { start: number; end: number }, sentence: { start: number; end: number }): { start: number; end: number } | null {
  if (CUE.test(text.slice(claim.end, sentence.end))) return { start: claim.end, end: sentence.end };
  if (CUE.test(text.slice(sentence.start, claim.start))) return { start: sentence.start, end: claim.start };
  const whole = text.slice(sentence.start, sentence.end);
  const split = splitFrame(whole);
  if (!split) return null;
  if (split.frame) {
    const passive = /\bby$/i.test(whole.slice(split.frame[0], split.frame[1]).trimEnd());
    return { start: sentence.start + split.frame[0], end: passive ? sentence.end : sentence.start + split.frame[1] };
  }
  const cue = CUE.exec(whole);
  return cue && REPORTED.test(whole.slice(cue.index + cue[0].length)) ? { start: sentence.start, end: sentence.end } : null;
}

/**
 * The claimants of the claim [claim.start, claim.end) of `text`, from the actors tagged in its
 * frame; [] when there is no frame or no actor in it. `termsOf` gives a text's content words as
 * the review compares them (lemmas, synonyms folded): it decides whether the next sentence's
 * "The pledge" refers to a claim stating "has promised".
 */
export function deriveClaimants(
  text: string,
  claim: { start: number; end: number },
  actors: readonly SpanRange[],
  termsOf: (s: string) => readonly string[],
): DerivedClaimant[] {
  const sentence = sentenceAround(text, claim.start, claim.end);
  const frame = frameOf(text, claim, sentence);
  if (frame) {
    // Actors inside the claim are what it is about, not who said it, unless the frame is the whole sentence.
    const whole = frame.start <= claim.start && frame.end >= claim.end;
    const outside = whole ? actors : actors.filter((a) => a.end <= claim.start || a.start >= claim.end);
    const found = claimantsOfFrame(text, frame.start, frame.end, outside, 'frame');
    if (found.length > 0) return found;
    // "…, he said.": the subject of the sentence before.
    const cue = CUE.exec(text.slice(frame.start, frame.end));
    if (cue && PRONOUN_SUBJECT.test(text.slice(frame.start, frame.start + cue.index))) {
      const previous = sentenceBefore(text, sentence.start);
      const subject = previous ? groupsIn(text, previous.start, previous.end, actors, 'pronoun')[0] : undefined;
      return subject ? [subject.claimant] : [];
    }
    return [];
  }
  // No frame of its own: a source named in the next sentence counts when that sentence refers back to the claim.
  if (sentence.end < claim.end) return [];
  const next = sentenceAfter(text, sentence.end);
  if (!next) return [];
  const head = ANAPHOR.exec(text.slice(next.start, next.end))?.[1];
  if (!head) return [];
  const headTerms = termsOf(head);
  const claimTerms = new Set(termsOf(text.slice(claim.start, claim.end)));
  if (headTerms.length === 0 || !headTerms.every((t) => claimTerms.has(t))) return [];
  const nextFrame = CUE.test(text.slice(next.start, next.end)) ? frameOf(text, next, next) : null;
  return nextFrame ? claimantsOfFrame(text, nextFrame.start, nextFrame.end, actors, 'next-sentence') : [];
}
