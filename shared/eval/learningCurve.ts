import { exampleFor, unmarkedExamples } from '../learn/decisions';
import type { LearningExample } from '../learn/examples';
import type { SuggestModel } from '../learn/model';
import { ProjectLearner } from '../learn/projectLearner';
import { suggestAll, type SuggestLabel } from '../suggest/suggest';
import { defaultThreshold } from '../suggest/thresholds';
import { actionsPerGoldSpan, scoreSpans, type LabelScore, type ScoredSpan } from './score';

/**
 * `factmark eval --learning-curve`: an annotator simulated on a gold project. Documents are taken
 * in a fixed order; before each one is annotated, the suggestions of every document not yet
 * annotated are scored against the gold (what the project's suggesters can do after k documents);
 * then the document's suggestions are decided as the gold says (exact ones accepted, overlapping
 * ones accepted and corrected to the gold boundaries, the rest rejected), the gold spans no
 * suggestion found are tagged, the document is marked done, and all of it is learned.
 */
export interface CurveDocument {
  docId: string;
  text: string;
  gold: readonly { start: number; end: number; label: string }[];
}

export interface CurveStep {
  /** Documents annotated (and learned) before this step. */
  learned: number;
  learnedIds: string[];
  /** The documents scored: those not annotated yet. */
  scoredIds: string[];
  scores: LabelScore[];
  actions: { withSuggestions: number; without: number };
  /** Decisions learned from the document annotated at this step, and how long learning them took. */
  decisions: number;
  learnMs: number;
}

export interface CurveOptions {
  labels: readonly SuggestLabel[];
  /** Per label, the score a suggestion needs to be shown (default: the model's thresholds). */
  thresholds?: Partial<Record<string, number>>;
  now?: () => number;
}

function shown(text: string, learner: ProjectLearner, model: SuggestModel | null, options: CurveOptions) {
  return suggestAll(text, { labels: options.labels }, { model, learner }).filter((s) => (s.score ?? 1) >= (options.thresholds?.[s.label] ?? defaultThreshold(s.label, model)));
}

/** The annotator's decisions on one document's suggestions, as the gold says. */
export function goldDecisions(doc: CurveDocument, suggestions: readonly { start: number; end: number; label: string }[], at: string): LearningExample[] {
  const out: LearningExample[] = [];
  const used = new Set<number>();
  const sorted = [...suggestions].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const s of sorted) {
    let best = -1;
    let bestOverlap = 0;
    doc.gold.forEach((g, i) => {
      if (used.has(i) || g.label !== s.label) return;
      const o = Math.min(g.end, s.end) - Math.max(g.start, s.start);
      if (o > bestOverlap) {
        best = i;
        bestOverlap = o;
      }
    });
    if (best < 0) {
      out.push(exampleFor(doc.text, 'reject', s, at));
      continue;
    }
    used.add(best);
    const g = doc.gold[best]!;
    out.push(g.start === s.start && g.end === s.end ? exampleFor(doc.text, 'accept', g, at) : exampleFor(doc.text, 'correct', g, at, s));
  }
  doc.gold.forEach((g, i) => {
    if (!used.has(i)) out.push(exampleFor(doc.text, 'tag', g, at));
  });
  const spans = doc.gold.map((g, i) => ({ id: String(i), ...g }));
  return [...out, ...unmarkedExamples(doc.text, spans, 'done', at)];
}

export function learningCurve(docs: readonly CurveDocument[], model: SuggestModel | null, options: CurveOptions): CurveStep[] {
  const now = options.now ?? (() => Date.now());
  const learner = new ProjectLearner(model);
  const steps: CurveStep[] = [];
  const labels = new Set<string>(options.labels);
  for (let k = 0; k < docs.length; k++) {
    const rest = docs.slice(k);
    const gold: ScoredSpan[] = [];
    const pred: ScoredSpan[] = [];
    let current: { start: number; end: number; label: string }[] = [];
    for (const d of rest) {
      for (const g of d.gold) if (labels.has(g.label)) gold.push({ docId: d.docId, ...g });
      const s = shown(d.text, learner, model, options);
      if (d === docs[k]) current = s;
      for (const x of s) pred.push({ docId: d.docId, start: x.start, end: x.end, label: x.label });
    }
    // The document is annotated: its decisions are learned (timed: the update the app makes after a save).
    const doc = docs[k]!;
    const examples = goldDecisions({ ...doc, gold: doc.gold.filter((g) => labels.has(g.label)) }, current, new Date(Date.UTC(2025, 0, 1, 0, k)).toISOString());
    const started = now();
    learner.learn(examples);
    const learnMs = now() - started;
    steps.push({
      learned: k,
      learnedIds: docs.slice(0, k).map((d) => d.docId),
      scoredIds: rest.map((d) => d.docId),
      scores: scoreSpans(gold, pred, [...options.labels].sort()),
      actions: actionsPerGoldSpan(gold, pred),
      decisions: examples.filter((e) => e.kind !== 'unmarked').length,
      learnMs,
    });
  }
  return steps;
}

const f = (x: number) => x.toFixed(2);

/** The curve as one line per step: F1 exact / overlap per label and actions per gold span. */
export function formatCurve(steps: readonly CurveStep[], labels: readonly string[]): string {
  const sorted = [...labels].sort();
  const head = ['after', 'scored on', ...sorted.flatMap((l) => [`${l} P`, `${l} R`, `${l} F1 ex/ov`]), 'actions/span'];
  const rows = steps.map((s) => [
    `${s.learned} doc${s.learned === 1 ? '' : 's'}`,
    `${s.scoredIds.length} doc${s.scoredIds.length === 1 ? '' : 's'}`,
    ...sorted.flatMap((l) => {
      const r = s.scores.find((x) => x.label === l);
      return r ? [`${f(r.exact.precision)}/${f(r.overlap.precision)}`, `${f(r.exact.recall)}/${f(r.overlap.recall)}`, `${f(r.exact.f1)}/${f(r.overlap.f1)}`] : ['-', '-', '-'];
    }),
    `${f(s.actions.withSuggestions)} (of ${s.actions.without})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
