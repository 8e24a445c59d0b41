/**
 * Grapheme clusters (user-perceived characters) around an offset, without segmenting the whole
 * text: documents can be 10 MB, so every question ("which grapheme is at offset p?") segments a
 * small window around p whose two ends are positions that are grapheme boundaries whatever comes
 * before or after them (see `isSafeCut`). Inside such a window Intl.Segmenter gives the same
 * answer as it would on the whole text.
 */

const MAX_WINDOW = 256; // code units each side of the position we ask about
const MAX_ANCHOR_SEARCH = 2048; // how far further we look for a safe window end

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface TextSegment {
  start: number;
  end: number;
}

const isPrintableAscii = (unit: number) => unit > 0x20 && unit < 0x7f;

/**
 * True when `index` is a boundary that segmentation cannot move, whatever is outside a window
 * starting or ending there: right after a line feed (UAX #29 GB4), or a space preceded by a
 * printable ASCII character (no rule joins those: neither is Extend, CR, Prepend or a regional
 * indicator).
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

/** The grapheme cluster (user-perceived character) containing the code unit at `index`. */
export function graphemeAt(text: string, index: number): TextSegment {
  if (isLoneAsciiCharacter(text, index)) return { start: index, end: index + 1 };
  const { from, to } = windowAround(text, index);
  const data = graphemeSegmenter.segment(text.slice(from, to)).containing(index - from);
  if (!data) throw new RangeError(`Offset ${index} is outside the text (0..${text.length - 1}).`);
  const start = from + data.index;
  return { start, end: start + data.segment.length };
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

/**
 * Characters that are a grapheme cluster on their own next to each other: printable ASCII,
 * Latin-1 and Latin Extended-A/B letters and signs (U+00A1–U+024F), and the general punctuation of
 * news text (U+2010–U+2027 dashes, quotes, ellipsis; U+2030–U+205E). Their UAX #29 property is
 * Other (U+00AD is Control, which breaks on both sides too): no rule joins two of them, so in a
 * piece made only of these every offset is a boundary, and segmenting it (the costly part of
 * tokenizing news text with curly quotes and dashes) can be skipped.
 * graphemes.test.ts checks this against Intl.Segmenter for every one of these characters.
 */
export const SELF_CONTAINED = /^[\x21-\x7e\u00a1-\u024f\u2010-\u2027\u2030-\u205e]*$/;

/** True when no grapheme cluster of `piece` is longer than one code unit (see SELF_CONTAINED). */
export const everyOffsetIsBoundary = (piece: string): boolean => SELF_CONTAINED.test(piece);

/**
 * Every grapheme boundary strictly inside [from, to) of a piece that starts and ends at
 * boundaries (a run between separators): segmenting the piece alone gives the same answer as the
 * whole text, since no grapheme rule joins across a separator's other side.
 */
export function graphemeBoundariesIn(text: string, from: number, to: number): Set<number> {
  const out = new Set<number>();
  const piece = text.slice(from, to);
  if (everyOffsetIsBoundary(piece)) {
    for (let i = from + 1; i < to; i++) out.add(i);
    return out;
  }
  for (const s of graphemeSegmenter.segment(piece)) if (s.index > 0) out.add(from + s.index);
  return out;
}
