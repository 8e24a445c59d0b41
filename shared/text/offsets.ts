/**
 * Conversion between UTF-16 code-unit offsets (what JavaScript strings, the editor and our stored
 * spans use) and Unicode code-point offsets (what Python, and therefore most NLP tooling, uses when
 * it indexes a `str`).
 *
 * Only astral characters (emoji, 𝔘, ...) make the two differ: each is one code point but two UTF-16
 * units. The converter remembers where the astral characters are (one number per surrogate pair, so
 * memory is O(#astral), not O(text)) and answers each question with a binary search.
 *
 * A lone surrogate (malformed UTF-16) counts as one code point, exactly like `[...text]` does.
 */
export interface OffsetConverter {
  toCodePoint(utf16: number): number;
  toUtf16(codePoint: number): number;
}

/** Number of entries of the ascending `values` that are strictly less than `limit`. */
function countBelow(values: Uint32Array, limit: number, valueAt: (i: number) => number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(mid) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** UTF-16 indices at which a valid surrogate pair (one astral code point) starts, ascending. */
function astralPairStarts(text: string): Uint32Array {
  const found: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        found.push(i);
        i++; // the low half belongs to this pair
      }
    }
  }
  return Uint32Array.from(found);
}

function checkOffset(kind: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${kind} offset ${value} is outside the text (0..${max}).`);
  }
}

/**
 * Build a converter for one text (build it once per text; each call is O(log #astral)).
 *
 * - `toCodePoint(u)` accepts 0..text.length. An index that falls between the two halves of a
 *   surrogate pair maps to the code point that pair starts (the character is not split; the
 *   offset is rounded down to its start). Offsets produced by `snapRange` never do this.
 * - `toUtf16(c)` accepts 0..(number of code points) and is the exact inverse of `toCodePoint`
 *   on every index that is not inside a surrogate pair.
 * Out-of-range or non-integer offsets throw a RangeError: they are programming errors.
 */
export function createOffsetConverter(text: string): OffsetConverter {
  const pairs = astralPairStarts(text);
  const utf16Length = text.length;
  const codePointLength = utf16Length - pairs.length;
  const pairStartAt = (i: number) => pairs[i] as number;
  // The code-point index of pair j is pairs[j] - j, strictly increasing in j.
  const pairCodePointAt = (i: number) => (pairs[i] as number) - i;
  return {
    toCodePoint(utf16: number): number {
      checkOffset('UTF-16', utf16, utf16Length);
      // Every pair starting before `utf16` contributed one extra unit. For an index in the middle
      // of a pair this counts that pair too, which lands on the pair's own code point.
      return utf16 - countBelow(pairs, utf16, pairStartAt);
    },
    toUtf16(codePoint: number): number {
      checkOffset('Code point', codePoint, codePointLength);
      return codePoint + countBelow(pairs, codePoint, pairCodePointAt);
    },
  };
}
