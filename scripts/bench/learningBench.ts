import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exampleFor } from '../../shared/learn/decisions';
import { readModel } from '../../shared/learn/model';
import { ProjectLearner } from '../../shared/learn/projectLearner';
import { suggestAll } from '../../shared/suggest/suggest';

/**
 * Figures for the learning suggesters (part of `npm run bench`; asserts nothing):
 *  1. the shipped model's size and load time;
 *  2. suggestions for a 5,000-character article, warm (the suggestion worker runs this code);
 *  3. one learning update (a decision learned by the project learner), warm.
 */
const root = process.argv[2] ?? process.cwd();
const modelFile = join(root, 'models', 'factmark-suggest.json');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const t0 = performance.now();
const model = readModel(JSON.parse(readFileSync(modelFile, 'utf8')));
console.log(`1. model ${modelFile}: ${(statSync(modelFile).size / 1e6).toFixed(2)} MB, read in ${ms(performance.now() - t0)} (${model.actor.weights.size} actor and ${model.claim.weights.size} claim features)`);

const docs = join(root, 'corpus', 'documents');
const texts = readdirSync(docs).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(docs, f), 'utf8'));
let article = '';
for (let i = 0; article.length < 5000; i++) article += `${texts[i % texts.length]!}\n\n`;
article = article.slice(0, article.lastIndexOf('.', 5000) + 1);

const learner = new ProjectLearner(model);
const AT = (k: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, k)).toISOString();
// A learner that has seen two articles' worth of decisions, as in the targets.
const first = texts[0]!;
let k = 0;
for (const q of ['Reuters', 'Syrian rebels', 'Russia', 'Assad', 'Moscow']) {
  const at = first.indexOf(q);
  if (at >= 0) learner.learn([exampleFor(first, 'tag', { start: at, end: at + q.length, label: 'actor' }, AT(k++))]);
}
const runs: number[] = [];
const cpu: number[] = [];
let count = 0;
for (let i = 0; i < 25; i++) {
  const c = process.cpuUsage();
  const s = performance.now();
  count = suggestAll(article, {}, { model, learner }).length;
  runs.push(performance.now() - s);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
}
const warm = runs.slice(5);
const warmCpu = cpu.slice(5);
console.log(`2. suggestions for a ${article.length}-character article (${count} suggestions): first ${ms(runs[0]!)}, warm median ${ms(median(warm))} (CPU ${ms(median(warmCpu))}), p95 ${ms(p95(warm))} over ${warm.length} runs`);

const updates: number[] = [];
const labels = ['actor', 'claim', 'number'];
for (let i = 0; i < 60; i++) {
  const text = texts[(i % (texts.length - 1)) + 1]!;
  const start = (i * 97) % Math.max(1, text.length - 40);
  const end = Math.min(text.length, start + 8 + (i % 20));
  const kind = (['tag', 'reject', 'accept'] as const)[i % 3]!;
  const e = exampleFor(text, kind, { start, end, label: labels[i % 3]! }, AT(100 + i));
  const s = performance.now();
  learner.learn([e]);
  updates.push(performance.now() - s);
}
const warmUpdates = updates.slice(6);
console.log(`3. one learning update (a tag, accept or reject learned): median ${ms(median(warmUpdates))}, p95 ${ms(p95(warmUpdates))}, max ${ms(Math.max(...warmUpdates))} over ${warmUpdates.length} (${learner.decisions} decisions learned in all)`);
