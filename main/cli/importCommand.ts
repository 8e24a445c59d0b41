import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import { IMPORT_FORMATS, IMPORTABLE_EXTENSIONS, type ImportFormatChoice, type ImportInputFile } from '../../shared/formats/importGroups';
import { matchLabel, type LabelDecision } from '../../shared/formats/labelMapping';
import { importDataset, inspectFiles } from '../services/datasetImporter';
import type { ImportStep } from '../services/importCommit';
import { tidyProject } from '../services/interruptedWrites';
import { JournalBusyError } from '../services/journal';
import { unwritableReason } from '../services/writableProject';
import { readProjectFile } from '../services/projectStore';
import { ANNOTATOR_OPTIONS, cliAnnotator } from './annotator';
import { oneOf, parseCommandArgs } from './args';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';
import { keyedRecord, ownValue } from '../../shared/model/keyed';

/** Above this many files, progress goes to stderr. */
const PROGRESS_FROM = 20;

const wanted = new Set(IMPORTABLE_EXTENSIONS);
const extOf = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Files of a folder, recursively, that an import reads (hidden files and folders skipped), sorted. */
async function folderFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && wanted.has(extOf(e.name))) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

function parseMaps(values: string[] | undefined): Map<string, string> {
  const maps = new Map<string, string>();
  for (const v of values ?? []) {
    const at = v.lastIndexOf('=');
    if (at <= 0 || at === v.length - 1) throw new UsageError(`--map needs FROM=TO (a file's label = a project label), not "${v}".`);
    maps.set(v.slice(0, at), v.slice(at + 1));
  }
  return maps;
}

/**
 * Ctrl+C (SIGINT) or SIGTERM stops the import cleanly: the file being written is dropped, the files
 * before it stay imported. A second Ctrl+C stops at once; the next start completes or undoes the
 * batch being written (journal.ts), so the project is never left with half a file either way.
 */
function stopOnInterrupt(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      io.stderr('factmark import: stopped at once; the next factmark command or app start on this project completes or undoes the files being written.\n');
      process.exit(EXIT_FAILURE);
    }
    io.stderr('factmark import: stopping after the files already written (press Ctrl+C again to stop at once)…\n');
    controller.abort();
  };
  const onStop = () => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  io.stopSignal?.addEventListener('abort', onStop, { once: true });
  if (io.stopSignal?.aborted) controller.abort();
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      io.stopSignal?.removeEventListener('abort', onStop);
    },
  };
}

/** Progress inside large files, on stderr, about once a second. */
function stepPrinter(io: CliIo): (step: ImportStep) => void {
  let last = 0;
  let lastKey = '';
  return (step) => {
    const t = Date.now();
    const key = `${step.phase}:${step.file}`;
    if (step.total < 1000 || (t - last < 1000 && key === lastKey && step.done < step.total)) return;
    last = t;
    lastKey = key;
    const what = step.phase === 'planning' ? 'documents prepared' : 'files written';
    io.stderr(`${step.file}: ${step.done.toLocaleString('en-US')}/${step.total.toLocaleString('en-US')} ${what}\n`);
  };
}

/** factmark import PROJECT_DIR PATH... [--format F] [--add-labels] [--map FROM=TO]... [--annotator NAME] */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string' },
    'add-labels': { type: 'boolean' },
    map: { type: 'string', multiple: true },
    ...ANNOTATOR_OPTIONS,
  });
  if (positionals.length < 2) throw new UsageError('import needs a PROJECT_DIR and at least one FILE or FOLDER.');
  const format = oneOf('--format', values.format, IMPORT_FORMATS, 'auto') as ImportFormatChoice;
  const maps = parseMaps(values.map);
  const cwd = io.cwd ?? process.cwd();
  const [projectArg, ...pathArgs] = positionals;
  const projectDir = resolve(cwd, projectArg!);
  const report = (line: string) => io.stdout(`${line}\n`);

  const project = await readProjectFile(projectDir);
  if (!project.ok) {
    io.stderr(`factmark import: ${project.error.message}\n`);
    return EXIT_FAILURE;
  }

  // Gather the files: names as the user wrote them (folders: the folder plus the path inside it).
  const files: ImportInputFile[] = [];
  let refused = 0;
  for (const arg of pathArgs) {
    const path = resolve(cwd, arg);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      refused++;
      report(`refused  ${arg}: cannot read ${path} (${info.code ?? info.message})`);
      continue;
    }
    const paths = info.isDirectory() ? await folderFiles(path) : [path];
    if (info.isDirectory() && paths.length === 0) report(`note: ${arg} holds no file Factmark imports (${IMPORTABLE_EXTENSIONS.join(', ')})`);
    for (const p of paths) {
      const name = info.isDirectory() ? join(arg, relative(path, p)) : arg;
      const size = (await stat(p)).size;
      if (size > MAX_IMPORT_BYTES) {
        refused++;
        report(`refused  ${name}: larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB`);
        continue;
      }
      files.push({ name, bytes: new Uint8Array(await readFile(p)) });
    }
  }
  if (files.length === 0) {
    io.stderr('factmark import: no file to import.\n');
    return EXIT_FAILURE;
  }

  // Labels: decided by --map and --add-labels, else the import is refused listing them.
  const inspection = inspectFiles(files, format, project.value);
  const decisions = keyedRecord<LabelDecision>();
  for (const [from, to] of maps) {
    const target = matchLabel(project.value.labels, to);
    if (target === null) {
      io.stderr(`factmark import: --map ${from}=${to}: "${to}" is not a label of this project (${project.value.labels.map((l) => l.id).join(', ')}).\n`);
      return EXIT_FAILURE;
    }
    decisions[from] = { action: 'map', to: target };
  }
  const undecided = inspection.unknownLabels.filter((l) => ownValue(decisions, l) === undefined);
  if (undecided.length > 0) {
    if (!values['add-labels']) {
      // What the files said about their labels (e.g. that they are doccano label ids) helps to decide.
      for (const f of inspection.files) for (const w of f.warnings) if (/label/i.test(w)) report(`note: ${w}`);
      const uses = inspection.labels.filter((l) => undecided.includes(l.label));
      io.stderr(
        `factmark import: these labels are not in the project: ${uses.map((u) => `"${u.label}" (${u.spans})`).join(', ')}.\n` +
          `Add them with --add-labels, or map each with --map LABEL=PROJECT_LABEL (project labels: ${project.value.labels.map((l) => l.id).join(', ')}). Nothing was imported.\n`,
      );
      return EXIT_FAILURE;
    }
    for (const l of undecided) decisions[l] = { action: 'add' };
  }

  const { name: annotator } = await cliAnnotator(values, io.cwd ?? process.cwd());

  // What an earlier run left (a crash, a kill) is completed or undone first; a project that cannot be written is refused.
  const unwritable = await unwritableReason(projectDir);
  if (unwritable !== null) {
    io.stderr(`factmark import: ${unwritable} Nothing was imported.\n`);
    return EXIT_FAILURE;
  }
  const tidied = await tidyProject(projectDir, new Date());
  for (const f of tidied.failed) io.stderr(`factmark import: ${f.message}\n`);
  if (tidied.rolledForward > 0) io.stderr(`note: completed ${tidied.rolledForward === 1 ? 'a change' : `${tidied.rolledForward} changes`} an earlier run left unfinished.\n`);

  const total = inspection.files.length;
  const stop = stopOnInterrupt(io);
  let outcome: Awaited<ReturnType<typeof importDataset>>;
  try {
    outcome = await importDataset({
      dir: projectDir,
      project: project.value,
      annotator,
      files,
      format,
      decisions,
      now: new Date(),
      signal: stop.signal,
      onStep: stepPrinter(io),
      ...(total >= PROGRESS_FROM ? { onProgress: (done: number, all: number, name: string) => io.stderr(`[${done}/${all}] ${name}\n`) } : {}),
    });
  } catch (err) {
    if (err instanceof JournalBusyError) {
      io.stderr(`factmark import: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    throw err;
  } finally {
    stop.dispose();
  }
  if (!outcome.ok) {
    io.stderr(`factmark import: ${outcome.message}\n`);
    return EXIT_FAILURE;
  }
  let imported = 0;
  for (const f of outcome.files) {
    if (f.format === 'ignored') {
      // Not a document (a dataset card, brat's configuration...): said, not refused.
      report(`skipped  ${f.name}: ${f.warnings.join(' ')}`);
      continue;
    }
    if (f.ok && f.alreadyImported) {
      imported++;
      const ids = f.docIds ?? [];
      report(`already  ${f.name}: imported earlier as ${ids.length === 1 ? ids[0] : `${ids.length} documents`}; nothing written`);
    } else if (f.ok) {
      imported++;
      const ids = f.docIds ?? [];
      const what = ids.length === 1 ? ids[0] : `${ids.length} documents`;
      report(`imported ${f.name} as ${what}${f.spans > 0 ? ` (${f.spans} spans for ${annotator})` : ''}`);
    } else {
      refused++;
      report(`refused  ${f.name}: ${f.error?.message ?? 'refused'}`);
    }
    for (const w of f.warnings) report(`         note: ${w}`);
  }
  for (const l of outcome.addedLabels) report(`added label "${l.name}" as ${l.id}`);
  io.stdout(`Imported ${imported} of ${imported + refused} files into ${projectDir}\n`);
  if (outcome.stopped) {
    io.stderr('factmark import: stopped. The files listed as imported are complete in the project; the file being written when you stopped and those after it were not written at all. Run the same command again to import them.\n');
    return EXIT_FAILURE;
  }
  return refused === 0 ? EXIT_OK : EXIT_FAILURE;
}
