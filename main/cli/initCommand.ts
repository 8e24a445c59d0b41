import { basename, resolve } from 'node:path';
import { parseCommandArgs } from './args';
import { reportFailure, withCliService } from './cliService';
import { EXIT_OK, UsageError, type CliIo } from './io';

/** factmark init DIR [--name NAME] */
export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { name: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('init needs exactly one DIR.');
  const dir = resolve(io.cwd ?? process.cwd(), positionals[0]!);
  const name = values.name ?? basename(dir);
  return withCliService(io, {}, async (handlers) => {
    const created = await handlers.createProject({ path: dir, name });
    if (!created.ok) {
      return reportFailure(io, 'init', created.error);
    }
    const labels = created.value.labels.map((l) => l.name).join(', ');
    io.stdout(`Created project "${created.value.name}" in ${created.value.path} (labels: ${labels})\n`);
    return EXIT_OK;
  });
}
