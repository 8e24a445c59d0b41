import { describe, expect, it } from 'vitest';
import { buildReview } from './review';
import { escapeHtml, reviewCsv, reviewHtml, reviewJson, reviewJsonChunks } from './reviewExport';
import { testDocument } from './testKit';

const info = { project: 'P <b>', annotator: 'alice', createdAt: '2026-11-22T00:00:00.000Z', factmarkVersion: '0.1.0' };
const review = buildReview(
  [
    testDocument('d1', 'A & B', [{ text: 'Strikes killed four <script>alert(1)</script>', numbers: [{ quote: 'four', value: 4, unit: 'civilians', quantity: 'casualties killed' }], claimant: { quote: 'Rescuers', entity: 'r' } }]),
    testDocument('d2', '=HYPERLINK("x")', [{ text: 'Strikes killed 25 civilians', numbers: [{ quote: '25', value: 25, unit: 'civilians', quantity: 'casualties killed' }] }]),
  ],
  [],
  [],
);

describe('review set', () => {
  it('HTML is self-contained and escapes every text', () => {
    const html = reviewHtml(review, info);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('A &amp; B');
    expect(html).toContain('P &lt;b&gt;');
    expect(html).not.toMatch(/<link|src=|href=|@import|url\(/);
    expect(html).toContain('numbers disagree');
    expect(html).toContain('@media print');
  });

  it('CSV has one row per claim, quoted, formulas defused', () => {
    const csv = reviewCsv(review);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + review.clusters.reduce((n, c) => n + c.claims.length, 0));
    expect(lines[0]).toBe('\uFEFFcluster,rank,outlets,flags,claim,document,outlet,title,claim_text,attributed_to,numbers,start,end');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('four = 4 civilians (casualties killed)');
  });

  it('CSV gives each row the flags that name its claim, not every flag of its cluster', () => {
    const three = buildReview(
      [
        testDocument('d1', 'A', [{ text: 'Strikes killed four civilians', numbers: [{ quote: 'four', value: 4, unit: 'civilians', quantity: 'casualties killed' }] }]),
        testDocument('d2', 'B', [{ text: 'Strikes killed 25 civilians', numbers: [{ quote: '25', value: 25, unit: 'civilians', quantity: 'casualties killed' }] }]),
        testDocument('d3', 'C', [{ text: 'Strikes killed civilians' }]),
      ],
      [],
      [],
    );
    expect(three.clusters).toHaveLength(1);
    const rows = reviewCsv(three).trimEnd().split('\r\n').slice(1);
    const row = (key: string) => rows.find((r) => r.includes(`,${key},`))!;
    expect(row('d1/c0')).toContain('numbers disagree');
    expect(row('d2/c0')).toContain('numbers disagree');
    expect(row('d3/c0')).not.toContain('numbers disagree');
  });

  it('JSON carries normalised values and flags', () => {
    const json = JSON.parse(reviewJson(review, info));
    expect(json.format).toBe('factmark-review');
    const claim = json.clusters[0].claims.find((c: { key: string }) => c.key === 'd1/c0');
    expect(claim.numbers[0]).toMatchObject({ value: 4, normalised: '4', unit: 'civilians' });
    expect(json.clusters[0].flags[0].kind).toBe('number-conflict');
    expect(escapeHtml(`'"`)).toBe('&#39;&quot;');
  });

  it('JSON written a cluster at a time is exactly the whole document pretty-printed, with or without clusters', () => {
    const none = buildReview([], [], []);
    for (const r of [review, none]) {
      const chunks = [...reviewJsonChunks(r, info)];
      const text = chunks.join('');
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(chunks.length).toBe(r.clusters.length === 0 ? 1 : r.clusters.length + 2);
      expect(JSON.parse(text)).toMatchObject({ format: 'factmark-review', project: info.project, claims: r.claims, clusters: r.clusters.map((c, i) => ({ id: c.id, rank: i + 1 })) });
    }
  });
});
