import { ruleActorSpans } from '../suggest/actors';
import type { Analysis } from './analyze';

/**
 * The rule actor suggester's proposals (shared/suggest/actors.ts: proper-noun chunks glued over
 * "al-", "bin", a demonym before a group noun, names after place prepositions left out) as token
 * features of the trained tagger: `r=B` on a proposal's first token, `r=I` inside it, `r=E` on the
 * token after it. The weights learned on GUM say how far to trust them.
 */
export function ruleVotes(a: Analysis): (string[] | undefined)[] {
  const out: (string[] | undefined)[] = new Array(a.tokens.length);
  let k = 0;
  for (const span of ruleActorSpans(a)) {
    while (k < a.tokens.length && a.tokens[k]!.end <= span.start) k++;
    let first = true;
    let i = k;
    for (; i < a.tokens.length && a.tokens[i]!.start < span.end; i++) {
      (out[i] ??= []).push(first ? 'r=B' : 'r=I');
      first = false;
    }
    if (i < a.tokens.length && a.tokens[i]!.sentence === a.tokens[k]?.sentence) (out[i] ??= []).push('r=E');
  }
  return out;
}

/** Per token, the features of several sources in one list (rule votes, memory). */
export function mergeExtras(...sources: readonly (readonly (readonly string[] | undefined)[])[]): (string[] | undefined)[] {
  const n = Math.max(0, ...sources.map((s) => s.length));
  const out: (string[] | undefined)[] = new Array(n);
  for (const s of sources) {
    for (let i = 0; i < s.length; i++) {
      const f = s[i];
      if (f && f.length > 0) (out[i] ??= []).push(...f);
    }
  }
  return out;
}
