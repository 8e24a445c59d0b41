import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rebuildExamples } from '../../shared/learn/decisions';
import { learningFileSchema, type LearningExample } from '../../shared/learn/examples';
import { annotationFileSchema } from '../../shared/model/schemas';
import { suggestionFileSchema } from '../../shared/suggest/suggestionFile';
import { readJsonFileSync } from './atomicJson';

/**
 * The learning examples of one annotator in a project, as the suggestion worker loads them: each
 * document's .factmark/learning/<annotator>/<docId>.json, and for an annotation file without one
 * (a project from before, a file that was deleted), examples rebuilt from the annotation file and
 * the annotator's rejections on that document. Read synchronously: this runs in the worker thread.
 */
export const learningDir = (dir: string, annotator: string) => join(dir, '.factmark', 'learning', annotator);
export const learningFilePath = (dir: string, annotator: string, docId: string) => join(learningDir(dir, annotator), `${docId}.json`);

const jsonNames = (folder: string): string[] => {
  try {
    return readdirSync(folder).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return [];
  }
};

/** The examples of one document rebuilt from its annotation file, or null when there is none (or it is invalid, or its text changed). */
export function rebuildDocumentExamples(dir: string, annotator: string, docId: string, at: string): LearningExample[] | null {
  const annotation = readJsonFileSync(join(dir, 'annotations', annotator, `${docId}.json`), annotationFileSchema);
  if (!annotation.ok) return null;
  let text: string;
  try {
    text = readFileSync(join(dir, 'documents', `${docId}.txt`), 'utf8');
  } catch {
    return null;
  }
  if (annotation.value.spans.some((s) => text.slice(s.start, s.end) !== s.quote)) return null;
  return rebuildExamples(text, annotation.value.spans, rejectionsOf(dir, annotator, docId, text), annotation.value.status, at);
}

/** The annotator's rejections on a document (.factmark/suggestions/), those that still fit its text. */
export function rejectionsOf(dir: string, annotator: string, docId: string, text: string): { start: number; end: number; label: string }[] {
  const suggestions = readJsonFileSync(join(dir, '.factmark', 'suggestions', annotator, `${docId}.json`), suggestionFileSchema);
  return suggestions.ok ? suggestions.value.rejected.filter((r) => text.slice(r.start, r.end) === r.quote) : [];
}

/** Every document's examples for the annotator (docId -> examples), learning files first, rebuilt ones for the rest. */
export function loadProjectExamples(dir: string, annotator: string, at: string): Map<string, LearningExample[]> {
  const out = new Map<string, LearningExample[]>();
  // A file that cannot be read counts for nothing here (the app reports invalid project files).
  for (const name of jsonNames(learningDir(dir, annotator))) {
    try {
      const read = readJsonFileSync(join(learningDir(dir, annotator), name), learningFileSchema);
      if (read.ok && read.value.annotator === annotator) out.set(read.value.docId, read.value.examples);
    } catch {
      continue;
    }
  }
  for (const name of jsonNames(join(dir, 'annotations', annotator))) {
    const docId = name.slice(0, -5);
    if (out.has(docId)) continue;
    try {
      const rebuilt = rebuildDocumentExamples(dir, annotator, docId, at);
      if (rebuilt && rebuilt.length > 0) out.set(docId, rebuilt);
    } catch {
      continue;
    }
  }
  return out;
}
