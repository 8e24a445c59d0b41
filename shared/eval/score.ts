/**
 * Precision, recall and F1 of predicted spans against gold spans, per label, with two matchings:
 * exact (same start, end and label) and overlap (same label, sharing at least one character).
 * Matching is one-to-one: each gold span is matched by at most one prediction (greedy, in order).
 */
export interface ScoredSpan {
  docId: string;
  start: number;
  end: number;
  label: string;
}

export interface Score {
  gold: number;
  pred: number;
  /** Matched predictions. */
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface LabelScore {
  label: string;
  exact: Score;
  overlap: Score;
}

export type Matching = 'exact' | 'overlap';

function score(gold: number, pred: number, matched: number): Score {
  const precision = pred === 0 ? (gold === 0 ? 1 : 0) : matched / pred;
  const recall = gold === 0 ? (pred === 0 ? 1 : 0) : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { gold, pred, matched, precision, recall, f1 };
}

function countMatches(gold: ScoredSpan[], pred: ScoredSpan[], matching: Matching): number {
  const used = new Set<number>();
  let matched = 0;
  const sortedPred = [...pred].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const p of sortedPred) {
    let best = -1;
    let bestOverlap = 0;
    gold.forEach((g, i) => {
      if (used.has(i) || g.docId !== p.docId || g.label !== p.label) return;
      const overlap = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      const ok = matching === 'exact' ? g.start === p.start && g.end === p.end : overlap > 0;
      if (ok && overlap > bestOverlap) {
        best = i;
        bestOverlap = overlap;
      }
    });
    if (best >= 0) {
      used.add(best);
      matched++;
    }
  }
  return matched;
}

/** Scores per label (every label of either side, sorted) plus a last row "all" (micro-averaged). */
export function scoreSpans(gold: readonly ScoredSpan[], pred: readonly ScoredSpan[], labels?: readonly string[]): LabelScore[] {
  const all = labels ?? [...new Set([...gold, ...pred].map((s) => s.label))].sort();
  const rows: LabelScore[] = [];
  const totals = { exact: [0, 0, 0], overlap: [0, 0, 0] };
  for (const label of all) {
    const g = gold.filter((s) => s.label === label);
    const p = pred.filter((s) => s.label === label);
    const row = { label } as LabelScore;
    for (const m of ['exact', 'overlap'] as const) {
      const matched = countMatches(g, p, m);
      row[m] = score(g.length, p.length, matched);
      totals[m][0]! += g.length;
      totals[m][1]! += p.length;
      totals[m][2]! += matched;
    }
    rows.push(row);
  }
  rows.push({ label: 'all', exact: score(totals.exact[0]!, totals.exact[1]!, totals.exact[2]!), overlap: score(totals.overlap[0]!, totals.overlap[1]!, totals.overlap[2]!) });
  return rows;
}

/**
 * Actions per gold span with suggestions on: every correct suggestion is one accept, every wrong
 * one a reject, every gold span no suggestion overlaps a manual add (select + key = 2 actions).
 * Without suggestions each gold span costs 2 actions.
 */
export function actionsPerGoldSpan(gold: readonly ScoredSpan[], pred: readonly ScoredSpan[]): { withSuggestions: number; without: number } {
  if (gold.length === 0) return { withSuggestions: 0, without: 0 };
  const matched = countMatches([...gold], [...pred], 'exact');
  const overlapOnly = countMatches([...gold], [...pred], 'overlap') - matched;
  // An exact hit: 1 accept. An overlapping hit: accept then fix a boundary (1 + 2). A miss: 2 (select + key).
  const missed = gold.length - matched - overlapOnly;
  const rejects = pred.length - matched - overlapOnly;
  return { withSuggestions: (matched + overlapOnly * 3 + missed * 2 + rejects) / gold.length, without: 2 };
}

const pct = (n: number) => n.toFixed(3);

/** The scores as a fixed-width text table. */
export function formatScoreTable(rows: readonly LabelScore[]): string {
  const head = ['label', 'gold', 'pred', 'P exact', 'R exact', 'F1 exact', 'P overlap', 'R overlap', 'F1 overlap'];
  const body = rows.map((r) => [r.label, String(r.exact.gold), String(r.exact.pred), pct(r.exact.precision), pct(r.exact.recall), pct(r.exact.f1), pct(r.overlap.precision), pct(r.overlap.recall), pct(r.overlap.f1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}
