import type { LearningExample } from '../../shared/learn/examples';
import { ProjectLearner } from '../../shared/learn/projectLearner';
import type { ModelPart, SuggestModel } from '../../shared/learn/model';
import { analyze } from '../../shared/learn/analyze';
import { contextAt } from '../../shared/learn/memory';
import { suggestTrainedActors } from '../../shared/suggest/trainedActors';
import { scoreSpans, type ScoredSpan } from '../../shared/eval/score';
import type { TaggedDocument } from './actorData';

const AT = '2000-01-01T00:00:00.000Z';

/**
 * An annotator working through each held-out GUM document sentence by sentence with the actor
 * suggestions on: each sentence is suggested with what the earlier ones taught (memory and the
 * project layer), then the annotator's decisions on it are learned (exact hits accepted, near
 * misses corrected, wrong ones rejected, missed ones tagged). Each document starts a new project.
 */
export function simulateActorLearning(actor: ModelPart, docs: readonly TaggedDocument[], rate = 1) {
  const threshold = actor.threshold;
  const model: SuggestModel = { version: 1, actor, claim: { bias: [0, 0], weights: new Map(), temperature: 1, threshold: 0.5 } };
  const withL: ScoredSpan[] = [];
  const without: ScoredSpan[] = [];
  const gold: ScoredSpan[] = [];
  for (const d of docs) {
    const learner = new ProjectLearner(model, { actor: rate, claim: 0 });
    for (const s of d.analysis.sentences) {
      const text = d.analysis.text.slice(s.start, s.end);
      const a = analyze(text);
      const g = d.gold.filter((x) => x.start >= s.start && x.end <= s.end);
      gold.push(...g.map((x) => ({ docId: d.id, start: x.start, end: x.end, label: 'actor' })));
      const shift = (x: { start: number; end: number; score?: number }) => ({ docId: d.id, start: x.start + s.start, end: x.end + s.start, label: 'actor', score: x.score ?? 0 });
      const learned = suggestTrainedActors(a, model, { memory: learner.memory, layers: [learner.actorLayer] }).map(shift).filter((x) => x.score >= threshold);
      const base = suggestTrainedActors(a, model).map(shift).filter((x) => x.score >= threshold);
      withL.push(...learned);
      without.push(...base);
      const examples: LearningExample[] = [];
      const sentence = { start: s.start, text };
      const full = d.analysis.text;
      const q = (x: { start: number; end: number }) => ({ quote: full.slice(x.start, x.end), context: contextAt(full, x.start) });
      const used = new Set<number>();
      for (const p of learned) {
        const i = g.findIndex((x, k) => !used.has(k) && x.start < p.end && x.end > p.start);
        if (i < 0) {
          examples.push({ kind: 'reject', label: 'actor', start: p.start, end: p.end, ...q(p), sentence, at: AT });
          continue;
        }
        used.add(i);
        const x = g[i]!;
        if (x.start === p.start && x.end === p.end) examples.push({ kind: 'accept', label: 'actor', start: x.start, end: x.end, ...q(x), sentence, at: AT });
        else examples.push({ kind: 'correct', label: 'actor', start: x.start, end: x.end, ...q(x), sentence, at: AT, from: { label: 'actor', start: p.start, end: p.end, ...q(p) } });
      }
      g.forEach((x, k) => {
        if (!used.has(k)) examples.push({ kind: 'tag', label: 'actor', start: x.start, end: x.end, ...q(x), sentence, at: AT });
      });
      learner.learn(examples);
    }
  }
  const row = (pred: ScoredSpan[]) => {
    const r = scoreSpans(gold, pred, ['actor'])[0]!;
    return { exactF1: Math.round(r.exact.f1 * 1000) / 1000, overlapF1: Math.round(r.overlap.f1 * 1000) / 1000 };
  };
  return { rate, withoutLearning: row(without), withLearning: row(withL) };
}
