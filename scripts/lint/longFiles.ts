import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Issue 19's rule for a house the next engineer can walk into: small files, one concept each. A
 * source file over MAX_LINES says why at its top (REASON_MARK in its first REASON_WITHIN lines),
 * so a long file is a decision someone wrote down, not an accident nobody noticed.
 */
export const MAX_LINES = 400;
export const REASON_MARK = /Longer than 400 lines\b/;
const REASON_WITHIN = 40;
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIPPED = new Set(['node_modules', 'dist', 'release', '.git']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return SKIPPED.has(name) ? [] : sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** Whether a file's text is over the limit without a stated reason near its top. */
export function isUnexplainedLongFile(text: string): boolean {
  const lines = text.split('\n');
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  return count > MAX_LINES && !lines.slice(0, REASON_WITHIN).some((line) => REASON_MARK.test(line));
}

/** The source files under `root` (paths relative to it) over the limit without a stated reason. */
export function unexplainedLongFiles(root: string): string[] {
  return sourceFiles(root)
    .filter((file) => isUnexplainedLongFile(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file));
}
