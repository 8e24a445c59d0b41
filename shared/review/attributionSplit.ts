/**
 * The attribution frame of a sentence, cut from its asserted clause, for a set of cue words: the
 * claim review uses it to find the claimant of a claim tagged by hand (deriveClaimant.ts). The
 * claim suggester has its own, finer boundaries (shared/suggest/claims.ts).
 */
export type Split = { claim: [number, number]; frame?: [number, number] };

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

