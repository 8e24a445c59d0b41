import { $createTextNode, type LexicalNode } from 'lexical';
import type { Segment } from '../../../shared/annotation/segments';
import type { TextBlock } from '../../../shared/text/blocks';
import { $createArticleBlockNode, type ArticleBlockNode } from './nodes/ArticleBlockNode';
import { $createSpanMarkNode } from './nodes/SpanMarkNode';

/**
 * The children of one block straight from its segments: plain text for uncovered segments,
 * one mark (holding only span ids) around the text of each covered segment. No selection
 * tricks, no offsets read back from Lexical.
 */
export function $segmentChildren(text: string, segments: readonly Segment[]): LexicalNode[] {
  const children: LexicalNode[] = [];
  for (const seg of segments) {
    const textNode = $createTextNode(text.slice(seg.start, seg.end));
    if (seg.spanIds.length === 0) children.push(textNode);
    else children.push($createSpanMarkNode(seg.spanIds).append(textNode));
  }
  return children;
}

export function $createBlock(text: string, block: TextBlock, segments: readonly Segment[]): ArticleBlockNode {
  return $createArticleBlockNode(block.start, block.end).append(...$segmentChildren(text, segments));
}
