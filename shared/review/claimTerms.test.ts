import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimTerms, claimTermsBatch } from './claimTerms';

describe('claim terms in batches', () => {
  it('are the terms of each claim read alone: every claim of the review sample, every sentence of the corpus, odd texts', () => {
    const root = 'test-fixtures/review-sample/annotations/reviewer';
    const claims = readdirSync(root).flatMap((f) => JSON.parse(readFileSync(join(root, f), 'utf8')).spans.filter((s: { label: string }) => s.label === 'claim').map((s: { quote: string }) => s.quote));
    const sentences = readdirSync('corpus/documents')
      .filter((f) => f.endsWith('.txt'))
      .flatMap((f) => readFileSync(join('corpus/documents', f), 'utf8').split(/(?<=[.!?])\s+|\n+/));
    const odd = ['', '   ', '—', 'Two\nlines here', '“Quoted,” he said.', '300+ Insurgents Killed', 'Ünïcode façade 😀 test', 'U.S. officials', 'a'.repeat(3000)];
    const texts = [...claims, ...sentences, ...odd];
    expect(texts.length).toBeGreaterThan(200); // more than one batch
    expect(claimTermsBatch(texts)).toEqual(texts.map(claimTerms));
  });
});
