import type { LexicalEditor, NodeKey } from 'lexical';
import { ArticleBlockNode } from './nodes/ArticleBlockNode';

/**
 * span id -> the `<mark>` elements currently drawn for it, kept up to date from Lexical's
 * mutation events on paragraphs (a paragraph draws its marks; paragraphs are only ever created or
 * destroyed, never edited in place). Used to scroll to a span and to outline the selected one
 * without querying the whole article.
 */
export class MarkIndex {
  /** Per paragraph node: its element and the marks drawn in it. */
  private readonly byKey = new Map<NodeKey, { element: HTMLElement; marks: { element: HTMLElement; ids: string[] }[] }>();
  private readonly bySpan = new Map<string, Set<HTMLElement>>();
  private selectedId: string | null = null;
  /** Link mode: spans that may be picked as a relation's target, and the one Tab focused. */
  private candidates = new Set<string>();
  private focusedCandidate: string | null = null;

  attach(editor: LexicalEditor): () => void {
    return editor.registerMutationListener(ArticleBlockNode, (mutations) => {
      for (const [key, mutation] of mutations) {
        if (mutation === 'destroyed') this.remove(key);
        else {
          const element = editor.getElementByKey(key);
          if (!element) continue;
          const known = this.byKey.get(key);
          if (known?.element === element) continue;
          if (known) this.remove(key);
          this.add(key, element);
        }
      }
    });
  }

  elementsOf(spanId: string): HTMLElement[] {
    return [...(this.bySpan.get(spanId) ?? [])];
  }

  /** The first drawn element of a span in document order, or null if it is not on screen. */
  firstElementOf(spanId: string): HTMLElement | null {
    let first: HTMLElement | null = null;
    for (const el of this.bySpan.get(spanId) ?? []) {
      if (!first || el.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) first = el;
    }
    return first;
  }

  /** Mark the selected span's elements (`data-selected`), unmarking the previous ones. */
  select(spanId: string | null): void {
    if (spanId === this.selectedId) return;
    if (this.selectedId !== null) for (const el of this.bySpan.get(this.selectedId) ?? []) el.removeAttribute('data-selected');
    this.selectedId = spanId;
    if (spanId !== null) for (const el of this.bySpan.get(spanId) ?? []) el.setAttribute('data-selected', 'true');
  }

  /** Outline link-mode candidates (`data-link-candidate`) and the focused one (`data-link-focus`). */
  markCandidates(spanIds: readonly string[], focused: string | null): void {
    for (const id of this.candidates) for (const el of this.bySpan.get(id) ?? []) this.unmarkCandidate(el);
    this.candidates = new Set(spanIds);
    this.focusedCandidate = focused;
    for (const id of this.candidates) for (const el of this.bySpan.get(id) ?? []) this.markCandidate(el, id);
  }

  private markCandidate(el: HTMLElement, id: string): void {
    el.setAttribute('data-link-candidate', 'true');
    if (id === this.focusedCandidate) el.setAttribute('data-link-focus', 'true');
  }

  private unmarkCandidate(el: HTMLElement): void {
    el.removeAttribute('data-link-candidate');
    el.removeAttribute('data-link-focus');
  }

  private add(key: NodeKey, block: HTMLElement): void {
    const marks: { element: HTMLElement; ids: string[] }[] = [];
    for (const element of block.querySelectorAll<HTMLElement>('mark[data-span-ids]')) {
      const ids = (element.getAttribute('data-span-ids') ?? '').split(' ').filter(Boolean);
      marks.push({ element, ids });
      for (const id of ids) {
        let set = this.bySpan.get(id);
        if (!set) this.bySpan.set(id, (set = new Set()));
        set.add(element);
        if (id === this.selectedId) element.setAttribute('data-selected', 'true');
        if (this.candidates.has(id)) this.markCandidate(element, id);
      }
    }
    this.byKey.set(key, { element: block, marks });
  }

  private remove(key: NodeKey): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    this.byKey.delete(key);
    for (const mark of entry.marks) {
      for (const id of mark.ids) {
        const set = this.bySpan.get(id);
        set?.delete(mark.element);
        if (set?.size === 0) this.bySpan.delete(id);
      }
    }
  }
}
