import { resolve } from 'node:path';
import type { ExportReport } from '../../shared/api/views';
import {
  ALL_ANNOTATORS,
  CONLL_SCHEMES,
  EXPORT_FORMATS,
  GROUP_BY_FIELDS,
  OFFSET_UNITS,
  OVERLAP_POLICIES,
  SCOPES,
  exportOptionsSchema,
  type ExportOptionsInput,
} from '../../shared/formats/exportOptions';
import { DOC_STATUSES, describeZodError, type DocStatus } from '../../shared/model/schemas';
import { GOLD_ANNOTATOR } from '../../shared/agreement/agreementView';
import { parseCommandArgs, oneOf } from './args';
import { ANNOTATOR_OPTIONS, cliAnnotator } from './annotator';
import { chooseExportAnnotator } from './exportAnnotator';
import { describeError, reportFailure } from './cliService';
import { openForExport } from './cliExport';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';

const UNIT_WORDS = { codepoint: 'code points', utf16: 'UTF-16 code units', none: 'none: tokens' } as const;

/** How often a running export is asked for progress, and after how long progress is shown. */
const POLL_MS = 200;
const QUIET_MS = 1000;

function parseScope(value: string | undefined, all: boolean | undefined): ExportOptionsInput['scope'] {
  if (all && value !== undefined && value !== 'all') throw new UsageError(`--all contradicts --scope ${value}.`);
  if (all) return 'all';
  if (value === undefined) return 'done';
  if (!value.includes(',')) return oneOf('--scope', value, SCOPES, 'done');
  const parts = value.split(',').map((p) => p.trim());
  for (const p of parts) {
    if (!(DOC_STATUSES as readonly string[]).includes(p)) throw new UsageError(`--scope lists statuses (${DOC_STATUSES.join(', ')}), not "${p}".`);
  }
  return [...new Set(parts)] as DocStatus[];
}

function parseSplit(split: string | undefined, seed: string | undefined, groupBy: string | undefined): ExportOptionsInput['split'] {
  if (split === undefined) {
    if (seed !== undefined || groupBy !== undefined) throw new UsageError('--seed and --group-by need --split.');
    return undefined;
  }
  const parts = split.split(/[,:/]/).map((p) => p.trim());
  const ratios = parts.map(Number);
  if (parts.length !== 3 || ratios.some((r) => !Number.isFinite(r) || r < 0) || ratios.every((r) => r === 0)) {
    throw new UsageError(`--split takes three ratios train,dev,test (e.g. 0.8,0.1,0.1 or 8:1:1), not "${split}".`);
  }
  if (seed !== undefined && (!/^\d{1,10}$/.test(seed) || Number(seed) > 0xffffffff)) {
    throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${seed}".`);
  }
  const [train, dev, test] = ratios as [number, number, number];
  return {
    train,
    dev,
    test,
    seed: seed === undefined ? 42 : Number(seed),
    ...(groupBy !== undefined ? { groupBy: oneOf('--group-by', groupBy, GROUP_BY_FIELDS, 'outlet') } : {}),
  };
}

/** factmark export [options] PROJECT_DIR: see usage.ts. */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    unit: { type: 'string' },
    scope: { type: 'string' },
    all: { type: 'boolean' },
    ...ANNOTATOR_OPTIONS,
    'all-annotators': { type: 'boolean' },
    split: { type: 'string' },
    seed: { type: 'string' },
    'group-by': { type: 'string' },
    scheme: { type: 'string' },
    overlap: { type: 'string' },
    preview: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('export needs exactly one PROJECT_DIR.');
  const format = oneOf('--format', values.format, EXPORT_FORMATS, 'jsonl');
  const unit = values.unit === undefined ? undefined : oneOf('--unit', values.unit, OFFSET_UNITS, 'codepoint');
  const scope = parseScope(values.scope, values.all);
  const split = parseSplit(values.split, values.seed, values['group-by']);
  const conllScheme = values.scheme === undefined ? undefined : oneOf('--scheme', values.scheme, CONLL_SCHEMES, 'iob2');
  const overlapPolicy = values.overlap === undefined ? undefined : oneOf('--overlap', values.overlap, OVERLAP_POLICIES, 'longest-wins');
  if ((conllScheme || overlapPolicy) && format !== 'conll') throw new UsageError('--scheme and --overlap apply to --format conll only.');
  if (values['all-annotators'] && values.annotator !== undefined) throw new UsageError('--all-annotators contradicts --annotator.');
  const cwd = io.cwd ?? process.cwd();
  const projectDir = resolve(cwd, positionals[0]!);
  const outPath = values.out === undefined ? undefined : resolve(cwd, values.out);
  const everyone = values['all-annotators'] || values.annotator === ALL_ANNOTATORS;
  const input: ExportOptionsInput = {
    format,
    scope,
    ...(unit ? { unit } : {}),
    ...(split ? { split } : {}),
    ...(conllScheme ? { conllScheme } : {}),
    ...(overlapPolicy ? { overlapPolicy } : {}),
    ...(outPath !== undefined ? { outPath } : {}),
  };
  const parsed = exportOptionsSchema.safeParse(input);
  if (!parsed.success) throw new UsageError(describeZodError(parsed.error));

  // Who runs the export (the reader, as in the app: blind mode applies to them), by the app's rule.
  const reader = await cliAnnotator({ ...values, annotator: everyone ? undefined : values.annotator }, cwd);
  // Whose annotations it holds: never nobody's while others have some (exportAnnotator.ts).
  let whose: string = ALL_ANNOTATORS;
  if (!everyone) {
    const choice = await chooseExportAnnotator(projectDir, reader, parsed.data.scope ?? 'done');
    if (!choice.ok) {
      io.stderr(`factmark export: ${choice.message}\n`);
      return EXIT_FAILURE;
    }
    if (choice.note) io.stderr(`factmark export: ${choice.note}\n`);
    whose = choice.annotator;
  }
  const options = { ...parsed.data, annotator: whose };
  // Taking the project's only annotator means exporting as them; gold is read as yourself.
  const exportAs = everyone || whose === GOLD_ANNOTATOR ? reader.name : whose;

  const opened = await openForExport(projectDir, exportAs);
  if (!opened.ok) {
    return reportFailure(io, 'export', opened.error);
  }
  const handlers = opened.value;
  if (values.preview) {
    const preview = await handlers.previewExport(options);
    if (!preview.ok) {
      return reportFailure(io, 'export', preview.error);
    }
    io.stdout(`${preview.value.text}\n`);
    return EXIT_OK;
  }
  const started = await handlers.startExport(options);
  if (!started.ok) {
    return reportFailure(io, 'export', started.error);
  }
  const begun = Date.now();
  let lastShown = '';
  for (;;) {
    const status = await handlers.exportStatus({ jobId: started.value.jobId });
    if (!status.ok) {
      return reportFailure(io, 'export', status.error);
    }
    const s = status.value;
    if (s.finished) {
      if (lastShown) io.stderr('\n');
      if (s.error || !s.result) {
        io.stderr(`factmark export: ${s.error ? describeError({ code: 'internal', message: s.error.message, ...(s.error.file ? { file: s.error.file } : {}) }) : 'the export ended without a result.'}\n`);
        return EXIT_FAILURE;
      }
      printReport(io, s.result);
      return EXIT_OK;
    }
    // Long runs say how far they are, on stderr (stdout stays for the result lines).
    if (Date.now() - begun > QUIET_MS && s.total > 0) {
      const line = `Exporting: ${s.done}/${s.total} documents (${Math.floor((s.done / s.total) * 100)}%)`;
      if (line !== lastShown) io.stderr(`\r${line}`);
      lastShown = line;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function printReport(io: CliIo, r: ExportReport): void {
  // Fixed wording (no singular forms): scripts may parse these lines.
  io.stdout(`Exported ${r.documents} documents, ${r.spans} spans (offsets in ${UNIT_WORDS[r.unit]}) to ${r.path}\n`);
  if (r.format === 'jsonl') io.stdout(`Export description (labels, counts, offset unit): ${r.sidecarPath}\n`);
  io.stdout(`Dataset card: ${r.cardPath}\n`);
  for (const f of r.files.slice(1)) if (f !== r.cardPath && f !== r.sidecarPath) io.stdout(`Also written: ${f}\n`);
  if (r.splits) io.stdout(`Splits (documents): train ${r.splits.train}, dev ${r.splits.dev}, test ${r.splits.test}\n`);
  for (const d of r.dropped ?? []) {
    const labels = Object.entries(d.byLabel).map(([l, n]) => `${l} ${n}`).join(', ');
    io.stdout(`Spans dropped by ${d.policy}${d.chosen ? ' (used)' : ' (not used)'}: ${d.total}${labels ? ` (${labels})` : ''}\n`);
  }
  // What the format could not carry (also in the dataset card): never silent.
  for (const n of r.notices) io.stdout(`Note: ${n.message}\n`);
}
