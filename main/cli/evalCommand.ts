import { resolve } from 'node:path';
import { actionsPerGoldSpan, formatScoreTable, scoreSpans, type ScoredSpan } from '../../shared/eval/score';
import { SUGGEST_LABELS, suggestAll, type SuggestLabel } from '../../shared/suggest/suggest';
import { defaultThreshold } from '../../shared/suggest/thresholds';
import { parseCommandArgs } from './args';
import { EXIT_OK, UsageError, type CliIo } from './io';
import { annotatorFiles, projectDocIds, readDocText } from './projectSpans';
import { listAnnotators } from '../services/projectStore';
import { loadSuggestModel } from '../services/suggestModelFile';

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
  });
  if (positionals.length > 0) throw new UsageError(`eval takes no positional arguments (got "${positionals[0]}").`);
  if (values.gold === undefined) throw new UsageError('eval needs --gold PROJECT.');
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
