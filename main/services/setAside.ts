import { access } from 'node:fs/promises';

/** 20261122T093000Z: sortable, and safe in file names on every OS (no colons). */
export function compactUtcStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * A free name to move an unreadable file aside to: `<file>.invalid-<stamp>`, with -2, -3...
 * when that exists, so one set-aside file is never overwritten by a later one.
 */
export async function setAsideName(file: string, now: Date): Promise<string> {
  const base = `${file}.invalid-${compactUtcStamp(now)}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
}
