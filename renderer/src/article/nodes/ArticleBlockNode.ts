import {
  $getDocument,
  ElementNode,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedElementNode,
  type Spread,
} from 'lexical';

export type SerializedArticleBlockNode = Spread<{ blockStart: number; blockEnd: number }, SerializedElementNode>;

/**
 * One paragraph of the article: a block from buildBlocks, drawn as a `<p>` that carries its
 * absolute [start, end) offsets. Selections are mapped back to text offsets through these
 * attributes, never through Lexical's text content (which adds separators).
 */
export class ArticleBlockNode extends ElementNode {
  __blockStart: number;
  __blockEnd: number;

  static override getType(): string {
    return 'factmark-block';
  }

  static override clone(node: ArticleBlockNode): ArticleBlockNode {
    return new ArticleBlockNode(node.__blockStart, node.__blockEnd, node.__key);
  }

  static override importJSON(json: SerializedArticleBlockNode): ArticleBlockNode {
    return new ArticleBlockNode(json.blockStart, json.blockEnd);
  }

  constructor(blockStart = 0, blockEnd = 0, key?: NodeKey) {
    super(key);
    this.__blockStart = blockStart;
    this.__blockEnd = blockEnd;
  }

  override exportJSON(): SerializedArticleBlockNode {
    return { ...super.exportJSON(), type: 'factmark-block', version: 1, blockStart: this.__blockStart, blockEnd: this.__blockEnd };
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const p = $getDocument().createElement('p');
    p.className = 'fm-block';
    p.setAttribute('data-block-start', String(this.__blockStart));
    p.setAttribute('data-block-end', String(this.__blockEnd));
    return p;
  }

  override updateDOM(prevNode: this): boolean {
    // Offsets never change for a node (a new document builds new nodes); recreate if they do.
    return prevNode.__blockStart !== this.__blockStart || prevNode.__blockEnd !== this.__blockEnd;
  }

  override canBeEmpty(): false {
    return false;
  }
}

export function $createArticleBlockNode(start: number, end: number): ArticleBlockNode {
  return new ArticleBlockNode(start, end);
}

export function $isArticleBlockNode(node: LexicalNode | null | undefined): node is ArticleBlockNode {
  return node instanceof ArticleBlockNode;
}
