import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FactmarkHandlers } from '../../shared/api/contract';
import type { AppError } from '../../shared/api/result';
import { corpusDir } from '../paths';
import { createFactmarkService } from '../services/factmarkService';
import { VERSION } from '../version';
import { EXIT_FAILURE, EXIT_INTERNAL, type CliIo } from './io';

/**
 * The CLI drives the same service as the app, but with a throw-away data folder: a one-off
 * command (export as another annotator, import, init) must not change the app's settings
 * (annotator, recent projects) behind the user's back.
 */
export async function withCliService<T>(
  io: CliIo,
  options: { annotator?: string },
  run: (handlers: FactmarkHandlers) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'factmark-cli-'));
  try {
    const handlers = createFactmarkService({
      dataDir,
      corpusDir: io.corpusDir ?? corpusDir(),
      version: VERSION,
      // The command line is the user's own: `--out` may name any path.
      trustedPaths: true,
      // Used for this run only, never saved.
      ...(options.annotator !== undefined ? { annotator: options.annotator } : {}),
    });
    try {
      return await run(handlers);
    } finally {
      await handlers.dispose();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** An error from the service as one line for the terminal. */
/** Print a failed operation's message and answer its exit code (2 only for internal errors). */
export function reportFailure(io: CliIo, command: string, error: AppError): number {
  io.stderr(`factmark ${command}: ${describeError(error)}\n`);
  return error.code === 'internal' ? EXIT_INTERNAL : EXIT_FAILURE;
}

export function describeError(error: AppError): string {
  return error.file && !error.message.includes(error.file) ? `${error.message} (${error.file})` : error.message;
}
