import type { Segment } from '../../../shared/annotation/segments';
import type { TextBlock } from '../../../shared/text/blocks';
import { $createArticleBlockNode, type ArticleBlockNode } from './nodes/ArticleBlockNode';

/**
 * One block straight from its segments: the node draws plain text for uncovered segments and
 * one mark (holding only span ids) around the text of each covered segment. No selection
 * tricks, no offsets read back from Lexical.
 */
export function $createBlock(text: string, block: TextBlock, segments: readonly Segment[]): ArticleBlockNode {
  return $createArticleBlockNode(block.start, block.end, text.slice(block.start, block.end), segments);
}
