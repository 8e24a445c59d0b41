import { fail, ok, type Result } from '../../shared/api/result';
import { GOLD_ANNOTATOR } from '../../shared/agreement/agreementView';
import { spanContext } from '../../shared/annotation/reanchor';
import { sortSpans } from '../../shared/annotation/operations';
import { editProblem, planCuration, type AnnotatorSpans, type CurationPolicy, type StopDecision } from '../../shared/curation/curation';
import type { CurationView } from '../../shared/curation/curationView';
import { buildGold, decisionsFromGold } from '../../shared/curation/goldFile';
import { ANNOTATION_SCHEMA_VERSION, type AnnotationFile, type DocStatus, type ProjectFile, type Span } from '../../shared/model/schemas';
import { readAnnotationQuietly } from './agreementService';
import { listAnnotators } from './projectStore';
import { liveLockHolders } from './annotatorLock';
import { isBlind, othersVisible } from './syncBlind';
import { writeFileAtomic } from './atomicJson';
import { annotationJson, annotationPath, documentTextPath, readDocumentMeta } from './projectStore';
import { readTextFile, sha256Hex } from './textHash';
import { readProjectFileOrThrow } from './projectFiles';

export interface CurationRequest {
  dir: string;
  project: ProjectFile;
  docId: string;
  policy: CurationPolicy;
  /** Whose files to curate from; absent: every annotator but gold with work on this document. */
  annotators?: readonly string[] | undefined;
  /** Who is looking (the session's annotator): in blind mode they see others' spans only of documents they marked done. */
  reader: string | null;
  now: Date;
}

interface Loaded {
  view: CurationView;
  inputs: AnnotatorSpans[];
  text: string;
  sha256: string;
  goldRaw: string | null;
}

async function readRaw(file: string): Promise<string | null> {
  const read = await readProjectFileOrThrow(file, 'json');
  return read === null ? null : read.toString('utf8');
}

async function load(req: CurationRequest): Promise<Result<Loaded>> {
  const meta = await readDocumentMeta(req.dir, req.docId);
  if (!meta) return fail('not-found', `Document "${req.docId}" is not in this project.`);
  if (isBlind(req.project) && (req.reader === null || !(await othersVisible(req.dir, req.project, req.reader, req.docId, req.now)))) {
    return fail('read-only', `Blind mode is on: others' annotations of "${meta.title || req.docId}" are shown only once you have marked it done yourself. Turn blind mode off (⚙ next to Sync) to compare and adjudicate.`);
  }
  const { text, sha256 } = await readTextFile(documentTextPath(req.dir, req.docId));
  const folders = (await listAnnotators(req.dir)).filter((a) => a !== GOLD_ANNOTATOR);
  const chosen = req.annotators ? [...req.annotators] : folders;
  if (chosen.includes(GOLD_ANNOTATOR)) return fail('invalid-input', 'The gold annotator is what curation writes; choose the annotators to curate from.');
  const inputs: AnnotatorSpans[] = [];
  const annotations: CurationView['annotations'] = [];
  for (const who of chosen) {
    const read = readAnnotationQuietly(req.dir, who, req.docId);
    if (read === null) continue;
    if ('problem' in read) return fail('invalid-annotation', `${who}'s annotations of "${req.docId}" cannot be read (${read.problem}); fix or remove the file first.`, annotationPath(req.dir, who, req.docId));
    if (read.file.textSha256 !== sha256) return fail('text-changed', `The text of "${req.docId}" changed after ${who} annotated it; ${who} must repair the document before it can be curated.`);
    inputs.push({ annotator: who, spans: read.file.spans, relations: read.file.relations ?? [] });
    annotations.push({ annotator: who, status: read.file.status, spans: read.file.spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, ...(s.attributes ? { attributes: s.attributes } : {}) })) });
  }
  if (inputs.length < 2) {
    return fail('invalid-input', `"${meta.title || req.docId}" has work by ${inputs.length === 0 ? 'no annotator' : `only ${inputs[0]!.annotator}`}; curation needs at least two annotators' files.`);
  }
  const plan = planCuration(inputs, req.policy);
  const goldRaw = await readRaw(annotationPath(req.dir, GOLD_ANNOTATOR, req.docId));
  const gold = goldRaw === null ? null : readAnnotationQuietly(req.dir, GOLD_ANNOTATOR, req.docId);
  const goldFile = gold && 'file' in gold && gold.file.textSha256 === sha256 ? gold.file : null;
  const basis = sha256Hex(JSON.stringify([req.policy, inputs.map((i) => [i.annotator, i.spans.map((s) => [s.id, s.start, s.end, s.label, s.attributes ?? null]), i.relations])]));
  return ok({
    view: {
      docId: req.docId,
      title: meta.title,
      text,
      policy: req.policy,
      annotators: inputs.map((i) => i.annotator),
      annotations,
      plan,
      decisions: decisionsFromGold(plan, goldFile),
      goldRevision: goldRaw === null ? null : sha256Hex(goldRaw),
      basis,
    },
    inputs,
    text,
    sha256,
    goldRaw,
  });
}

/** A document's curation: the annotators' spans, what the policy accepts, the stops, and earlier decisions. */
export async function curationView(req: CurationRequest): Promise<Result<CurationView>> {
  const loaded = await load(req);
  return loaded.ok ? ok(loaded.value.view) : loaded;
}

export interface SaveGoldRequest extends CurationRequest {
  decisions: Record<string, StopDecision>;
  basis: string;
  baseRevision?: string | null | undefined;
  adjudicator: string;
}

/**
 * Write annotations/gold/<docId>.json: an ordinary annotation file of the annotator `gold`, with
 * provenance on every span. `done` when every stop is decided, else `in_progress`. Refused when
 * the annotators' files or the gold file changed since the curation was loaded, or while someone
 * has the project open as `gold` (their editor would overwrite it).
 */
export async function saveGold(req: SaveGoldRequest): Promise<Result<{ revision: string; status: DocStatus; spans: number; undecided: number; view: CurationView }>> {
  const loaded = await load(req);
  if (!loaded.ok) return loaded;
  const { view, inputs, text, sha256, goldRaw } = loaded.value;
  if (req.basis !== view.basis) return fail('conflict', 'The annotators\' files of this document changed since the curation was opened; nothing was saved. Reload it and decide again.');
  const currentRevision = goldRaw === null ? null : sha256Hex(goldRaw);
  if (req.baseRevision !== undefined && req.baseRevision !== currentRevision) return fail('conflict', 'The gold file of this document changed on disk since the curation was opened; nothing was saved. Reload it.');
  const holders = await liveLockHolders(req.dir, '', req.now);
  const goldHolder = holders.find((h) => h.annotator === GOLD_ANNOTATOR);
  if (goldHolder) return fail('read-only', `The project is open as the annotator "gold" (${goldHolder.where}); close it there first. Nothing was saved.`);
  const unknown = Object.keys(req.decisions).filter((id) => !view.plan.stops.some((s) => s.id === id));
  if (unknown.length > 0) return fail('invalid-input', `No disagreement "${unknown[0]}" in this document; reload the curation.`);
  for (const [id, d] of Object.entries(req.decisions)) {
    if (d.kind === 'pick' && !view.annotators.includes(d.annotator)) return fail('invalid-input', `"${d.annotator}" has no version at ${id}.`);
    if (d.kind === 'edit') {
      const stop = view.plan.stops.find((s) => s.id === id)!;
      if (!view.annotators.includes(d.base)) return fail('invalid-input', `"${d.base}" has no version at ${id}.`);
      if (d.spans.some((e) => e.end > text.length)) return fail('invalid-input', 'An edited span runs past the end of the text.');
      const problem = editProblem(stop, d.spans, inputs);
      if (problem) return fail('invalid-input', `${problem} Nothing was saved.`);
    }
  }
  const nowIso = req.now.toISOString();
  const gold = buildGold(view.plan, req.decisions, inputs, req.adjudicator, nowIso);
  const spans: Span[] = sortSpans(gold.spans.map((s) => ({ ...s, quote: text.slice(s.start, s.end), ...spanContext(text, s.start, s.end) })));
  const status: DocStatus = gold.undecided === 0 ? 'done' : 'in_progress';
  const file: AnnotationFile = {
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    docId: req.docId,
    textSha256: sha256,
    annotator: GOLD_ANNOTATOR,
    status,
    spans,
    relations: gold.relations,
    updatedAt: nowIso,
  };
  const json = annotationJson(file);
  await writeFileAtomic(annotationPath(req.dir, GOLD_ANNOTATOR, req.docId), json);
  const after = await load(req);
  return ok({ revision: sha256Hex(json), status, spans: spans.length, undecided: gold.undecided, view: after.ok ? after.value.view : view });
}
