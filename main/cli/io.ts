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

/**
 * Exit codes: 0 ok; 1 a user error, with a message (a wrong command line, a file that cannot be
 * read, problems found); 2 an internal error (a bug: an unexpected exception).
 */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 1;
export const EXIT_INTERNAL = 2;

/** A wrong command line: the message is shown with a pointer to `factmark help`. */
export class UsageError extends Error {}
