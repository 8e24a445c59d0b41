import {
  $getDocument,
  DecoratorNode,
  ElementNode,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
  type SerializedElementNode,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { Segment } from '../../../../shared/annotation/segments';
import { createMarkElement, markLookupOf } from './markElement';

export type SerializedArticleBlockNode = Spread<
  { blockStart: number; blockEnd: number; text: string; segments: { start: number; end: number; spanIds: string[] }[] },
  SerializedLexicalNode
>;

/**
 * One paragraph of the article: a block from buildBlocks, drawn as a `<p>` that carries its
 * absolute [start, end) offsets, with its text and one `<mark data-span-ids>` per covered segment
 * inside. The paragraph is one Lexical node that draws its own content (a block decorator whose
 * DOM Lexical leaves alone), not a Lexical node per mark and per piece of text: the article is
 * never edited, so Lexical has nothing to reconcile inside a paragraph, and a long page builds in
 * a fraction of the nodes. A paragraph whose spans change is replaced whole. Selections are mapped
 * back to text offsets through the block attributes (domOffsets.ts), never through Lexical.
 */
export class ArticleBlockNode extends DecoratorNode<null> {
  __blockStart: number;
  __blockEnd: number;
  /** The block's own text (text.slice(blockStart, blockEnd)). */
  __text: string;
  /** The block's segments, in absolute offsets (shared/annotation/segments.ts). */
  __segments: readonly Segment[];

  static override getType(): string {
    return 'factmark-block';
  }

  static override clone(node: ArticleBlockNode): ArticleBlockNode {
    return new ArticleBlockNode(node.__blockStart, node.__blockEnd, node.__text, node.__segments, node.__key);
  }

  static override importJSON(json: SerializedArticleBlockNode): ArticleBlockNode {
    return new ArticleBlockNode(json.blockStart, json.blockEnd, json.text, json.segments);
  }

  constructor(blockStart = 0, blockEnd = 0, text = '', segments: readonly Segment[] = [], key?: NodeKey) {
    super(key);
    this.__blockStart = blockStart;
    this.__blockEnd = blockEnd;
    this.__text = text;
    this.__segments = segments;
  }

  override exportJSON(): SerializedArticleBlockNode {
    return {
      ...super.exportJSON(),
      type: 'factmark-block',
      version: 2,
      blockStart: this.__blockStart,
      blockEnd: this.__blockEnd,
      text: this.__text,
      segments: this.__segments.map((s) => ({ start: s.start, end: s.end, spanIds: [...s.spanIds] })),
    };
  }

  override createDOM(_config: EditorConfig, editor: LexicalEditor): HTMLElement {
    const doc = $getDocument();
    const p = doc.createElement('p');
    p.className = 'fm-block';
    // Each paragraph finds its own direction (Arabic, Hebrew right to left; mixed articles too).
    p.dir = 'auto';
    p.setAttribute('data-block-start', String(this.__blockStart));
    p.setAttribute('data-block-end', String(this.__blockEnd));
    const lookup = markLookupOf(editor);
    const base = this.__blockStart;
    for (const seg of this.__segments) {
      const text = this.__text.slice(seg.start - base, seg.end - base);
      p.appendChild(seg.spanIds.length === 0 ? doc.createTextNode(text) : createMarkElement(doc, seg.spanIds, text, lookup));
    }
    return p;
  }

  override updateDOM(): boolean {
    // A node's content never changes (changed spans build a new node): nothing to update.
    return false;
  }

  override decorate(): null {
    return null;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return this.__text;
  }
}

export function $createArticleBlockNode(start: number, end: number, text: string, segments: readonly Segment[]): ArticleBlockNode {
  return new ArticleBlockNode(start, end, text, segments);
}

export function $isArticleBlockNode(node: LexicalNode | null | undefined): node is ArticleBlockNode {
  return node instanceof ArticleBlockNode;
}

/**
 * An empty, hidden node at each end of the article. Lexical puts a caret anchor (an `<img>`)
 * before a first and after a last child that is a block decorator; with an edge node there, the
 * article holds only text, marks and these hidden spans.
 */
export class ArticleEdgeNode extends ElementNode {
  static override getType(): string {
    return 'factmark-edge';
  }

  static override clone(node: ArticleEdgeNode): ArticleEdgeNode {
    return new ArticleEdgeNode(node.__key);
  }

  static override importJSON(): ArticleEdgeNode {
    return new ArticleEdgeNode();
  }

  override exportJSON(): SerializedElementNode {
    return { ...super.exportJSON(), type: 'factmark-edge', version: 1 };
  }

  override createDOM(): HTMLElement {
    const span = $getDocument().createElement('span');
    span.className = 'fm-edge';
    span.hidden = true;
    return span;
  }

  override updateDOM(): boolean {
    return false;
  }
}

export function $createArticleEdgeNode(): ArticleEdgeNode {
  return new ArticleEdgeNode();
}
