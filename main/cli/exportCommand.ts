import { resolve } from 'node:path';
import { annotatorNameSchema, describeZodError } from '../../shared/model/schemas';
import { parseCommandArgs, oneOf } from './args';
import { defaultAnnotator } from './annotator';
import { describeError, withCliService } from './cliService';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';

const UNIT_WORDS = { codepoint: 'code points', utf16: 'UTF-16 code units' } as const;

/** factmark export [--format jsonl] [--out FILE] [--unit U] [--scope S | --all] [--annotator NAME] PROJECT_DIR */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    unit: { type: 'string' },
    scope: { type: 'string' },
    all: { type: 'boolean' },
    annotator: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('export needs exactly one PROJECT_DIR.');
  oneOf('--format', values.format, ['jsonl'] as const, 'jsonl');
  const unit = oneOf('--unit', values.unit, ['codepoint', 'utf16'] as const, 'codepoint');
  if (values.all && values.scope !== undefined && values.scope !== 'all') {
    throw new UsageError(`--all contradicts --scope ${values.scope}.`);
  }
  const scope = values.all ? 'all' : oneOf('--scope', values.scope, ['done', 'all'] as const, 'done');
  const cwd = io.cwd ?? process.cwd();
  const projectDir = resolve(cwd, positionals[0]!);
  const outPath = values.out === undefined ? undefined : resolve(cwd, values.out);
  const annotator = values.annotator ?? (await defaultAnnotator());

  const checked = annotatorNameSchema.safeParse(annotator);
  if (!checked.success) {
    throw new UsageError(`"${annotator}" is not a valid annotator name: ${describeZodError(checked.error)}.`);
  }

  return withCliService(io, { annotator: checked.data }, async (handlers) => {
    const opened = await handlers.openProject({ path: projectDir });
    if (!opened.ok) {
      io.stderr(`factmark export: ${describeError(opened.error)}\n`);
      return EXIT_FAILURE;
    }
    const exported = await handlers.exportProject({ format: 'jsonl', unit, scope, outPath });
    if (!exported.ok) {
      io.stderr(`factmark export: ${describeError(exported.error)}\n`);
      return EXIT_FAILURE;
    }
    const r = exported.value;
    // Fixed wording (no singular forms): scripts may parse this line.
    io.stdout(`Exported ${r.documents} documents, ${r.spans} spans (offsets in ${UNIT_WORDS[r.unit]}) to ${r.path}\n`);
    io.stdout(`Export description (labels, counts, offset unit): ${r.sidecarPath}\n`);
    return EXIT_OK;
  });
}
