import type { SyncIncoming, SyncOutcome } from '../api/syncViews';

/** What came in with a sync, as lines a person reads (the CLI prints them; the app lists them). */
export function describeIncoming(incoming: SyncIncoming): string[] {
  const lines: string[] = [];
  if (incoming.commits === 0 && incoming.annotators.length === 0 && incoming.newDocuments.length === 0 && incoming.projectFiles.length === 0) {
    return ['Nothing new came in.'];
  }
  lines.push(`${incoming.commits} commit${incoming.commits === 1 ? '' : 's'} came in.`);
  if (incoming.newDocuments.length) {
    lines.push(`New documents (${incoming.newDocuments.length}): ${incoming.newDocuments.slice(0, 10).map((d) => d.title).join('; ')}${incoming.newDocuments.length > 10 ? '; …' : ''}`);
  }
  if (incoming.changedDocuments.length) lines.push(`Documents changed: ${incoming.changedDocuments.length}`);
  if (incoming.removedDocuments.length) lines.push(`Documents removed: ${incoming.removedDocuments.join(', ')}`);
  for (const a of incoming.annotators) {
    lines.push(`${a.name}: ${a.filesChanged} file${a.filesChanged === 1 ? '' : 's'} changed; ${a.done} done, ${a.inProgress} in progress of ${a.documents} documents`);
  }
  if (incoming.projectFiles.length) lines.push(`Project files changed: ${incoming.projectFiles.join(', ')}`);
  if (incoming.ownFilesChanged) lines.push(`Your own annotation files changed by someone else (a schema change): ${incoming.ownFilesChanged}`);
  return lines;
}

/** The outcome of a sync in one paragraph's worth of lines. */
export function describeOutcome(outcome: SyncOutcome): string[] {
  if (outcome.state === 'aborted') return [outcome.message];
  const lines: string[] = [];
  lines.push(outcome.committed ? `Committed: ${outcome.committed.message}` : 'Nothing of yours to commit.');
  if (outcome.state === 'conflict') {
    lines.push(outcome.conflict.message);
    for (const f of outcome.conflict.files) lines.push(`  conflict: ${f.path}${f.merged !== null ? ' (a combined version is offered)' : ''}`);
    return lines;
  }
  lines.push(...describeIncoming(outcome.incoming));
  lines.push(outcome.pushed ? 'Your commits were sent to the remote.' : 'Nothing to send to the remote.');
  return lines;
}
