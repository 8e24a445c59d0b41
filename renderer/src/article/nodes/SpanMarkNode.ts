import {
  $getDocument,
  ElementNode,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
  type SerializedElementNode,
  type Spread,
} from 'lexical';
import { decorateMark, type MarkLookup } from '../markDecoration';

export type SerializedSpanMarkNode = Spread<{ spanIds: string[] }, SerializedElementNode>;

/**
 * Labels and colours live outside the node (the node stores only span ids, the standoff
 * truth); the view publishes the current lookup per editor before each rebuild, and blocks
 * whose spans were relabelled are rebuilt, so createDOM always reads the current one.
 */
const lookups = new WeakMap<LexicalEditor, MarkLookup>();

export function setMarkLookup(editor: LexicalEditor, lookup: MarkLookup): void {
  lookups.set(editor, lookup);
}

/**
 * One flattened segment covered by one or more spans: a `<mark data-span-ids="outer inner">`.
 * Overlaps are never nested marks (see the notes: nesting loses ids); each segment lists all
 * span ids covering it, outermost first.
 */
export class SpanMarkNode extends ElementNode {
  __spanIds: readonly string[];

  static override getType(): string {
    return 'factmark-mark';
  }

  static override clone(node: SpanMarkNode): SpanMarkNode {
    return new SpanMarkNode(node.__spanIds, node.__key);
  }

  static override importJSON(json: SerializedSpanMarkNode): SpanMarkNode {
    return new SpanMarkNode(json.spanIds);
  }

  constructor(spanIds: readonly string[] = [], key?: NodeKey) {
    super(key);
    this.__spanIds = spanIds;
  }

  override exportJSON(): SerializedSpanMarkNode {
    return { ...super.exportJSON(), type: 'factmark-mark', version: 1, spanIds: [...this.__spanIds] };
  }

  getSpanIds(): readonly string[] {
    return this.getLatest().__spanIds;
  }

  override createDOM(_config: EditorConfig, editor: LexicalEditor): HTMLElement {
    const mark = $getDocument().createElement('mark');
    mark.className = 'fm-mark';
    mark.setAttribute('data-span-ids', this.__spanIds.join(' '));
    const lookup = lookups.get(editor);
    if (lookup) {
      const d = decorateMark(this.__spanIds, lookup);
      mark.title = d.title;
      mark.setAttribute('data-labels', d.labelIds);
      if (d.backgroundImage) mark.style.backgroundImage = d.backgroundImage;
      if (d.boxShadow) mark.style.boxShadow = d.boxShadow;
    }
    return mark;
  }

  override updateDOM(prevNode: this): boolean {
    // Ids are fixed per node: a changed segment is a new node. Recreate if it ever differs.
    return prevNode.__spanIds.join(' ') !== this.__spanIds.join(' ');
  }

  override isInline(): true {
    return true;
  }

  override canBeEmpty(): false {
    return false;
  }

  override canInsertTextBefore(): false {
    return false;
  }

  override canInsertTextAfter(): false {
    return false;
  }
}

export function $createSpanMarkNode(spanIds: readonly string[]): SpanMarkNode {
  return new SpanMarkNode(spanIds);
}

export function $isSpanMarkNode(node: LexicalNode | null | undefined): node is SpanMarkNode {
  return node instanceof SpanMarkNode;
}
