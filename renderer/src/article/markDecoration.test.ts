import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../shared/model/labels';
import { createMarkLookup, decorateMark, decorateMarkCached, hexToRgba, innermostSpanId } from './markDecoration';

const lookup = createMarkLookup(
  [
    { id: 'c1', label: 'claim' },
    { id: 'c2', label: 'claim' },
    { id: 'a1', label: 'actor' },
    { id: 'n1', label: 'number' },
    { id: 'x1', label: 'gone' },
  ],
  DEFAULT_LABELS,
);

describe('decorateMark', () => {
  it('draws a claim as a band below the text and nothing as a fill', () => {
    const d = decorateMark(['c1'], lookup);
    expect(d.title).toBe('Claim');
    expect(d.labelIds).toBe('claim');
    expect(d.backgroundImage).toBe('');
    expect(d.boxShadow).toBe('0 3px 0 0 #c2410c');
  });

  it('draws other labels as translucent fills, one layer each, outermost first', () => {
    const d = decorateMark(['a1', 'n1'], lookup);
    expect(d.title).toBe('Actor › Number');
    expect(d.boxShadow).toBe('');
    expect(d.backgroundImage).toBe(
      'linear-gradient(rgba(37, 99, 235, 0.28), rgba(37, 99, 235, 0.28)), linear-gradient(rgba(22, 163, 74, 0.28), rgba(22, 163, 74, 0.28))',
    );
  });

  it('shows both a band and a fill for an actor inside a claim', () => {
    const d = decorateMark(['c1', 'a1'], lookup);
    expect(d.title).toBe('Claim › Actor');
    expect(d.labelIds).toBe('claim actor');
    expect(d.boxShadow).not.toBe('');
    expect(d.backgroundImage).toContain('rgba(37, 99, 235, 0.28)');
  });

  it('stacks nested claims as separate bands with a gap, outermost nearest the text', () => {
    const d = decorateMark(['c1', 'c2'], lookup);
    expect(d.boxShadow).toBe('0 3px 0 0 #c2410c, 0 4px 0 0 var(--fm-article-bg, #fff), 0 7px 0 0 #c2410c');
  });

  it('falls back to grey and the label id for a label missing from the project', () => {
    const d = decorateMark(['x1'], lookup);
    expect(d.title).toBe('gone');
    expect(d.backgroundImage).toContain('rgba(107, 114, 128, 0.28)');
  });
});

describe('hexToRgba', () => {
  it('converts #rrggbb', () => {
    expect(hexToRgba('#FF0080', 0.5)).toBe('rgba(255, 0, 128, 0.5)');
  });
});

describe('innermostSpanId', () => {
  const lengths = new Map([
    ['outer', 50],
    ['inner', 10],
    ['twin', 10],
  ]);
  it('picks the shortest span, the later one on a tie', () => {
    expect(innermostSpanId(['outer', 'inner'], (id) => lengths.get(id))).toBe('inner');
    expect(innermostSpanId(['outer', 'inner', 'twin'], (id) => lengths.get(id))).toBe('twin');
  });
  it('ignores unknown ids and returns null when nothing is known', () => {
    expect(innermostSpanId(['ghost', 'outer'], (id) => lengths.get(id))).toBe('outer');
    expect(innermostSpanId(['ghost'], (id) => lengths.get(id))).toBeNull();
  });
});

describe('decorateMarkCached', () => {
  it('works a decoration out once per combination of labels, as decorateMark would', () => {
    const fresh = createMarkLookup(
      [
        { id: 'c1', label: 'claim' },
        { id: 'c2', label: 'claim' },
        { id: 'a1', label: 'actor' },
        { id: 'a2', label: 'actor' },
      ],
      DEFAULT_LABELS,
    );
    const first = decorateMarkCached(['c1', 'a1'], fresh);
    expect(first).toMatchObject(decorateMark(['c1', 'a1'], fresh));
    expect(first.style).toBe(`background-image: ${first.backgroundImage}; box-shadow: ${first.boxShadow};`);
    // Other spans with the same labels in the same order share it; another order does not.
    expect(decorateMarkCached(['c2', 'a2'], fresh)).toBe(first);
    expect(decorateMarkCached(['a1', 'c1'], fresh)).not.toBe(first);
    expect(decorateMarkCached(['c1'], fresh).style).toBe('box-shadow: 0 3px 0 0 #c2410c;');
  });
});
