import { describe, expect, it } from 'vitest';
import { buildReview } from './review';
import { testDocument } from './testKit';

const pledge = (docId: string, outlet: string, text: string, claimant: string) =>
  testDocument(docId, outlet, [
    { text, numbers: [{ quote: '72 hours', value: 72, unit: 'hours', quantity: 'duration' }], actors: [{ quote: 'Russia', entity: 'russia' }], claimant: { quote: claimant, entity: claimant.toLowerCase() } },
    { text: `The ${outlet} weather was mild on Sunday in the capital`, claimant: { quote: 'Forecasters' } },
  ]);

describe('buildReview', () => {
  const docs = [
    pledge('d1', 'Blog', 'Russia has promised to send additional military aid to Syria within the next 72 hours', 'Reuters'),
    pledge('d2', 'Talks', 'Russia has pledged additional military support to Damascus, expected within the next 72 hours', 'Army'),
    pledge('d3', 'Wire', 'Russia has promised Damascus additional military assistance expected in the next 72 hours', 'Reuters'),
  ];

  it('clusters the same claim across outlets, one claim per document, deterministically', () => {
    const review = buildReview(docs, [], []);
    const pledgeCluster = review.clusters.find((c) => c.claims.some((x) => x.text.startsWith('Russia has promised to send')))!;
    expect(pledgeCluster.claims.map((c) => c.docId)).toEqual(['d1', 'd2', 'd3']);
    expect(pledgeCluster.outlets).toBe(3);
    expect(buildReview([...docs].reverse(), [], [])).toEqual(review);
  });

  it('sorts clusters with conflicts first, then by outlets', () => {
    const conflict = [
      testDocument('k1', 'A', [{ text: 'Strikes killed four civilians', numbers: [{ quote: 'four', value: 4, unit: 'civilians', quantity: 'casualties killed' }] }]),
      testDocument('k2', 'B', [{ text: 'Strikes killed 25 civilians', numbers: [{ quote: '25', value: 25, unit: 'civilians', quantity: 'casualties killed' }] }]),
    ];
    const review = buildReview([...docs, ...conflict], [], []);
    expect(review.clusters[0]!.claims.map((c) => c.docId)).toEqual(['k1', 'k2']);
    expect(review.clusters[0]!.flags[0]!.kind).toBe('number-conflict');
    expect(review.clusters[1]!.outlets).toBe(3);
  });

  it('applies decisions over the suggestions and marks the clusters they changed', () => {
    const review = buildReview(docs, [], [{ op: 'split', claim: 'd2/c0' }]);
    const alone = review.clusters.find((c) => c.id === 'd2/c0')!;
    expect(alone.claims).toHaveLength(1);
    expect(alone.decided).toBe(true);
    expect(review.clusters.find((c) => c.id === 'd1/c0')!.claims.map((c) => c.docId)).toEqual(['d1', 'd3']);
  });
});
