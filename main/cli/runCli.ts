import { VERSION } from '../version';
import { exportCommand } from './exportCommand';
import { importCommand } from './importCommand';
import { statsCommand, validateCommand } from './checkCommands';
import { initCommand } from './initCommand';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { repairCommand } from './repairCommand';
import { serveCommand } from './serveCommand';
import { evalCommand } from './evalCommand';
import { suggestCommand } from './suggestCommand';
import { reviewCommand } from './reviewCommand';
import { syncCommand } from './syncCommand';
import { agreeCommand } from './agreeCommand';
import { USAGE } from './usage';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  serve: serveCommand,
  export: exportCommand,
  import: importCommand,
  init: initCommand,
  validate: validateCommand,
  stats: statsCommand,
  repair: repairCommand,
  suggest: suggestCommand,
  eval: evalCommand,
  sync: syncCommand,
  agree: agreeCommand,
  review: reviewCommand,
};

/** Runs one command line (without `node factmark`) and answers its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`factmark: unknown command "${command}". Run "factmark help" for the list.\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  try {
    return await run([...rest], io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`factmark ${command}: ${error.message}\nRun "factmark help" for usage.\n`);
      return EXIT_USAGE;
    }
    // Anything else is a bug, not something the user did: exit 2 so scripts can tell.
    io.stderr(`factmark ${command}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INTERNAL;
  }
}
