/**
 * Selection snapping: turn whatever range the user dragged into a clean span.
 *
 * Documents can be 10 MB, so nothing here segments the whole text: every question ("which
 * grapheme / word is at offset p?") segments a small window around p whose two ends are chosen at
 * positions that are boundaries for both grapheme and word segmentation whatever comes before or
 * after them (see `isSafeCut`). Inside such a window Intl.Segmenter gives the same answer as it
 * would on the whole text.
 *
 * Word mode follows the segmenter (ICU, UAX #29) for what a word is:
 * - "1.2bn", "3,000", "don't", "e.g", "_foo_" are single words;
 * - "al-Assad" and "well-known" are three segments ("al" "-" "Assad"): an edge inside "Assad"
 *   grows to "Assad" only, a selection touching both halves keeps the hyphen;
 * - "300+" is "300" then the symbol "+": selecting "30" gives "300"; a selected "+" is kept because
 *   it is a symbol, not punctuation. "50%" selected gives "50": "%" is punctuation and is trimmed.
 * Trimmed at the edges in word mode: whitespace, separators, control characters and punctuation
 * (\p{P}) that are not part of a word. In exact mode only whitespace/separators/controls.
 */

const MAX_WINDOW = 256; // code units each side of the position we ask about
const MAX_ANCHOR_SEARCH = 2048; // how far further we look for a safe window end

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

export interface TextSegment {
  start: number;
  end: number;
  /** Words, numbers and the like (always false for graphemes). */
  isWordLike: boolean;
}

const isPrintableAscii = (unit: number) => unit > 0x20 && unit < 0x7f;

/**
 * True when `index` is a grapheme AND word boundary that segmentation cannot move, whatever is
 * outside a window starting or ending there: right after a line feed (UAX #29 GB4 / WB3a), or a
 * space preceded by a printable ASCII character (no rule joins those: neither is Extend, CR,
 * Prepend, regional indicator or a space that WB3d would keep with another space).
 */
function isSafeCut(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  if (text.charCodeAt(index - 1) === 0x0a) return true;
  return text.charCodeAt(index) === 0x20 && isPrintableAscii(text.charCodeAt(index - 1));
}

/**
 * A window [from, to) containing `index`, cut at safe boundaries. If no safe cut exists nearby
 * (an enormous run without spaces or newlines) the window is cut at its search limit, and answers
 * about its far edges may differ from whole-text segmentation: an accepted approximation for text
 * that is not prose.
 */
function windowAround(text: string, index: number): { from: number; to: number } {
  let from = Math.max(0, index - MAX_WINDOW);
  const fromLimit = Math.max(0, from - MAX_ANCHOR_SEARCH);
  while (from > fromLimit && !isSafeCut(text, from)) from--;
  let to = Math.min(text.length, index + 1 + MAX_WINDOW);
  const toLimit = Math.min(text.length, to + MAX_ANCHOR_SEARCH);
  while (to < toLimit && !isSafeCut(text, to)) to++;
  return { from, to };
}

/**
 * Fast path for the common case: a printable ASCII character between printable ASCII characters
 * (or a line feed after it) is a grapheme on its own; no UAX #29 rule joins those.
 */
function isLoneAsciiCharacter(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (!(unit >= 0x20 && unit < 0x7f)) return false;
  const before = index > 0 ? text.charCodeAt(index - 1) : 0x20;
  const after = index + 1 < text.length ? text.charCodeAt(index + 1) : 0x20;
  return (before === 0x0a || (before >= 0x20 && before < 0x7f)) && (after === 0x0a || (after >= 0x20 && after < 0x7f));
}

function segmentContaining(segmenter: Intl.Segmenter, text: string, index: number): TextSegment {
  const { from, to } = windowAround(text, index);
  const data = segmenter.segment(text.slice(from, to)).containing(index - from);
  if (!data) throw new RangeError(`Offset ${index} is outside the text (0..${text.length - 1}).`);
  const start = from + data.index;
  return { start, end: start + data.segment.length, isWordLike: data.isWordLike === true };
}

/** The grapheme cluster (user-perceived character) containing the code unit at `index`. */
export function graphemeAt(text: string, index: number): TextSegment {
  if (isLoneAsciiCharacter(text, index)) return { start: index, end: index + 1, isWordLike: false };
  return segmentContaining(graphemeSegmenter, text, index);
}

/** The word segment (word, number, punctuation, space run, emoji ...) containing `index`. */
export function wordAt(text: string, index: number): TextSegment {
  return segmentContaining(wordSegmenter, text, index);
}

/** True when `index` (0..length) does not fall inside a grapheme cluster. */
export function isGraphemeBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  return graphemeAt(text, index).start === index;
}

/** The nearest grapheme boundary at or before `index` (0..length). */
export function graphemeBoundaryAtOrBefore(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  return graphemeAt(text, index).start;
}

const WHITESPACE = /^[\s\p{Z}\p{Cc}]/u;
const WHITESPACE_OR_PUNCTUATION = /^[\s\p{Z}\p{Cc}\p{P}]/u;

/** A grapheme is trimmed when it starts with such a character (so " \u0301" counts as a space). */
function startsWith(pattern: RegExp, text: string, index: number): boolean {
  return pattern.test(text.slice(index, index + 2));
}

/**
 * Clean up a selection. Orders and clamps `start`/`end` (UTF-16, end exclusive), moves both edges
 * outward to grapheme boundaries, with `words` grows an edge that cuts a word to that word's edge,
 * then trims whitespace (and, with `words`, punctuation outside words) at both ends. Returns null
 * when nothing is left. Idempotent: snapping a snapped range returns it unchanged.
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
    const first = wordAt(text, s);
    if (first.isWordLike && first.start < s) s = first.start;
    const last = wordAt(text, e - 1);
    if (last.isWordLike && last.end > e) e = last.end;
  }

  // Trim whole graphemes; in word mode never step into a word (e.g. "_foo" starts with "_").
  const trimmable = opts.words ? WHITESPACE_OR_PUNCTUATION : WHITESPACE;
  trimStart: while (s < e) {
    let limit = e;
    if (opts.words) {
      const word = wordAt(text, s);
      if (word.isWordLike) break;
      limit = Math.min(word.end, e);
    }
    while (s < limit) {
      if (!startsWith(trimmable, text, s)) break trimStart;
      s = graphemeAt(text, s).end;
    }
  }
  trimEnd: while (s < e) {
    let limit = s;
    if (opts.words) {
      const word = wordAt(text, e - 1);
      if (word.isWordLike) break;
      limit = Math.max(word.start, s);
    }
    while (e > limit) {
      const last = graphemeAt(text, e - 1);
      if (!startsWith(trimmable, text, last.start)) break trimEnd;
      e = last.start;
    }
  }
  return s < e ? { start: s, end: e } : null;
}
