/**
 * Node's error codes (ENOENT, EEXIST, ...), read without a cast at every call site. A module of its
 * own, importing nothing, so the lowest file helpers (pathConfinement, projectFiles) can use it
 * without loading atomicJson, which is built on top of them.
 */
export function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}
