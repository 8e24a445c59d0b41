import type { Segment } from '../../../shared/annotation/segments';

/**
 * A string that changes whenever anything drawn in a block changes: segment boundaries, the
 * span ids of each segment and the label of each of those spans (a relabel keeps the ids but
 * changes the colours and the tooltip). Comparing signatures lets a span edit rebuild only
 * the blocks it touches.
 */
export function blockSignature(segments: readonly Segment[], labelOfSpan: ReadonlyMap<string, string>): string {
  let sig = '';
  for (const seg of segments) {
    sig += `${seg.start}-${seg.end}`;
    for (const id of seg.spanIds) sig += ` ${id}=${labelOfSpan.get(id) ?? ''}`;
    sig += '|';
  }
  return sig;
}

/** Indexes whose signature differs (both arrays describe the same blocks, in order). */
export function changedBlockIndexes(previous: readonly string[], next: readonly string[]): number[] {
  const changed: number[] = [];
  const n = Math.max(previous.length, next.length);
  for (let i = 0; i < n; i++) if (previous[i] !== next[i]) changed.push(i);
  return changed;
}
