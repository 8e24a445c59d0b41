import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ok } from '../../shared/api/result';
import { createProjectFolder } from '../services/projectCreation';
import { guarded } from '../services/serviceGuard';
import { parseCommandArgs } from './args';
import { reportFailure } from './cliService';
import { EXIT_OK, UsageError, type CliIo } from './io';

/** factmark init DIR [--name NAME]: the project folder is made as the app's createProject makes it (projectCreation.ts), nothing else is built. */
export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { name: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('init needs exactly one DIR.');
  const dir = resolve(io.cwd ?? process.cwd(), positionals[0]!);
  const name = values.name ?? basename(dir);
  const created = await guarded(async () => {
    const made = await createProjectFolder(dir, name);
    return made.ok ? ok({ ...made.value, path: await realpath(made.value.dir) }) : made;
  });
  if (!created.ok) {
    return reportFailure(io, 'init', created.error);
  }
  const labels = created.value.project.labels.map((l) => l.name).join(', ');
  io.stdout(`Created project "${created.value.project.name}" in ${created.value.path} (labels: ${labels})\n`);
  return EXIT_OK;
}
