import { mkdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ExportPreview, ExportReport } from '../../shared/api/views';
import { manifestLine } from '../../shared/formats/cardManifest';
import { countSuggested, datasetCard } from '../../shared/formats/datasetCard';
import { BRAT_ADAPTER, FILE_ADAPTERS, formatSchema } from '../../shared/formats/exportAdapters';
import { bratVisualConf } from '../../shared/formats/exportBrat';
import { addNotes, buildNotices, type RecordNotes } from '../../shared/formats/exportNotices';
import type { JsonlSidecar } from '../../shared/formats/exportJsonl';
import { ALL_ANNOTATORS, FORMAT_INFO, OVERLAP_POLICIES, resolveUnit, type ExportFormat } from '../../shared/formats/exportOptions';
import { checkDocument, type ExportProblem } from '../../shared/annotation/checkDocument';
import { addCounts, type DropCounts, type ExportSettings } from '../../shared/formats/exportRecord';
import { assignSplits } from '../../shared/formats/splits';
import { pathExists, stableJson } from './atomicJson';
import { tempPathFor } from './tempFiles';
import { withPath } from './ioErrors';
import { defaultExportName, isEmptyDirectory, resolvePlan, type ExportGroup } from './exportPlan';
import { checkTargets, ExportTargetError, placeFile } from './exportTargets';
import { makeFolder } from './makeFolder';
import { describeScope, listCandidates, loadRecord, loadSelected, nothingToExport, selectAndLoad, selectRecords, type ExportRequest, type Selected } from './exportSelection';
import { Sink, smallFile } from './exportSink';

/**
 * Exports stream: documents are read, converted by a pure adapter (shared/formats) and written
 * one at a time, so memory does not grow with the project's size (only the list of selected
 * document ids is kept, for the split and the dataset card). Data goes to temporary files (or a
 * temporary folder) that are flushed and renamed into place only when everything was written:
 * a failed or interrupted export never leaves a half-written file under the final name.
 * Which records an export holds is exportSelection.ts's; the temporary files are exportSink.ts's;
 * exports running in the background are exportJobs.ts's.
 */

export type { ExportRequest } from './exportSelection';

/**
 * The check before an export (shared/annotation/checkDocument.ts) over exactly the records the
 * export would hold. Documents whose text changed are skipped: the export itself refuses them.
 */
export async function checkExportRecords(req: ExportRequest): Promise<Result<{ problems: ExportProblem[]; documents: number }>> {
  const picked = await selectRecords(req);
  if (!picked.ok) return picked;
  const problems: ExportProblem[] = [];
  for (const sel of picked.value.selected) {
    const record = await loadRecord(req, sel, null);
    if (!record) continue;
    problems.push(
      ...checkDocument({
        docId: sel.meta.id,
        title: sel.meta.title,
        annotator: sel.annotator,
        text: record.text,
        spans: record.spans,
        relations: record.relations ?? [],
        labels: req.project.labels,
        relationTypes: req.project.relationTypes,
      }),
    );
  }
  return ok({ problems, documents: picked.value.selected.length });
}

export interface ExportContext {
  settings: ExportSettings;
  unitWord: ExportReport['unit'];
}

function settingsFor(req: ExportRequest): Result<ExportContext> {
  const unit = resolveUnit(req.options.format, req.options.unit);
  if ('error' in unit) return fail('invalid-input', unit.error);
  return ok({
    settings: {
      unit: unit.unit,
      labels: req.project.labels,
      relationTypes: req.project.relationTypes,
      projectName: req.project.name,
      factmarkVersion: req.version,
      createdAt: req.now.toISOString(),
      conllScheme: req.options.conllScheme ?? 'iob2',
      overlapPolicy: req.options.overlapPolicy ?? 'longest-wins',
    },
    unitWord: unit.unit ?? 'none',
  });
}

const bratName = (rec: Selected, several: boolean) =>
  several ? `${rec.meta.id}.${rec.annotator.replace(/[^\p{L}\p{N}_-]/gu, '_')}` : rec.meta.id;

function changedFailure(changed: string[]): Result<never> {
  return fail(
    'text-changed',
    `Cannot export: the text of ${[...new Set(changed)].map((id) => `"${id}"`).join(', ')} changed after it was annotated, so its offsets no longer match. Restore the original text first.`,
  );
}

/** Export the selected documents in the chosen format, with a dataset card per file (and, for JSONL, a sidecar). */
export async function exportProject(req: ExportRequest): Promise<Result<ExportReport>> {
  const context = settingsFor(req);
  if (!context.ok) return context;
  const { settings, unitWord } = context.value;
  const { format, split: splitOptions } = req.options;
  // File formats without splits are written in one pass over the annotation files (each read
  // once). Splits are assigned over the whole selection and brat's file names depend on how many
  // annotators it holds, so those select first and read the selected files again when writing.
  const onePass = !splitOptions && FORMAT_INFO[format].layout !== 'folder';
  let selected: Selected[] | null = null;
  let annotators: string[] = [];
  let candidates: Awaited<ReturnType<typeof listCandidates>> | null = null;
  if (onePass) {
    candidates = await listCandidates(req);
    if (candidates.documents === 0) return nothingToExport(req, 0, candidates.everyone);
  } else {
    const picked = await selectRecords(req);
    if (!picked.ok) return picked;
    ({ selected, annotators } = picked.value);
  }
  const planned = await resolvePlan(req.dir, req.project.name, req.options, req.now);
  if (!planned.ok) return planned;
  const plan = planned.value;
  // Only new files, or files an earlier export wrote; never the project's own (exportTargets.ts).
  const checked = await checkTargets(req.dir, plan.targets);
  if (!checked.ok) return checked;
  const stamps = checked.value;
  const { outPath, groups, dataPath } = plan;

  const splitOf = splitOptions && selected ? assignSplits([...new Map(selected.map((s) => [s.meta.id, s.meta])).values()], splitOptions) : null;
  const spans: Record<string, DropCounts> = Object.fromEntries(groups.map((g) => [g, {}]));
  const documents: Record<string, string[]> = Object.fromEntries(groups.map((g) => [g, []]));
  const records: Record<string, number> = Object.fromEntries(groups.map((g) => [g, 0]));
  const dropped: Record<string, DropCounts> = Object.fromEntries(OVERLAP_POLICIES.map((p) => [p, {}]));
  const notes: RecordNotes = {};
  const changed: string[] = [];
  const seenLabels = new Set<string>();
  /** Spans suggested, then accepted (origin "suggestion"), by suggester and label: for the dataset card. */
  const suggested: Record<string, Record<string, number>> = {};
  let total = selected?.length ?? 0;
  const files: string[] = [];

  const folderLayout = FORMAT_INFO[format].layout === 'folder';

  // Temporary destinations.
  const sinks = new Map<string, Sink>();
  const tempFolder = folderLayout ? tempPathFor(outPath) : null;
  // A folder this export creates (the default exports/) is removed again if the export fails.
  const createdParent = (await pathExists(dirname(outPath))) ? null : dirname(outPath);
  const smallFiles: Sink[] = [];
  const cleanup = async () => {
    for (const sink of [...sinks.values(), ...smallFiles]) await sink.abandon();
    if (tempFolder) await rm(tempFolder, { recursive: true, force: true });
    if (createdParent) await rmdir(createdParent).catch(() => undefined);
  };
  /** Each data file (brat: the folder) with its card and sidecar, in the order written. */
  const cardFiles: { data: string; card: string; sidecar: string | null }[] = [];
  try {
    if (tempFolder) {
      await makeFolder(dirname(outPath));
      await mkdir(tempFolder);
      for (const g of groups) if (g !== 'all') await mkdir(join(tempFolder, g));
    } else {
      await makeFolder(dirname(outPath));
      const adapter = FILE_ADAPTERS[format as Exclude<ExportFormat, 'brat'>];
      for (const g of groups) {
        const sink = await Sink.open(dataPath(g));
        sinks.set(g, sink);
        await sink.write(adapter.header(settings, g === 'all' ? null : g));
      }
    }

    let done = 0;
    const items = candidates
      ? selectAndLoad(req, candidates.pairs, candidates.everyone, candidates.statuses)
      : loadSelected(req, selected ?? [], splitOf);
    // One pass: progress counts the pairs looked at, out of all pairs.
    const progressTotal = candidates ? candidates.pairs.length : total;
    const seenAnnotators = new Set<string>();
    for await (const { sel, record, position } of items) {
      const split = splitOf?.get(sel.meta.id) ?? null;
      const group = split ?? 'all';
      done++;
      seenAnnotators.add(sel.annotator);
      if (!record) {
        changed.push(sel.meta.id);
        continue;
      }
      if (changed.length > 0) continue; // the export will fail: only look for more changed texts
      for (const s of record.spans) seenLabels.add(s.label);
      countSuggested(suggested, record.spans);
      let written: DropCounts;
      if (tempFolder) {
        const brat = BRAT_ADAPTER.record(record, bratName(sel, annotators.length > 1), req.project.labels);
        const folder = group === 'all' ? tempFolder : join(tempFolder, group);
        await writeFile(join(folder, `${brat.files.name}.txt`), brat.files.txt);
        await writeFile(join(folder, `${brat.files.name}.ann`), brat.files.ann);
        written = brat.spans;
        addNotes(notes, brat.notes);
      } else {
        const adapter = FILE_ADAPTERS[format as Exclude<ExportFormat, 'brat'>];
        const sink = sinks.get(group) as Sink;
        const output = adapter.record(record, settings, sink.items);
        sink.items += output.items;
        await sink.write(output.text);
        written = output.spans;
        if (output.dropped) for (const p of OVERLAP_POLICIES) addCounts(dropped[p] as DropCounts, output.dropped[p]);
        addNotes(notes, output.notes);
      }
      addCounts(spans[group] as DropCounts, written);
      records[group] = (records[group] ?? 0) + 1;
      const ids = documents[group] as string[];
      if (ids[ids.length - 1] !== sel.meta.id) ids.push(sel.meta.id);
      req.onProgress?.(position, progressTotal);
    }
    if (candidates) {
      total = done;
      annotators = [...seenAnnotators];
      if (total === 0) {
        await cleanup();
        return nothingToExport(req, candidates.documents, candidates.everyone);
      }
    }
    if (changed.length > 0) {
      await cleanup();
      return changedFailure(changed);
    }

    const notices = buildNotices(format, notes);
    const droppedReport =
      format === 'conll'
        ? OVERLAP_POLICIES.map((policy) => {
            const byLabel = dropped[policy] as DropCounts;
            return { policy, chosen: policy === settings.overlapPolicy, total: Object.values(byLabel).reduce((a, b) => a + b, 0), byLabel };
          }).sort((a, b) => Number(b.chosen) - Number(a.chosen))
        : null;
    const dataFiles = folderLayout ? [outPath] : groups.map((g) => dataPath(g));
    const card = (forFile: string, hashes: Record<string, string>) =>
      `${manifestLine({ version: 1, files: hashes })}\n${datasetCard({
        format,
        projectName: req.project.name,
        createdAt: settings.createdAt,
        factmarkVersion: req.version,
        unit: settings.unit,
        labels: req.project.labels,
        scope: `${describeScope(req.options.scope)}; annotations of ${req.options.annotator === ALL_ANNOTATORS ? 'every annotator' : annotators.join(', ')}`,
        annotators,
        describes: folderLayout ? null : basename(forFile),
        files: folderLayout
          ? [...groups.map((g) => (g === 'all' ? '*.txt + *.ann' : `${g}/*.txt + ${g}/*.ann`)), 'annotation.conf', 'visual.conf']
          : dataFiles.map((f) => relative(dirname(forFile), f)),
        spans,
        documents,
        split: splitOptions ?? null,
        dropped: droppedReport,
        notices,
        schema: formatSchema(format, settings, seenLabels),
        suggested,
      })}`;

    // Close the temporary files, then move everything into place: data, sidecar, card last.
    if (tempFolder) {
      await writeFile(join(tempFolder, 'annotation.conf'), BRAT_ADAPTER.annotationConf(req.project.labels, seenLabels, req.project.relationTypes));
      await writeFile(join(tempFolder, 'visual.conf'), bratVisualConf(req.project.labels));
      await writeFile(join(tempFolder, 'README.md'), card(outPath, {}));
      if (await isEmptyDirectory(outPath)) await rmdir(outPath);
      await rename(tempFolder, outPath);
      files.push(outPath);
      cardFiles.push({ data: outPath, card: plan.cardPath(outPath), sidecar: null });
    } else {
      const adapter = FILE_ADAPTERS[format as Exclude<ExportFormat, 'brat'>];
      const finished: { group: ExportGroup; sink: Sink; sha256: string }[] = [];
      for (const [g, sink] of sinks) {
        await sink.write(adapter.footer(settings, sink.items));
        finished.push({ group: g as ExportGroup, sink, sha256: await sink.finish() });
      }
      const placements: { temp: Sink; final: string }[] = [];
      for (const { group, sink, sha256 } of finished) {
        const data = dataPath(group);
        const hashes: Record<string, string> = { [basename(data)]: sha256 };
        const sidecar = plan.sidecarPath(data);
        placements.push({ temp: sink, final: data });
        if (sidecar) {
          const groupSpans = Object.values(spans[group] ?? {}).reduce((a, b) => a + b, 0);
          const sidecarJson: JsonlSidecar = {
            format: 'factmark-jsonl',
            formatVersion: 1,
            offsetUnit: settings.unit ?? 'codepoint',
            offsetEnd: 'exclusive',
            labels: req.project.labels.map((l) => ({ id: l.id, name: l.name })),
            documents: records[group] ?? 0,
            spans: groupSpans,
            createdAt: settings.createdAt,
            factmarkVersion: req.version,
          };
          const written = await smallFile(sidecar, stableJson(sidecarJson));
          smallFiles.push(written.sink);
          hashes[basename(sidecar)] = written.sha256;
          placements.push({ temp: written.sink, final: sidecar });
        }
        const cardPath = plan.cardPath(data);
        const cardFile = await smallFile(cardPath, card(data, hashes));
        smallFiles.push(cardFile.sink);
        placements.push({ temp: cardFile.sink, final: cardPath });
        cardFiles.push({ data, card: cardPath, sidecar });
      }
      // A placed temporary file no longer exists: cleanup's abandon() of it is a no-op.
      for (const { temp, final } of placements) await placeFile(temp.temp, final, stamps.get(final) ?? null);
      sinks.clear();
      smallFiles.length = 0;
      for (const c of cardFiles) files.push(c.data, ...(c.sidecar ? [c.sidecar] : []));
    }
    for (const c of cardFiles) files.push(c.card);

    const spanTotal = Object.values(spans).reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
    const splitCounts = splitOptions
      ? { train: documents.train?.length ?? 0, dev: documents.dev?.length ?? 0, test: documents.test?.length ?? 0 }
      : null;
    const first = cardFiles[0] as (typeof cardFiles)[number];
    return ok({
      format,
      path: files[0] as string,
      sidecarPath: first.sidecar ?? first.card,
      cardPath: first.card,
      files,
      documents: total,
      spans: spanTotal,
      unit: unitWord,
      splits: splitCounts,
      dropped: droppedReport,
      notices,
    });
  } catch (err) {
    await cleanup();
    if (err instanceof ExportTargetError) return fail('invalid-input', err.message, err.file);
    // A failed write() does not say which file (a full disk): name the export's destination.
    throw withPath(err, outPath);
  }
}

const PREVIEW_LIMIT = 8000;

/** The first record of an export as it will be written, without writing anything. */
export async function previewExport(req: ExportRequest): Promise<Result<ExportPreview>> {
  const context = settingsFor(req);
  if (!context.ok) return context;
  const { settings, unitWord } = context.value;
  const picked = await selectRecords(req);
  if (!picked.ok) return picked;
  if (req.options.outPath !== undefined) {
    // Say now what the export itself would refuse: a destination it may not write.
    const planned = await resolvePlan(req.dir, req.project.name, req.options, req.now);
    if (!planned.ok) return planned;
    const checked = await checkTargets(req.dir, planned.value.targets);
    if (!checked.ok) return checked;
  }
  const { selected, annotators } = picked.value;
  const first = selected[0] as Selected;
  const record = await loadRecord(req, first, null);
  if (!record) return changedFailure([first.meta.id]);
  const format = req.options.format;
  const name = bratName(first, annotators.length > 1);
  const text =
    format === 'brat'
      ? BRAT_ADAPTER.preview(record, name, req.project.labels)
      : FILE_ADAPTERS[format].preview(record, settings);
  const file = format === 'brat' ? `${name}.ann` : defaultExportName(req.project.name, req.now, format);
  return ok({
    format,
    file,
    text: text.length > PREVIEW_LIMIT ? `${text.slice(0, PREVIEW_LIMIT)}\n…` : text,
    truncated: text.length > PREVIEW_LIMIT,
    unit: unitWord,
    records: selected.length,
  });
}
