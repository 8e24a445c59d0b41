import type { AgreementSpan, TokenRange } from './types';

/**
 * One binary layer per label: token i is 1 in a label's layer when a span of that label shares at
 * least one character with it. A claim that contains an actor sets the token in both layers, so
 * nested and overlapping spans of different labels are all counted (one tag per token could not).
 * Tokens must be sorted by start and not overlap (the tokenizer's output is).
 */
export function labelLayer(tokens: readonly TokenRange[], spans: readonly AgreementSpan[], label: string): Uint8Array {
  const layer = new Uint8Array(tokens.length);
  for (const s of spans) {
    if (s.label !== label) continue;
    // First token ending after the span's start (binary search), then every token starting before its end.
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.start < s.end; i++) layer[i] = 1;
  }
  return layer;
}
