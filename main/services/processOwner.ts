import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who wrote a temp file, a lock or a journal: this machine (a short hash of its host name) and a
 * process id. A sweep or a recovery acts on a leftover only when its owner is gone, so two windows
 * or servers on one project never remove each other's work in flight.
 */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** How long a leftover of another machine (a shared folder) must sit untouched before it counts as abandoned. */
export const FOREIGN_STALE_MS = 10 * 60_000;

export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Boot time (ms since the epoch) from /proc/stat, read once; null off Linux. */
let bootMs: number | null | undefined;
function bootTimeMs(): number | null {
  if (bootMs !== undefined) return bootMs;
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
    bootMs = m ? Number(m[1]) * 1000 : null;
  } catch {
    bootMs = null;
  }
  return bootMs;
}

/**
 * When a process started (ms since the epoch, to within a second), from /proc on Linux; null
 * elsewhere or when it does not run. Process ids are reused (32,768 of them on many systems), so
 * a leftover is not kept alive by a newer process that happens to have its owner's id.
 */
export function processStartMs(pid: number): number | null {
  const boot = bootTimeMs();
  if (boot === null) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks of 1/100 s on Linux) comes after the command name in parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? boot + ticks * 10 : null;
  } catch {
    return null;
  }
}

export interface Owner {
  /** HOST_TAG of the machine, or null when the leftover does not say (then only its age counts). */
  host: string | null;
  pid: number;
}

/**
 * Whether the owner of a leftover is gone: a process of this machine that no longer runs, or
 * anything of another machine left untouched for FOREIGN_STALE_MS. This process's own leftovers
 * are never gone (the caller knows what it has in flight).
 */
export function ownerGone(owner: Owner, mtimeMs: number, nowMs: number): boolean {
  if (owner.host === HOST_TAG) {
    if (owner.pid === process.pid) return false;
    if (!pidAlive(owner.pid)) return true;
    // A process that started after the leftover was last written cannot have written it.
    const started = processStartMs(owner.pid);
    return started !== null && started > mtimeMs + 2000;
  }
  return nowMs - mtimeMs > FOREIGN_STALE_MS;
}
