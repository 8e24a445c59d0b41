import { randomUUID } from 'node:crypto';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import type { DatasetFileReport, DatasetInspection, DatasetLabelUse } from '../../shared/api/views';
import { groupImportFiles, parseAnnotationGroup, type ImportFormatChoice, type ImportGroup, type ImportInputFile } from '../../shared/formats/importGroups';
import { describeImportError, fileStem, type ImportedDocument, type ImportError } from '../../shared/formats/importTypes';
import { buildAnnotations, ImportLosses, type BuildOptions } from '../../shared/formats/importedAnnotations';
import { labelsToAdd, matchLabel, type LabelDecision } from '../../shared/formats/labelMapping';
import type { LabelDef, ProjectFile } from '../../shared/model/schemas';
import { decodeTextFile } from '../../shared/text/decodeText';
import { extractArticle } from './htmlImporter';
import { ImportStopped, ImportWriter, type ImportStep } from './importCommit';
import { keyedRecord, ownValue } from '../../shared/model/keyed';
import { findUnpairedSurrogate } from '../../shared/text/wellFormed';

/**
 * Import of documents with or without annotations (text, Markdown, HTML, JSONL, brat, Label
 * Studio, doccano, W3C): every file (or brat/W3C pair) is parsed and checked completely before
 * anything is written, and is then written entirely or not at all. Labels the project lacks are
 * never dropped: the caller decides, per label, to add it or to map it onto a project label.
 */
interface Prepared {
  group: ImportGroup;
  report: DatasetFileReport;
  documents: ImportedDocument[];
}

const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

function refusedReport(group: ImportGroup, error: ImportError): DatasetFileReport {
  return { name: group.label, format: group.kind, ok: false, documents: 0, spans: 0, labels: {}, warnings: [], error: { ...error, message: describeImportError(error) } };
}

/** Text and HTML files become one document each, without spans. */
function prepareDocumentFile(group: ImportGroup): { ok: true; doc: ImportedDocument } | { ok: false; error: ImportError } {
  const { main } = group;
  const decoded = decodeTextFile(main.bytes, main.name);
  if (!decoded.ok) return { ok: false, error: { file: main.name, line: null, reason: decoded.message } };
  const stem = fileStem(main.name);
  if (group.kind === 'html') {
    const article = extractArticle(decoded.text, main.name);
    if (!article.ok) return { ok: false, error: { file: main.name, line: null, reason: article.message } };
    const doc: ImportedDocument = { name: stem, text: article.text, line: 1, spans: [], notices: [...decoded.notices, ...article.notices] };
    if (article.title) doc.title = article.title;
    const outlet = article.siteName ?? article.byline;
    if (outlet) doc.outlet = outlet;
    if (article.date) doc.date = article.date;
    return { ok: true, doc };
  }
  return { ok: true, doc: { name: stem, text: decoded.text, line: 1, spans: [], notices: decoded.notices } };
}

function prepare(group: ImportGroup): Prepared {
  const tooBig = [group.main, group.text].find((f): f is ImportInputFile => f !== undefined && f.bytes.length > MAX_IMPORT_BYTES);
  if (tooBig) {
    const error = { file: tooBig.name, line: null, reason: `${megabytes(tooBig.bytes.length)}; the largest file Factmark imports is ${megabytes(MAX_IMPORT_BYTES)}.` };
    return { group, report: refusedReport(group, error), documents: [] };
  }
  let documents: ImportedDocument[];
  let warnings: string[] = [];
  if (group.kind === 'ignored') {
    return { group, documents: [], report: { name: group.label, format: 'ignored', ok: true, documents: 0, spans: 0, labels: {}, warnings: [group.note ?? 'not a document.'] } };
  }
  if (group.kind === 'text' || group.kind === 'html') {
    const one = prepareDocumentFile(group);
    if (!one.ok) return { group, report: refusedReport(group, one.error), documents: [] };
    documents = [one.doc];
    warnings = [...one.doc.notices];
  } else {
    const parsed = parseAnnotationGroup(group);
    if (!parsed.ok) return { group, report: refusedReport(group, parsed.error), documents: [] };
    documents = parsed.documents;
    warnings = parsed.warnings;
  }
  // A text, label or title with an unpaired surrogate cannot be stored as UTF-8 as it is (wellFormed.ts).
  for (const doc of documents) {
    const bad = findUnpairedSurrogate(doc, 'the document');
    if (!bad) continue;
    const span = /^the document\.spans\[(\d+)\](?:\.(\w+))?/.exec(bad.where);
    const field = span ? `${span[2] === 'label' ? 'the label of ' : ''}span ${Number(span[1]) + 1}` : `the ${/^the document\.(\w+)/.exec(bad.where)?.[1] ?? 'record'}`;
    const error = {
      file: group.main.name,
      line: doc.line,
      reason: `${field} holds an unpaired UTF-16 surrogate (${bad.unit}) at character ${bad.index + 1}, which is not a character and cannot be saved. Fix or remove it in the file; nothing of this file was imported.`,
    };
    return { group, report: refusedReport(group, error), documents: [] };
  }
  const labels = keyedRecord<number>();
  let spans = 0;
  for (const d of documents) {
    for (const s of d.spans) labels[s.label] = (ownValue(labels, s.label) ?? 0) + 1;
    spans += d.spans.length;
  }
  return { group, documents, report: { name: group.label, format: group.kind, ok: true, documents: documents.length, spans, labels, warnings } };
}

/** Every label the files use, with what it matches in the project (null: unknown). */
function labelUses(prepared: readonly Prepared[], project: ProjectFile): DatasetLabelUse[] {
  const counts = new Map<string, number>();
  for (const p of prepared) if (p.report.ok) for (const [l, n] of Object.entries(p.report.labels)) counts.set(l, (counts.get(l) ?? 0) + n);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, spans]) => ({ label, spans, matches: matchLabel(project.labels, label) }));
}

/**
 * What each file's annotations lose on their way into the project (attribute values the labels do
 * not define, relation types it lacks...), added to its report's warnings. `target` gives the
 * project label of a file label, null while undecided (those spans are checked at import).
 */
function addLossWarnings(p: Prepared, opts: BuildOptions, built?: Map<ImportedDocument, ReturnType<typeof buildAnnotations>>): void {
  if (!p.report.ok) return;
  const losses = new ImportLosses();
  for (const doc of p.documents) {
    const made = buildAnnotations(doc, opts, losses, built === undefined);
    built?.set(doc, made);
  }
  const known = new Set(p.report.warnings);
  p.report.warnings.push(...losses.warnings(p.group.main.name).filter((w) => !known.has(w)));
}

export function inspectFiles(files: readonly ImportInputFile[], format: ImportFormatChoice, project: ProjectFile): DatasetInspection {
  const prepared = groupImportFiles(files, format).map(prepare);
  let n = 0;
  const checkOnly: BuildOptions = { labels: project.labels, relationTypes: project.relationTypes, target: (l) => matchLabel(project.labels, l), stamp: '', newId: () => `n${n++}` };
  for (const p of prepared) addLossWarnings(p, checkOnly);
  const labels = labelUses(prepared, project);
  return { files: prepared.map((p) => p.report), labels, unknownLabels: labels.filter((l) => l.matches === null).map((l) => l.label) };
}

export interface DatasetImportInput {
  dir: string;
  project: ProjectFile;
  /** The annotator whose files receive the imported spans (needed only when there are spans). */
  annotator: string | null;
  files: readonly ImportInputFile[];
  format: ImportFormatChoice;
  decisions: Record<string, LabelDecision>;
  now: Date;
  /** Called after each file (or pair), for progress on long runs. */
  onProgress?: (done: number, total: number, name: string) => void;
  /** Progress within files: documents planned, files written (importCommit.ts). */
  onStep?: (step: ImportStep) => void;
  /** Aborted (Ctrl-C): the file being written is dropped, those before it stay imported. */
  signal?: AbortSignal;
}

export type DatasetImportOutcome =
  /** stopped: the import was stopped (signal) before every file was written; the reports say which were. */
  | { ok: true; files: DatasetFileReport[]; addedLabels: LabelDef[]; stopped: boolean }
  | { ok: false; message: string; unknownLabels?: string[] };

export async function importDataset(input: DatasetImportInput): Promise<DatasetImportOutcome> {
  const { dir, project, annotator, now, decisions } = input;
  const prepared = groupImportFiles(input.files, input.format).map(prepare);
  const uses = labelUses(prepared, project);
  const undecided = uses.filter((u) => u.matches === null && ownValue(decisions, u.label) === undefined);
  if (undecided.length > 0) {
    const list = undecided.map((u) => `"${u.label}" (${u.spans} span${u.spans === 1 ? '' : 's'})`).join(', ');
    return {
      ok: false,
      message: `These labels are not in the project: ${list}. Add them to the project or map each onto a project label; nothing was imported.`,
      unknownLabels: undecided.map((u) => u.label),
    };
  }
  const projectIds = new Set(project.labels.map((l) => l.id));
  for (const u of uses) {
    const d = ownValue(decisions, u.label);
    if (u.matches === null && d?.action === 'map' && !projectIds.has(d.to)) {
      return { ok: false, message: `"${u.label}" is mapped to "${d.to}", which is not a label of this project; nothing was imported.` };
    }
  }
  if (annotator === null && prepared.some((p) => p.report.ok && p.report.spans > 0)) {
    return { ok: false, message: 'Choose your annotator name first: imported spans are saved as your annotations.' };
  }

  // Written through importCommit.ts: each file all or nothing, across crashes and Ctrl-C too.
  const writer = await ImportWriter.open({ dir, annotator, now, ...(input.signal ? { signal: input.signal } : {}), ...(input.onStep ? { onStep: input.onStep } : {}) });
  let added: LabelDef[] = [];
  let stopped = false;
  try {
    // Check every file against the project before anything is written.
    const checks = new Map<Prepared, Map<ImportedDocument, string>>();
    for (const p of prepared) {
      if (!p.report.ok) continue;
      const check = await writer.check(p.group.main.name, p.group.label, p.documents);
      if (check.kind === 'duplicate') p.report = refusedReport(p.group, check.error);
      else if (check.kind === 'already') p.report = { ...p.report, docIds: check.docIds, alreadyImported: true };
      else checks.set(p, check.shas);
    }

    // Labels to add: only those the files that will be written use.
    const toAdd = uses
      .filter((u) => u.matches === null && ownValue(decisions, u.label)?.action === 'add')
      .map((u) => u.label)
      .filter((label) => prepared.some((p) => checks.has(p) && (ownValue(p.report.labels, label) ?? 0) > 0));
    const labelsAdded = labelsToAdd(project.labels, toAdd);
    added = labelsAdded.added;
    const target = (label: string): string => {
      const match = matchLabel(project.labels, label);
      if (match !== null) return match;
      const d = ownValue(decisions, label);
      if (d?.action === 'map') return d.to;
      const id = labelsAdded.idBySource.get(label);
      if (id === undefined) throw new Error(`no decision for label ${label}`);
      return id;
    };
    const build: BuildOptions = {
      labels: [...project.labels, ...added],
      relationTypes: project.relationTypes,
      target,
      stamp: now.toISOString(),
      newId: () => randomUUID(),
    };
    // The project's spans and relations of every document, and what they could not carry (in the reports' warnings).
    const built = new Map<ImportedDocument, ReturnType<typeof buildAnnotations>>();
    for (const p of prepared) if (checks.has(p)) addLossWarnings(p, build, built);
    const annotations = (doc: ImportedDocument) => built.get(doc) ?? buildAnnotations(doc, build, new ImportLosses());
    if (added.length > 0) await writer.setProject(project, { ...project, labels: [...project.labels, ...added] });

    let done = 0;
    for (const p of prepared) {
      done++;
      const shas = checks.get(p);
      if (shas) {
        const written = await writer.write({ label: p.group.label, file: p.group.main.name, kind: p.group.kind, documents: p.documents, shas, annotations });
        p.report = written.ok ? { ...p.report, docIds: written.docIds } : refusedReport(p.group, { file: p.group.main.name, line: null, reason: written.reason });
      }
      input.onProgress?.(done, prepared.length, p.group.label);
    }
    await writer.finish();
  } catch (err) {
    if (!(err instanceof ImportStopped)) {
      await writer.abandon();
      throw err;
    }
    // Stopped (Ctrl-C): the files planned before the one being planned are committed; that one and the rest are not.
    stopped = true;
    await writer.finish();
  }
  if (stopped) {
    for (const p of prepared) {
      if (p.report.ok && !p.report.docIds) p.report = refusedReport(p.group, { file: p.group.main.name, line: null, reason: 'not imported: the import was stopped before this file (nothing of it was written).' });
    }
    return { ok: true, files: prepared.map((p) => p.report), addedLabels: added, stopped: true };
  }
  return { ok: true, files: prepared.map((p) => p.report), addedLabels: added, stopped: false };
}
