import { fail, ok, type Result } from '../../shared/api/result';
import { GOLD_ANNOTATOR, type AgreementView } from '../../shared/agreement/agreementView';
import { computeAgreement, type AgreementDocument } from '../../shared/agreement/projectAgreement';
import type { AgreementSpan, TokenRange } from '../../shared/agreement/types';
import { annotationFileSchema, describeZodError, type AnnotationFile, type DocumentMeta, type ProjectFile } from '../../shared/model/schemas';
import { annotationPath, documentTextPath, listAnnotators, listDocuments } from './projectStore';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ParallelTexts } from './textWorkers';
import { tokenLayerReader } from './tokenLayers';
import { readProjectBytesSync, readProjectFileOrThrowSync } from './projectFiles';

/** Documents read between two yields to the event loop (the server keeps answering meanwhile). */
const BATCH = 64;

export interface AgreementRequest {
  dir: string;
  project: ProjectFile;
  /** Who to compare; absent: every annotator with a folder except `gold`. At least two. */
  annotators?: readonly string[];
  /** Label layers; absent: the project's labels. */
  labels?: readonly string[];
}

/**
 * An annotator's file for a document, read without side effects (agreement only reads: an invalid
 * file is reported, never moved aside). Files with status `todo` hold no work and are left out.
 * Read synchronously: one small file, and thousands of them are read one after another (callers
 * yield to the event loop between batches); it is several times faster than fs.promises here.
 */
export function readAnnotationQuietly(dir: string, annotator: string, docId: string): { file: AnnotationFile } | { problem: string } | null {
  const file = annotationPath(dir, annotator, docId);
  const read = readProjectBytesSync(file, 'json');
  if (!read.ok) return read.reason === 'missing' ? null : { problem: `${file}: ${read.message}` };
  const raw = read.bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { problem: `invalid file: not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const parsed = annotationFileSchema.safeParse(json);
  if (!parsed.success) return { problem: `invalid file: ${describeZodError(parsed.error)}` };
  if (parsed.data.docId !== docId) return { problem: `the file belongs to document "${parsed.data.docId}"` };
  return parsed.data.status === 'todo' && parsed.data.spans.length === 0 ? null : { file: parsed.data };
}

export const toAgreementSpan = (s: AgreementSpan): AgreementSpan => ({ start: s.start, end: s.end, label: s.label, ...(s.attributes ? { attributes: s.attributes } : {}) });

/**
 * Agreement over a whole project (shared/agreement): files are read a few at a time and each
 * document's text is tokenized only when at least two of the annotators worked on it.
 */
export async function projectAgreement(req: AgreementRequest): Promise<Result<AgreementView>> {
  const folders = await listAnnotators(req.dir);
  const annotators = req.annotators ? [...req.annotators] : folders.filter((a) => a !== GOLD_ANNOTATOR);
  const unknown = annotators.filter((a) => !folders.includes(a));
  if (unknown.length > 0) {
    return fail('invalid-input', `No annotations by ${unknown.map((a) => `"${a}"`).join(', ')} in this project; its annotators are ${folders.join(', ') || 'none yet'}.`);
  }
  if (new Set(annotators).size < 2) {
    return fail('invalid-input', `Agreement needs at least two annotators; this project has ${folders.length === 0 ? 'none' : folders.join(', ')}${req.annotators ? ' and you chose fewer than two' : ''}.`);
  }
  const labelIds = req.project.labels.map((l) => l.id);
  const labels = req.labels ? [...req.labels] : labelIds;
  const unknownLabels = labels.filter((l) => !labelIds.includes(l));
  if (unknownLabels.length > 0) return fail('invalid-input', `The project has no label ${unknownLabels.map((l) => `"${l}"`).join(', ')}; its labels are ${labelIds.join(', ')}.`);
  const { documents } = await listDocuments(req.dir, { sync: true });
  const tokenLayers = tokenLayerReader();
  const { loaded, skipped, single } = await readAgreementDocuments(req.dir, documents, annotators, tokenLayers).catch((err: unknown) => {
    tokenLayers.cancel();
    throw err;
  });
  const tokens = await tokenLayers.done();
  loaded.forEach((doc, i) => (doc.tokens = tokens[i]!));
  const report = computeAgreement(
    loaded,
    annotators,
    labels,
  );
  skipped.sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.annotator < b.annotator ? -1 : 1));
  return ok({ ...report, skipped, totalDocuments: documents.length, singleAnnotatorDocuments: single });
}

/** The documents at least two of the annotators worked on, their texts queued for tokenizing. */
async function readAgreementDocuments(dir: string, documents: readonly DocumentMeta[], annotators: readonly string[], tokenLayers: ParallelTexts<TokenRange[]>) {
  const skipped: AgreementView['skipped'] = [];
  let single = 0;
  const loaded: AgreementDocument[] = [];
  for (const [i, meta] of documents.entries()) {
    if (i > 0 && i % BATCH === 0) {
      await yieldToEventLoop();
      if (tokenLayers.failure) throw tokenLayers.failure;
    }
    const annotations = new Map<string, AgreementSpan[]>();
    for (const who of annotators) {
      const read = readAnnotationQuietly(dir, who, meta.id);
      if (read === null) continue;
      if ('problem' in read) {
        skipped.push({ docId: meta.id, annotator: who, reason: read.problem });
        continue;
      }
      if (read.file.textSha256 !== meta.textSha256) {
        skipped.push({ docId: meta.id, annotator: who, reason: 'the text changed after it was annotated (repair it first)' });
        continue;
      }
      annotations.set(who, read.file.spans.map(toAgreementSpan));
    }
    if (annotations.size < 2) {
      single++;
      continue;
    }
    const text = readProjectFileOrThrowSync(documentTextPath(dir, meta.id), 'text')?.toString('utf8') ?? '';
    // Tokenized on the workers while the next files are read; the tokens are filled in below.
    tokenLayers.add(text);
    loaded.push({ docId: meta.id, title: meta.title, tokens: [], annotations, text });
  }
  return { loaded, skipped, single };
}
