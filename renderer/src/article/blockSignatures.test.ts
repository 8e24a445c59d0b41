import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../../shared/text/blocks';
import { segmentsForBlocks } from '../../../shared/annotation/segments';
import { blockSignature, changedBlockIndexes } from './blockSignatures';

const text = 'Alpha beta gamma.\n\nDelta epsilon.\nZeta eta theta.';
const blocks = buildBlocks(text);

function signatures(spans: { id: string; start: number; end: number; label: string }[]): string[] {
  const labelOf = new Map(spans.map((s) => [s.id, s.label]));
  return segmentsForBlocks(blocks, spans).map((segs) => blockSignature(segs, labelOf));
}

describe('block signatures', () => {
  const base = [
    { id: 'a', start: 0, end: 5, label: 'actor' },
    { id: 'c', start: 19, end: 33, label: 'claim' },
  ];

  it('are stable for the same spans', () => {
    expect(changedBlockIndexes(signatures(base), signatures([...base]))).toEqual([]);
  });

  it('change only for the block a new span touches', () => {
    const added = [...base, { id: 'n', start: 40, end: 43, label: 'number' }];
    expect(changedBlockIndexes(signatures(base), signatures(added))).toEqual([2]);
  });

  it('change when a span is relabelled even though ids and ranges are the same', () => {
    const relabelled = base.map((s) => (s.id === 'a' ? { ...s, label: 'number' } : s));
    expect(changedBlockIndexes(signatures(base), signatures(relabelled))).toEqual([0]);
  });

  it('mark every block of a span crossing paragraphs', () => {
    const crossing = [...base, { id: 'x', start: 6, end: 45, label: 'claim' }];
    expect(changedBlockIndexes(signatures(base), signatures(crossing))).toEqual([0, 1, 2]);
  });

  it('treat a different block count as changes at the tail', () => {
    expect(changedBlockIndexes(['a', 'b'], ['a', 'b', 'c'])).toEqual([2]);
    expect(changedBlockIndexes(['a', 'b', 'c'], ['a'])).toEqual([1, 2]);
  });
});
