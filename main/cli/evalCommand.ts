import { resolve } from 'node:path';
import { actionsPerGoldSpan, formatScoreTable, scoreSpans, type ScoredSpan } from '../../shared/eval/score';
import { SUGGEST_LABELS, suggestAll, type SuggestLabel } from '../../shared/suggest/suggest';
import { defaultThreshold } from '../../shared/suggest/thresholds';
import { parseCommandArgs } from './args';
import { EXIT_OK, UsageError, type CliIo } from './io';
import { annotatorFiles, projectDocIds, readDocText } from './projectSpans';
import { listAnnotators } from '../services/projectStore';
import { loadSuggestModel } from '../services/suggestModelFile';
import { formatCurve, learningCurve, type CurveDocument } from '../../shared/eval/learningCurve';
import { performance } from 'node:perf_hooks';

function labelsOption(value: string | undefined): SuggestLabel[] {
  if (value === undefined) return [...SUGGEST_LABELS];
  const labels = value.split(',').map((l) => l.trim()).filter(Boolean);
  for (const l of labels) if (!(SUGGEST_LABELS as readonly string[]).includes(l)) throw new UsageError(`--labels takes ${SUGGEST_LABELS.join(', ')}, not "${l}".`);
  return labels as SuggestLabel[];
}

async function pickAnnotator(dir: string, given: string | undefined, option: string): Promise<string> {
  if (given !== undefined) return given;
  const all = await listAnnotators(dir);
  if (all.length === 1) return all[0]!;
  throw new UsageError(all.length === 0 ? `${dir} has no annotations.` : `${dir} has several annotators (${all.join(', ')}): choose one with ${option}.`);
}

async function spansOf(dir: string, annotator: string, docIds: ReadonlySet<string> | null): Promise<ScoredSpan[]> {
  const files = await annotatorFiles(dir, annotator);
  return files.filter((f) => docIds === null || docIds.has(f.docId)).flatMap((f) => f.spans.map((s) => ({ docId: f.docId, start: s.start, end: s.end, label: s.label })));
}

/**
 * factmark eval --learning-curve --gold PROJECT [--gold-annotator NAME] [--labels …] [--json]
 * The gold project's documents in order (sorted by id), an annotator simulated on them
 * (shared/eval/learningCurve.ts): P/R/F1 per label and actions per gold span after 0, 1, 2, …
 * documents annotated and learned.
 */
async function learningCurveCommand(opts: { gold: string; goldAnnotator: string | undefined; labels: SuggestLabel[]; json: boolean }, io: CliIo): Promise<number> {
  const goldDir = resolve(io.cwd ?? process.cwd(), opts.gold);
  await projectDocIds(goldDir);
  const annotator = await pickAnnotator(goldDir, opts.goldAnnotator, '--gold-annotator');
  const files = await annotatorFiles(goldDir, annotator);
  if (files.length === 0) throw new UsageError(`${goldDir} has no annotation files for "${annotator}".`);
  const docs: CurveDocument[] = [];
  for (const f of [...files].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0))) {
    const { text } = await readDocText(goldDir, f.docId);
    docs.push({ docId: f.docId, text, gold: f.spans.map((s) => ({ start: s.start, end: s.end, label: s.label })) });
  }
  const { model, problem } = loadSuggestModel();
  if (problem) io.stderr(`${problem}\n`);
  const steps = learningCurve(docs, model, { labels: opts.labels, now: () => performance.now() });
  if (opts.json) {
    io.stdout(`${JSON.stringify({ gold: { project: goldDir, annotator, documents: docs.map((d) => d.docId) }, model: model ? `version ${model.version}` : null, steps }, null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(`Learning curve: ${goldDir} (${annotator}), ${docs.length} documents in this order: ${docs.map((d) => d.docId).join(', ')}.\n`);
  io.stdout('After k documents annotated and learned, the suggestions of the documents not annotated yet, against the gold (exact/overlap):\n');
  io.stdout(`${formatCurve(steps, opts.labels)}\n`);
  for (const s of steps) {
    io.stdout(`\nAfter ${s.learned} document${s.learned === 1 ? '' : 's'} (${s.learnedIds.join(', ') || 'none'}), scored on ${s.scoredIds.join(', ')}:\n${formatScoreTable(s.scores)}\n`);
    io.stdout(`Actions per gold span: ${s.actions.withSuggestions.toFixed(2)} with these suggestions, ${s.actions.without} without. Then ${s.decisions} decisions learned in ${s.learnMs.toFixed(1)} ms.\n`);
  }
  return EXIT_OK;
}

/**
 * factmark eval --gold PROJECT [--gold-annotator NAME] (--pred PROJECT [--pred-annotator NAME] | --suggest)
 *               [--labels number,actor,claim] [--json]
 * Precision, recall and F1 per label, exact and overlap matching, over the documents the gold
 * annotator has files for. --suggest scores Factmark's suggesters on the gold texts instead.
 */
export async function evalCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    gold: { type: 'string' },
    pred: { type: 'string' },
    'gold-annotator': { type: 'string' },
    'pred-annotator': { type: 'string' },
    suggest: { type: 'boolean' },
    labels: { type: 'string' },
    json: { type: 'boolean' },
    'learning-curve': { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`eval takes no positional arguments (got "${positionals[0]}").`);
  if (values.gold === undefined) throw new UsageError('eval needs --gold PROJECT.');
  if (values['learning-curve'] === true) {
    if (values.pred !== undefined || values['pred-annotator'] !== undefined || values.suggest === true) throw new UsageError('--learning-curve takes --gold PROJECT (and --gold-annotator, --labels, --json) only.');
    return learningCurveCommand({ gold: values.gold, goldAnnotator: values['gold-annotator'], labels: labelsOption(values.labels), json: values.json === true }, io);
  }
  const hasPred = values.pred !== undefined || values['pred-annotator'] !== undefined;
  if (hasPred === (values.suggest === true)) {
    throw new UsageError('eval needs either --pred PROJECT (or --pred-annotator NAME of the gold project) or --suggest.');
  }
  const cwd = io.cwd ?? process.cwd();
  const goldDir = resolve(cwd, values.gold);
  await projectDocIds(goldDir);
  const goldAnnotator = await pickAnnotator(goldDir, values['gold-annotator'], '--gold-annotator');
  const goldFiles = await annotatorFiles(goldDir, goldAnnotator);
  if (goldFiles.length === 0) throw new UsageError(`${goldDir} has no annotation files for "${goldAnnotator}".`);
  const docIds = new Set(goldFiles.map((f) => f.docId));
  const labelFilter = values.labels !== undefined ? new Set<string>(labelsOption(values.labels)) : null;
  const keep = (s: ScoredSpan) => labelFilter === null || labelFilter.has(s.label);
  const gold = (await spansOf(goldDir, goldAnnotator, docIds)).filter(keep);
  let pred: ScoredSpan[];
  let predName: string;
  if (values.suggest === true) {
    const labels = labelsOption(values.labels);
    const { model, problem } = loadSuggestModel();
    if (problem) io.stderr(`${problem}\n`);
    pred = [];
    for (const docId of [...docIds].sort()) {
      const { text } = await readDocText(goldDir, docId);
      // No gazetteer from the gold itself: that would score the gold against itself.
      for (const s of suggestAll(text, { labels }, { model })) if ((s.score ?? 1) >= defaultThreshold(s.label, model)) pred.push({ docId, start: s.start, end: s.end, label: s.label });
    }
    predName = `suggesters (${labels.join(', ')})`;
  } else {
    const predDir = resolve(cwd, values.pred ?? values.gold);
    await projectDocIds(predDir);
    const predAnnotator = await pickAnnotator(predDir, values['pred-annotator'], '--pred-annotator');
    pred = (await spansOf(predDir, predAnnotator, docIds)).filter(keep);
    predName = `${predDir} (${predAnnotator})`;
  }
  const rows = scoreSpans(gold, pred, labelFilter ? [...labelFilter] : undefined);
  const actions = actionsPerGoldSpan(gold, pred);
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ gold: { project: goldDir, annotator: goldAnnotator, documents: docIds.size }, pred: predName, scores: rows, actionsPerGoldSpan: actions }, null, 2)}\n`);
  } else {
    io.stdout(`Gold: ${goldDir} (${goldAnnotator}), ${docIds.size} documents. Predictions: ${predName}.\n`);
    io.stdout(`${formatScoreTable(rows)}\n`);
    io.stdout(`Actions per gold span: ${actions.withSuggestions.toFixed(2)} with these predictions as suggestions, ${actions.without} without.\n`);
  }
  return EXIT_OK;
}
