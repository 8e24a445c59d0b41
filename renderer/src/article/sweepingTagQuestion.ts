import type { LabelDef } from '../../../shared/model/schemas';
import type { ConfirmRequest } from '../confirm/confirmStore';
import { isSweeping, selectionExtent } from './sweepingSelection';

/**
 * The question to ask before a label key turns a selection that sweeps across the article
 * (Ctrl+A, a long Shift+arrow run) into one span, saying how much would be tagged; null for an
 * ordinary selection, which is tagged at once.
 */
export function sweepingTagQuestion(label: LabelDef, text: string, range: { start: number; end: number }): ConfirmRequest | null {
  const extent = selectionExtent(text, range);
  if (!isSweeping(extent)) return null;
  const what = extent.wholeArticle ? 'the whole article' : `${extent.paragraphs} paragraphs`;
  return {
    title: `Tag ${what} as one ${label.name}?`,
    message: `The selection covers ${what} (${extent.paragraphs} paragraphs, ${extent.characters.toLocaleString('en')} characters). Tag all of it as a single ${label.name} span?`,
    confirmLabel: `Tag as ${label.name}`,
  };
}
