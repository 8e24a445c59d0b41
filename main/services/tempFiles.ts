import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { HOST_TAG, type Owner } from './processOwner';

/**
 * The names of the temporary files Factmark writes before renaming them into place, and how to
 * tell, from a name alone, which process wrote one: `.<target>.fm-<host>-<pid>-<random>.tmp`
 * beside its target (hidden; never a project file, never committed by sync, ignored by the file
 * watcher). A crash leaves such a file behind; the sweep (interruptedWrites.ts) removes it once
 * its owner is gone. Names of older versions are recognised too.
 */
const OWNED = /^\.(.+)\.fm-([0-9a-f]{8})-(\d{1,10})-[0-9a-f]{8}\.tmp$/;
/** An export's temp file or folder (projectExporter): `.<target>.<pid>-<random>.tmp`, no host. */
const EXPORT_PID_ONLY = /^\.(.+)\.(\d{1,10})-[0-9a-f]{8}\.tmp$/;
/** write-file-atomic's temp names (Factmark before 0.2): `<target>.<32-bit number>`, no owner at all. */
const LEGACY = /^((?:[^/\\]+\.(?:json|txt))|\.gitignore)\.(\d{1,10})$/;
/** An annotator lock's temp as earlier builds named it (by the lock's owner id, no process): `<annotator>.lock.<uuid>.tmp`. */
const LEGACY_LOCK = /^([^/\\]+\.lock)\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/** Unique per temp file of this process: a random start (another process may reuse our pid later) and a counter. */
let nextTemp = randomBytes(4).readUInt32BE(0);

/** A fresh temp path beside `file`, owned by this process. */
export function tempPathFor(file: string): string {
  nextTemp = (nextTemp + 1) >>> 0;
  return join(dirname(file), `.${basename(file)}.fm-${HOST_TAG}-${process.pid}-${nextTemp.toString(16).padStart(8, '0')}.tmp`);
}

export type TempName =
  | { kind: 'owned'; target: string; owner: Owner }
  | { kind: 'export'; target: string; pid: number }
  | { kind: 'legacy'; target: string };

/** What a file name says about being one of Factmark's temp files; null when it is not one. */
export function parseTempName(name: string): TempName | null {
  let m = OWNED.exec(name);
  if (m) return { kind: 'owned', target: m[1] as string, owner: { host: m[2] as string, pid: Number(m[3]) } };
  m = EXPORT_PID_ONLY.exec(name);
  if (m) return { kind: 'export', target: m[1] as string, pid: Number(m[2]) };
  m = LEGACY.exec(name) ?? LEGACY_LOCK.exec(name);
  if (m) return { kind: 'legacy', target: m[1] as string };
  return null;
}
