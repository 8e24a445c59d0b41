/**
 * Errors cross every boundary (IPC, HTTP, CLI) as typed values, never as thrown exceptions:
 * the renderer can show `message` to a user as it is, and branch on `code`.
 */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'no-project'
  | 'invalid-project'
  | 'invalid-annotation'
  | 'text-changed'
  | 'duplicate-span'
  | 'bad-span'
  /** A relation of a save names a missing span, an unknown type, or labels its type does not join. */
  | 'bad-relation'
  | 'import-refused'
  | 'io'
  | 'unsupported'
  | 'internal'
  /** The file on disk changed since the UI loaded it (another tool, a sync): nothing was saved. */
  | 'conflict'
  /** Another window or process holds this annotator's lock on the project: nothing was saved. */
  | 'read-only'
  /** Another Factmark process is writing the same files right now (an import, a schema change): nothing was changed; try again. */
  | 'busy';

export interface AppError {
  code: ErrorCode;
  /** A sentence a user can read: what happened and, where possible, what to do. */
  message: string;
  /** The file the error is about, when there is one. */
  file?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, file?: string): { ok: false; error: AppError } => ({
  ok: false,
  error: file === undefined ? { code, message } : { code, message, file },
});
