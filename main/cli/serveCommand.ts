import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appRoot, corpusDir } from '../paths';
import { cliDataDir } from './annotator';
import { startServer } from '../server/startServer';
import { createFactmarkService } from '../services/factmarkService';
import { VERSION } from '../version';
import { parseCommandArgs, parsePort } from './args';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';

/** Resolves when the user asks to stop: Ctrl+C, SIGTERM, or the injected signal (tests). */
function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((done) => {
    const finish = (why: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      signal?.removeEventListener('abort', onAbort);
      done(why);
    };
    const onInt = () => finish('SIGINT');
    const onTerm = () => finish('SIGTERM');
    const onAbort = () => finish('stop');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted) finish('stop');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** factmark serve [--port N] [--project DIR] [--data-dir DIR] */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    port: { type: 'string' },
    project: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments (got "${positionals[0]}").`);
  const port = parsePort(values.port);
  const cwd = io.cwd ?? process.cwd();

  const staticDir = io.staticDir ?? join(appRoot(), 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    io.stderr(`factmark serve: the user interface is not built (${join(staticDir, 'index.html')} is missing): run npm run build\n`);
    return EXIT_FAILURE;
  }
  const handlers = createFactmarkService({
    // The same data folder (and so the same saved annotator) as every other command (annotator.ts).
    dataDir: cliDataDir(values['data-dir'], cwd),
    corpusDir: io.corpusDir ?? corpusDir(),
    version: VERSION,
    initialProject: values.project ? resolve(cwd, values.project) : undefined,
  });

  let server;
  try {
    server = await startServer({ handlers, staticDir, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is already in use; try another --port or leave it out` : String(error);
    io.stderr(`factmark serve: cannot start the server: ${reason}\n`);
    return EXIT_FAILURE;
  }
  io.stdout(`Factmark is serving on ${server.url}?token=${server.token}\n`);
  io.stdout('Open that address in a browser. Press Ctrl+C to stop.\n');

  await waitForStop(io.stopSignal);
  // Requests in flight finish their atomic writes before the process exits: close() waits for
  // the server, and the renderer has already saved on every edit.
  await server.close();
  // Hand this annotator's lock back and stop watching the project.
  await handlers.dispose();
  io.stdout('Factmark stopped.\n');
  return EXIT_OK;
}
