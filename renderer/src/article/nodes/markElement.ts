import type { LexicalEditor } from 'lexical';
import { decorateMarkCached, type MarkLookup } from '../markDecoration';

/**
 * The `<mark>` of one flattened segment covered by one or more spans:
 * `<mark class="fm-mark" data-span-ids="outer inner">`. Overlaps are never nested marks (see the
 * notes: nesting loses ids); each segment lists all span ids covering it, outermost first. Marks
 * are drawn by their paragraph (ArticleBlockNode), not as Lexical nodes of their own.
 *
 * Labels and colours live outside the nodes (a node stores only span ids, the standoff truth);
 * the view publishes the current lookup per editor before each rebuild, and blocks whose spans
 * were relabelled are rebuilt, so createDOM always reads the current one.
 */
const lookups = new WeakMap<LexicalEditor, MarkLookup>();

export function setMarkLookup(editor: LexicalEditor, lookup: MarkLookup): void {
  lookups.set(editor, lookup);
}

export function markLookupOf(editor: LexicalEditor): MarkLookup | undefined {
  return lookups.get(editor);
}

export function createMarkElement(doc: Document, spanIds: readonly string[], text: string, lookup: MarkLookup | undefined): HTMLElement {
  const mark = doc.createElement('mark');
  mark.className = 'fm-mark';
  mark.setAttribute('data-span-ids', spanIds.join(' '));
  if (lookup) {
    const d = decorateMarkCached(spanIds, lookup);
    mark.title = d.title;
    mark.setAttribute('data-labels', d.labelIds);
    if (d.style) mark.setAttribute('style', d.style);
  }
  mark.textContent = text;
  return mark;
}
