import { readFileSync } from 'node:fs';
import type { AboutView } from '../../shared/api/contract';
import { loadSuggestModel } from './suggestModelFile';

/**
 * The About box's content: the app version, the suggestion model in use and what it was trained
 * on, with the licences GUM's data carries (the model NOTICE, models/NOTICE.md, says the same).
 */
export const CREDITS: AboutView['credits'] = [
  {
    name: 'GUM corpus (Georgetown University Multilayer corpus), amir-zeldes/gum',
    licence: 'annotations CC BY 4.0; texts CC BY 2.5 (Wikinews), CC BY 4.0 (academic, court), CC BY-SA 3.0 (Wikipedia biographies, Wikivoyage)',
    note: 'The actor tagger and the claim classifier are trained on it. Zeldes, A. (2017). "The GUM Corpus: Creating Multilayer Resources in the Classroom". Language Resources and Evaluation 51(3), 581–612.',
  },
  { name: 'wink-nlp and wink-eng-lite-web-model (winkJS)', licence: 'MIT', note: 'Tokens, sentences, parts of speech and lemmas for the suggesters.' },
  { name: 'wink-perceptron (winkJS)', licence: 'MIT', note: 'The averaged perceptron that trains the suggestion model.' },
];

export function aboutView(version: string): AboutView {
  const { model, path, problem } = loadSuggestModel();
  let about: Record<string, unknown> = {};
  if (model && path) {
    try {
      // The model's own description (the weights are already loaded; only the "about" part is read here).
      about = (JSON.parse(readFileSync(path, 'utf8')) as { about?: Record<string, unknown> }).about ?? {};
    } catch {
      about = {};
    }
  }
  const text = (k: string) => (typeof about[k] === 'string' ? (about[k] as string) : '');
  return {
    version,
    model:
      model && path
        ? {
            file: path,
            version: model.version,
            name: text('name'),
            trainedOn: text('trainedOn'),
            licence: text('licence'),
            learner: text('learner'),
            heldOut: (about.heldOut as Record<string, unknown> | undefined) ?? {},
          }
        : null,
    modelProblem: problem,
    credits: CREDITS,
  };
}
