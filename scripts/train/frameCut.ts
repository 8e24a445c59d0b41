import { claimBoundaries } from '../../shared/suggest/claims';
import type { GumDocument } from './conllu';
import { attributedContents } from './gumClaims';
import type { ClaimDocument } from './trainClaims';

/**
 * How well the claim boundaries (frame cut, connectives, punctuation and quotes trimmed) match
 * GUM's reported contents (the sentence without its attribution units, a leading "that" left out):
 * exact matches and the mean character overlap (intersection over union).
 */
export function frameCutScores(claimDocs: readonly ClaimDocument[], gum: readonly GumDocument[]): { contents: number; exact: number; meanOverlap: number } {
  let contents = 0;
  let exact = 0;
  let overlap = 0;
  for (const doc of gum) {
    const a = claimDocs.find((c) => c.id === doc.id)?.analysis;
    if (!a) continue;
    for (const { content } of attributedContents(doc)) {
      let start = content.start;
      const m = /^that\s+/i.exec(doc.text.slice(start, content.end));
      if (m) start += m[0].length;
      const sentence = a.sentences.find((s) => s.start <= start && s.end >= content.end);
      if (!sentence) continue;
      contents++;
      const got = claimBoundaries(doc.text, sentence.start, sentence.end);
      if (!got) continue;
      if (got.start === start && got.end === content.end) exact++;
      const inter = Math.max(0, Math.min(got.end, content.end) - Math.max(got.start, start));
      const union = Math.max(got.end, content.end) - Math.min(got.start, start);
      overlap += union > 0 ? inter / union : 0;
    }
  }
  return { contents, exact, meanOverlap: Math.round((overlap / Math.max(1, contents)) * 1000) / 1000 };
}
