import { describe, expect, it } from 'vitest';
import { isSweeping, selectionExtent } from './sweepingSelection';

const text = 'Title line\n\nFirst paragraph says a thing.\n\nSecond one, with 72 hours.\n\nThird and last.';

describe('sweeping selections', () => {
  it('the whole article (Ctrl+A) sweeps', () => {
    const e = selectionExtent(text, { start: 0, end: text.length });
    expect(e).toEqual({ paragraphs: 4, characters: text.length, wholeArticle: true });
    expect(isSweeping(e)).toBe(true);
  });
  it('a sentence, or a claim across two paragraphs, does not', () => {
    const at = text.indexOf('First');
    expect(isSweeping(selectionExtent(text, { start: at, end: at + 5 }))).toBe(false);
    expect(isSweeping(selectionExtent(text, { start: at, end: text.indexOf('72') }))).toBe(false);
  });
  it('three paragraphs do', () => {
    expect(isSweeping(selectionExtent(text, { start: text.indexOf('First'), end: text.indexOf('last') }))).toBe(true);
  });
  it('a one-paragraph document may be tagged whole without asking', () => {
    const one = 'Only one paragraph here.';
    expect(isSweeping(selectionExtent(one, { start: 0, end: one.length }))).toBe(false);
  });
});
