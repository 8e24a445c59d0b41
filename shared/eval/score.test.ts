import { describe, expect, it } from 'vitest';
import { actionsPerGoldSpan, formatScoreTable, scoreSpans, type ScoredSpan } from './score';

const span = (start: number, end: number, label = 'actor', docId = 'd1'): ScoredSpan => ({ docId, start, end, label });

describe('scoreSpans', () => {
  it.each([
    // name, gold, pred, exact [P, R], overlap [P, R]
    ['identical', [span(0, 5)], [span(0, 5)], [1, 1], [1, 1]],
    ['boundary off by one', [span(0, 5)], [span(0, 4)], [0, 0], [1, 1]],
    ['one extra prediction', [span(0, 5)], [span(0, 5), span(10, 12)], [0.5, 1], [0.5, 1]],
    ['a miss', [span(0, 5), span(10, 12)], [span(0, 5)], [1, 0.5], [1, 0.5]],
    ['other label does not match', [span(0, 5)], [span(0, 5, 'claim')], [0, 0], [0, 0]],
    ['other document does not match', [span(0, 5)], [span(0, 5, 'actor', 'd2')], [0, 0], [0, 0]],
    ['two predictions on one gold span count once', [span(0, 10)], [span(0, 4), span(5, 10)], [0, 0], [0.5, 1]],
  ] as const)('%s', (_name, gold, pred, exact, overlap) => {
    const row = scoreSpans([...gold], [...pred], ['actor'])[0]!;
    expect([row.exact.precision, row.exact.recall]).toEqual(exact);
    expect([row.overlap.precision, row.overlap.recall]).toEqual(overlap);
  });

  it('adds a micro-averaged "all" row and formats a table', () => {
    const rows = scoreSpans([span(0, 5), span(6, 9, 'number')], [span(0, 5), span(20, 22, 'number')]);
    expect(rows.map((r) => r.label)).toEqual(['actor', 'number', 'all']);
    expect(rows[2]!.exact).toMatchObject({ gold: 2, pred: 2, matched: 1, f1: 0.5 });
    expect(formatScoreTable(rows).split('\n')[0]).toContain('F1 overlap');
  });

  it('counts actions per gold span: accept 1, reject 1, boundary fix 3, manual add 2', () => {
    expect(actionsPerGoldSpan([span(0, 5), span(6, 9), span(20, 30)], [span(0, 5), span(6, 8), span(40, 45)]).withSuggestions).toBeCloseTo((1 + 3 + 2 + 1) / 3);
  });
});
