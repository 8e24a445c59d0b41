import { join } from 'node:path';
import { z } from 'zod';
import type { SyncIncoming } from '../../shared/api/syncViews';
import { readJsonFile, writeJsonAtomic } from './atomicJson';
import { ensureLocalStateIgnored, localStateDir } from './localState';

/**
 * `.factmark/sync.json`: when this copy of the project last synced and what came in, for the
 * Sync button's status. This machine's own state (under .factmark/, never committed).
 */
export const syncStatePath = (dir: string) => join(localStateDir(dir), 'sync.json');

const progressSchema = z.object({ name: z.string(), filesChanged: z.number(), done: z.number(), inProgress: z.number(), documents: z.number() }).strict();
const incomingSchema = z
  .object({
    commits: z.number(),
    newDocuments: z.array(z.object({ id: z.string(), title: z.string() }).strict()),
    changedDocuments: z.array(z.string()),
    removedDocuments: z.array(z.string()),
    annotators: z.array(progressSchema),
    projectFiles: z.array(z.string()),
    ownFilesChanged: z.number(),
  })
  .strict();
const syncStateSchema = z.object({ lastSyncAt: z.string().nullable(), lastIncoming: incomingSchema.nullable() }).strict();
export type SyncState = z.infer<typeof syncStateSchema>;

export async function readSyncState(dir: string): Promise<SyncState> {
  const read = await readJsonFile(syncStatePath(dir), syncStateSchema);
  // Missing or unreadable: this copy has not synced (the file is only a convenience).
  return read.ok ? read.value : { lastSyncAt: null, lastIncoming: null };
}

export async function writeSyncState(dir: string, state: { lastSyncAt: string; lastIncoming: SyncIncoming }): Promise<void> {
  await ensureLocalStateIgnored(dir);
  await writeJsonAtomic(syncStatePath(dir), state);
}
