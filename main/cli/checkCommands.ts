import { resolve } from 'node:path';
import { scanProject, statsOf } from '../services/projectCheck';
import { parseCommandArgs } from './args';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';
import { ownValue } from '../../shared/model/keyed';

/** Above this many documents, progress goes to stderr (unless --json). */
const PROGRESS_FROM = 200;

function projectArg(command: string, args: string[], io: CliIo) {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError(`${command} needs exactly one PROJECT_DIR.`);
  const dir = resolve(io.cwd ?? process.cwd(), positionals[0]!);
  const progress = (done: number, total: number) => {
    if (total >= PROGRESS_FROM && (done % 100 === 0 || done === total)) io.stderr(`[${done}/${total}] documents read\n`);
  };
  return { dir, json: values.json === true, progress };
}

/** factmark validate PROJECT_DIR [--json]: every file checked; exit 1 when anything is wrong. */
export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { dir, json, progress } = projectArg('validate', args, io);
  const scan = await scanProject(dir, progress);
  const valid = scan.issues.length === 0;
  if (json) {
    io.stdout(`${JSON.stringify({ project: dir, valid, documents: scan.documents.length, annotationFiles: scan.annotations.length, problems: scan.issues }, null, 2)}\n`);
  } else {
    for (const i of scan.issues) io.stdout(`${i.file}: ${i.reason}\n`);
    io.stdout(
      valid
        ? `${dir}: valid (${scan.documents.length} documents, ${scan.annotations.length} annotation files).\n`
        : `${dir}: ${scan.issues.length} problem${scan.issues.length === 1 ? '' : 's'} found.\n`,
    );
  }
  return valid ? EXIT_OK : EXIT_FAILURE;
}

/** factmark stats PROJECT_DIR [--json]: documents per status, spans per label, per annotator. */
export async function statsCommand(args: string[], io: CliIo): Promise<number> {
  const { dir, json, progress } = projectArg('stats', args, io);
  const scan = await scanProject(dir, progress);
  if (!scan.project) {
    io.stderr(`factmark stats: ${scan.issues[0]?.reason ?? 'not a project'}\n`);
    return EXIT_FAILURE;
  }
  const stats = statsOf(scan);
  if (json) {
    io.stdout(`${JSON.stringify({ ...stats, problems: scan.issues.length }, null, 2)}\n`);
    return EXIT_OK;
  }
  const out: string[] = [`${stats.project}: ${stats.documents} documents, ${stats.annotators.length} annotators`];
  for (const a of stats.annotators) {
    out.push(`  ${a.name}: ${a.status.done} done, ${a.status.in_progress} in progress, ${a.status.todo} to do; ${a.spans} spans`);
    for (const [label, n] of Object.entries(a.spansByLabel).sort()) out.push(`    ${label}: ${n}`);
  }
  out.push('Spans per label (all annotators):');
  for (const l of stats.labels) out.push(`  ${l.id}: ${ownValue(stats.spansByLabel, l.id) ?? 0}`);
  for (const [label, n] of Object.entries(stats.spansByLabel).sort()) if (!stats.labels.some((l) => l.id === label)) out.push(`  ${label} (not in project.json): ${n}`);
  if (scan.issues.length > 0) out.push(`${scan.issues.length} problems found: run "factmark validate ${dir}" for the list.`);
  io.stdout(`${out.join('\n')}\n`);
  return EXIT_OK;
}
