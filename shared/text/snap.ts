import { graphemeAt } from './graphemes';
import { tokensOfRun, type Token } from './tokenize';

/**
 * Selection snapping: turn whatever range the user dragged into a clean span.
 *
 * Word mode snaps to the tokens of Factmark's one token layer (tokenize.ts), the very tokens the
 * CoNLL export writes, so a span tagged with word snapping is always a whole number of tokens:
 * - an edge inside a token grows to that token's edge: "oscow" gives "Moscow", but "Moscow" in
 *   "Moscow’s" stays "Moscow" (the possessive is a token of its own), "U.S" gives "U.S." (an
 *   abbreviation keeps its period), "ssad" in "pro-Assad" gives "Assad";
 * - "1.2bn" is "1.2" + "bn", "300+" is "300" + "+": selecting "30" gives "300", a selected "+"
 *   is kept because it is a symbol; "50%" selected gives "50": a token made only of punctuation
 *   (\p{P}) at either edge is trimmed, as are separators (all Unicode whitespace, controls).
 * Exact mode (Alt) keeps the characters selected: edges move only outward to whole graphemes, and
 * separators at the edges are trimmed.
 *
 * Documents can be 10 MB: nothing here tokenizes the whole text, only the separator-delimited
 * runs at the two edges (tokens never cross a separator), and graphemes in a small window.
 */

const WHITESPACE = /^[\s\p{Z}\p{Cc}]/u;
const PUNCTUATION_ONLY = /^\p{P}+$/u;

/** A grapheme is trimmed when it starts with a separator (so " \u0301" counts as a space). */
const startsWithSeparator = (text: string, index: number) => WHITESPACE.test(text.slice(index, index + 2));

function tokenContaining(text: string, index: number): Token | null {
  if (index < 0 || index >= text.length) return null;
  return tokensOfRun(text, index).find((t) => t.start <= index && index < t.end) ?? null;
}

/**
 * Clean up a selection. Orders and clamps `start`/`end` (UTF-16, end exclusive), moves both edges
 * outward to grapheme boundaries, with `words` grows an edge that cuts a token to that token's
 * edge, then trims separators (and, with `words`, tokens made only of punctuation) at both ends.
 * Returns null when nothing is left. Idempotent: snapping a snapped range returns it unchanged.
 */
export function snapRange(
  text: string,
  start: number,
  end: number,
  opts: { words: boolean },
): { start: number; end: number } | null {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const clamp = (n: number) => Math.max(0, Math.min(text.length, Math.trunc(n)));
  let s = clamp(Math.min(start, end));
  let e = clamp(Math.max(start, end));
  if (s >= e) return null;

  s = graphemeAt(text, s).start;
  e = graphemeAt(text, e - 1).end;

  if (opts.words) {
    const first = tokenContaining(text, s);
    if (first && first.start < s) s = graphemeAt(text, first.start).start;
    const last = tokenContaining(text, e - 1);
    if (last && last.end > e) e = last.end;
  }

  while (s < e) {
    const g = graphemeAt(text, s);
    if (startsWithSeparator(text, g.start)) {
      s = g.end;
      continue;
    }
    if (!opts.words) break;
    const token = tokenContaining(text, s);
    if (!token || !PUNCTUATION_ONLY.test(token.text)) break;
    s = Math.max(g.end, token.end);
  }
  while (s < e) {
    const g = graphemeAt(text, e - 1);
    if (startsWithSeparator(text, g.start)) {
      e = g.start;
      continue;
    }
    if (!opts.words) break;
    const token = tokenContaining(text, e - 1);
    if (!token || !PUNCTUATION_ONLY.test(token.text)) break;
    e = Math.min(g.start, token.start);
  }
  return s < e ? { start: s, end: e } : null;
}
