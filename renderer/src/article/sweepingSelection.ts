import { buildBlocks } from '../../../shared/text/blocks';

/** A selection touching this many paragraphs or more is not tagged without asking. */
export const SWEEPING_PARAGRAPHS = 3;

export interface SelectionExtent {
  paragraphs: number;
  characters: number;
  /** Every paragraph of the article is in it (Ctrl+A). */
  wholeArticle: boolean;
}

/** How much of the article a selection covers (paragraphs as the view draws them). */
export function selectionExtent(text: string, range: { start: number; end: number }): SelectionExtent {
  const blocks = buildBlocks(text);
  const touched = blocks.filter((b) => b.start < range.end && b.end > range.start);
  return {
    paragraphs: touched.length,
    characters: range.end - range.start,
    wholeArticle: blocks.length > 1 && touched.length === blocks.length,
  };
}

/**
 * A selection that sweeps across the article (Ctrl+A, or a long Shift+arrow run): a label key
 * then asks before turning it into one span. A claim across two paragraphs is still tagged at once.
 */
export function isSweeping(extent: SelectionExtent): boolean {
  return extent.wholeArticle || extent.paragraphs >= SWEEPING_PARAGRAPHS;
}
