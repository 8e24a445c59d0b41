import DiffMatchPatch from 'diff-match-patch';

/**
 * Re-anchoring spans after their document's text changed (docs/project-format.md, "Text drift").
 *
 * Each stored span keeps its `quote` (the text it covered) and, since format 1.1, up to
 * CONTEXT_UNITS UTF-16 units of text before (`prefix`) and after (`suffix`) it. Given the new text,
 * every span is either MOVED (found with full confidence, defined below) or an ORPHAN, which the
 * annotator places or drops by hand; an orphan may carry a suggestion the annotator can accept,
 * but nothing that is not full confidence ever moves by itself.
 *
 * Full confidence, precisely:
 * 1. The quote occurs EXACTLY (same UTF-16 units) in the new text; every such occurrence is a
 *    candidate and gets a context level:
 *    - a side "holds" when the stored prefix is exactly the text before the candidate (the suffix:
 *      exactly the text after it). A context shorter than CONTEXT_UNITS was cut by the start (end)
 *      of the old text, so it holds only if it reaches the start (end) of the new text too;
 *    - level 2 = both sides hold, 1 = one side holds, 0 = neither.
 * 2. The span moves when exactly one candidate has the highest level and that level is 1 or 2.
 * 3. A span stored without context (files written before context was kept) moves only when its
 *    quote occurs exactly once in the new text and either sits at its old offsets or is at least
 *    MIN_UNIQUE_QUOTE units long (a short quote such as "40" may be another "40").
 * 4. Two spans with the same label moved onto the same range: the second becomes an orphan.
 * Everything else is an orphan, with a suggestion where one exists:
 * - `ambiguous`: several candidates share the best level (a duplicated passage): the nearest to
 *   the old position is suggested;
 * - `context-changed`: the quote exists but none of its context does: the best candidate is
 *   suggested;
 * - `edited`: no exact occurrence, but a fuzzy one (diff-match-patch's Bitap search within
 *   FUZZY_WINDOW units of the old position, then an edit distance of at most FUZZY_MAX_EDIT_RATIO
 *   of the quote's length) is suggested;
 * - `missing`: nothing close enough.
 */

/** Units of text kept before and after each span. */
export const CONTEXT_UNITS = 32;
/** A quote stored without context moves only if it is unique and at least this long (or did not move). */
export const MIN_UNIQUE_QUOTE = 12;
/** Fuzzy search looks this many UTF-16 units either side of the old position. */
export const FUZZY_WINDOW = 20_000;
/** A fuzzy suggestion differs from the quote by at most this share of its length (edit distance). */
export const FUZZY_MAX_EDIT_RATIO = 0.25;
/** Occurrences of a quote looked at; a quote found more often is ambiguous. */
const MAX_CANDIDATES = 10_000;

export interface AnchorSource {
  id: string;
  start: number;
  end: number;
  label: string;
  quote: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
}

export type OrphanReason = 'ambiguous' | 'context-changed' | 'edited' | 'missing';

export interface AnchorSuggestion {
  start: number;
  end: number;
  /** The new text at the suggestion. */
  text: string;
}

export type AnchorOutcome =
  | { id: string; kind: 'moved'; start: number; end: number }
  | { id: string; kind: 'orphan'; reason: OrphanReason; suggestion: AnchorSuggestion | null };

/** The context stored with a span at [start, end) of `text`. */
export function spanContext(text: string, start: number, end: number): { prefix: string; suffix: string } {
  return {
    prefix: text.slice(Math.max(0, start - CONTEXT_UNITS), start),
    suffix: text.slice(end, end + CONTEXT_UNITS),
  };
}

function prefixHolds(text: string, at: number, prefix: string): boolean {
  if (prefix.length < CONTEXT_UNITS) return at === prefix.length && text.startsWith(prefix);
  return at >= prefix.length && text.startsWith(prefix, at - prefix.length);
}

function suffixHolds(text: string, at: number, suffix: string): boolean {
  if (suffix.length < CONTEXT_UNITS) return at + suffix.length === text.length && text.endsWith(suffix);
  return text.startsWith(suffix, at);
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(quote); i !== -1 && found.length <= MAX_CANDIDATES; i = text.indexOf(quote, i + 1)) {
    found.push(i);
  }
  return found;
}

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;
/** True when an offset falls between the halves of one astral character. */
const splitsPair = (text: string, at: number) =>
  at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));

function suggestion(text: string, start: number, end: number): AnchorSuggestion | null {
  if (end <= start || start < 0 || end > text.length || splitsPair(text, start) || splitsPair(text, end)) return null;
  return { start, end, text: text.slice(start, end) };
}

let dmp: DiffMatchPatch | null = null;
function matcher(): DiffMatchPatch {
  if (!dmp) {
    dmp = new DiffMatchPatch();
    dmp.Match_Threshold = 0.4;
    // Proximity costs at most 0.2 of the score at the window's edge: position matters little.
    dmp.Match_Distance = FUZZY_WINDOW * 5;
    dmp.Diff_Timeout = 0.2;
  }
  return dmp;
}

/** The closest edited version of `quote` near `near`, within the bounds above, or null. */
export function fuzzyFind(text: string, quote: string, near: number): AnchorSuggestion | null {
  if (quote.length === 0) return null;
  const d = matcher();
  const from = Math.max(0, near - FUZZY_WINDOW);
  const window = text.slice(from, Math.min(text.length, near + quote.length + FUZZY_WINDOW));
  const head = quote.slice(0, Math.min(quote.length, d.Match_MaxBits));
  let at: number;
  try {
    at = d.match_main(window, head, Math.min(Math.max(0, near - from), window.length));
  } catch {
    return null;
  }
  if (at < 0) return null;
  // Bitap finds where the quote's head matches best; the quote's true start and end are then read
  // off a diff of the quote against a stretch around it (so an edit near its start is not cut in).
  const slack = Math.ceil(quote.length * FUZZY_MAX_EDIT_RATIO) + 1;
  const stretchStart = Math.max(0, at - slack);
  const stretch = window.slice(stretchStart, at + quote.length + slack);
  const diffs = d.diff_main(quote, stretch, false);
  d.diff_cleanupSemantic(diffs);
  // Text before and after the quote is not part of it: trim leading and trailing insertions.
  let lead = 0;
  if (diffs[0] && diffs[0][0] === DiffMatchPatch.DIFF_INSERT) lead = diffs.shift()![1].length;
  const last = diffs[diffs.length - 1];
  if (last && last[0] === DiffMatchPatch.DIFF_INSERT) diffs.pop();
  let length = 0;
  for (const [op, part] of diffs) if (op !== DiffMatchPatch.DIFF_DELETE) length += part.length;
  if (length === 0) return null;
  const distance = d.diff_levenshtein(diffs);
  if (distance === 0 || distance > Math.max(1, Math.floor(quote.length * FUZZY_MAX_EDIT_RATIO))) return null;
  const start = from + stretchStart + lead;
  return suggestion(text, start, start + length);
}

function anchorOne(text: string, span: AnchorSource): AnchorOutcome {
  const orphan = (reason: OrphanReason, s: AnchorSuggestion | null): AnchorOutcome => ({ id: span.id, kind: 'orphan', reason, suggestion: s });
  const found = span.quote.length > 0 ? occurrences(text, span.quote) : [];
  if (found.length === 0) {
    const fuzzy = fuzzyFind(text, span.quote, span.start);
    return orphan(fuzzy ? 'edited' : 'missing', fuzzy);
  }
  const nearest = (positions: number[]) =>
    positions.reduce((best, p) => (Math.abs(p - span.start) < Math.abs(best - span.start) ? p : best));
  const at = (start: number) => suggestion(text, start, start + span.quote.length);
  const moved = (start: number): AnchorOutcome =>
    at(start) ? { id: span.id, kind: 'moved', start, end: start + span.quote.length } : orphan('ambiguous', null);

  if (span.prefix === undefined && span.suffix === undefined) {
    const only = found.length === 1 ? found[0]! : -1;
    if (only >= 0 && (only === span.start || span.quote.length >= MIN_UNIQUE_QUOTE)) return moved(only);
    return orphan(found.length === 1 ? 'context-changed' : 'ambiguous', at(nearest(found)));
  }
  if (found.length > MAX_CANDIDATES) return orphan('ambiguous', at(nearest(found)));
  const level = (p: number) =>
    (span.prefix !== undefined && prefixHolds(text, p, span.prefix) ? 1 : 0) +
    (span.suffix !== undefined && suffixHolds(text, p + span.quote.length, span.suffix) ? 1 : 0);
  let best = -1;
  let bestAt: number[] = [];
  for (const p of found) {
    const l = level(p);
    if (l > best) {
      best = l;
      bestAt = [p];
    } else if (l === best) bestAt.push(p);
  }
  if (best >= 1 && bestAt.length === 1) return moved(bestAt[0]!);
  return orphan(best >= 1 ? 'ambiguous' : 'context-changed', at(nearest(bestAt)));
}

/** Re-anchor every span on `text` (see the rules above). Outcomes come in the order of `spans`. */
export function reanchorSpans(text: string, spans: readonly AnchorSource[]): AnchorOutcome[] {
  const taken = new Set<string>();
  return spans.map((span) => {
    const outcome = anchorOne(text, span);
    if (outcome.kind !== 'moved') return outcome;
    const key = `${outcome.start}:${outcome.end}:${span.label}`;
    if (taken.has(key)) {
      return { id: span.id, kind: 'orphan', reason: 'ambiguous', suggestion: null };
    }
    taken.add(key);
    return outcome;
  });
}
