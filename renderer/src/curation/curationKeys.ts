import type { StopDecision } from '../../../shared/curation/curation';

/** What a key does in the curation mode: step between stops, or decide the current one. */
export type CurationKeyAction = { kind: 'move'; delta: 1 | -1 } | { kind: 'decide'; decision: StopDecision | 'proposal' } | { kind: 'edit' } | null;

/**
 * n / p: next / previous stop; 1..9: pick annotator k's version (k within the annotators);
 * a: accept the proposal; x: reject (no gold span there); e: make the text selected in the gold
 * view the stop's span (edit in place). Modified keys are never ours.
 */
export function curationKeyAction(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }, annotators: readonly string[]): CurationKeyAction {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'n') return { kind: 'move', delta: 1 };
  if (key === 'p') return { kind: 'move', delta: -1 };
  if (key === 'a') return { kind: 'decide', decision: 'proposal' };
  if (key === 'x') return { kind: 'decide', decision: { kind: 'reject' } };
  if (key === 'e') return { kind: 'edit' };
  if (/^[1-9]$/.test(key)) {
    const who = annotators[Number(key) - 1];
    return who === undefined ? null : { kind: 'decide', decision: { kind: 'pick', annotator: who } };
  }
  return null;
}

/** The next stop without a decision after `from` (wrapping), or `from` when every stop is decided. */
export function nextUndecided(stopIds: readonly string[], decided: Readonly<Record<string, unknown>>, from: number): number {
  for (let step = 1; step <= stopIds.length; step++) {
    const i = (from + step) % stopIds.length;
    if (!(stopIds[i]! in decided)) return i;
  }
  return from;
}
