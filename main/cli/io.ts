/**
 * What a CLI command may touch besides the file system: injected so tests run commands in-process
 * and read their output.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves relative paths; default process.cwd(). */
  cwd?: string;
  /** Stops a long-running command (serve) like Ctrl+C does. */
  stopSignal?: AbortSignal;
  /** Overrides for tests: where the built UI and the sample corpus are. */
  staticDir?: string;
  corpusDir?: string;
}

/** Exit codes: 0 ok, 1 the operation failed, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A wrong command line: the message is shown with a pointer to `factmark help`. */
export class UsageError extends Error {}
