import { useRef } from 'react';
import type { SuggestionView } from '../../../shared/api/contract';
import type { LabelDef } from '../../../shared/model/schemas';

export interface SuggestionGroup {
  id: string;
  name: string;
  color: string | undefined;
  /** Suggestions of this label still open (0: all accepted, rejected or tagged; the group stays). */
  count: number;
}

/**
 * The suggestion bar's groups: one per label that has had suggestions in this document, in the
 * schema's order (labels the schema lacks last), each with its open count. A group never moves
 * or disappears while the document is open, so "Accept all" stays under the pointer.
 */
export function suggestionGroups(labels: readonly LabelDef[], seen: ReadonlySet<string>, available: readonly SuggestionView[]): SuggestionGroup[] {
  const counts = new Map<string, number>();
  for (const s of available) counts.set(s.label, (counts.get(s.label) ?? 0) + 1);
  const ids = new Set([...seen, ...counts.keys()]);
  const inSchema = labels.filter((l) => ids.has(l.id)).map((l) => ({ id: l.id, name: l.name, color: l.color, count: counts.get(l.id) ?? 0 }));
  const known = new Set(labels.map((l) => l.id));
  const others = [...ids].filter((id) => !known.has(id)).sort().map((id) => ({ id, name: id, color: undefined, count: counts.get(id) ?? 0 }));
  return [...inSchema, ...others];
}

/** suggestionGroups with the labels seen so far in the open document remembered (per document). */
export function useSuggestionGroups(
  docId: string,
  labels: readonly LabelDef[],
  available: readonly SuggestionView[],
  scored: readonly SuggestionView[] = available,
): SuggestionGroup[] {
  const seen = useRef<{ docId: string; labels: Set<string> }>({ docId, labels: new Set() });
  if (seen.current.docId !== docId) seen.current = { docId, labels: new Set() };
  for (const s of available) seen.current.labels.add(s.label);
  for (const s of scored) seen.current.labels.add(s.label);
  return suggestionGroups(labels, seen.current.labels, available);
}
