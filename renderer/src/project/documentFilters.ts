import type { DocumentSummary } from '../../../shared/api/views';
import type { DocStatus } from '../../../shared/model/schemas';

export type StatusFilter = 'all' | DocStatus;

/** The documents the list shows: status filter, then a case-insensitive search over titles. */
export function filterDocuments(
  docs: readonly DocumentSummary[],
  status: StatusFilter,
  search: string,
): DocumentSummary[] {
  const needle = search.trim().toLocaleLowerCase();
  return docs.filter(
    (d) =>
      (status === 'all' || d.status === status) &&
      (needle === '' || d.title.toLocaleLowerCase().includes(needle) || d.id.toLocaleLowerCase().includes(needle)),
  );
}

/** The first document after `currentId` (in list order, wrapping) that is not done, or null. */
export function nextUndoneDocument(docs: readonly DocumentSummary[], currentId: string | null): string | null {
  const from = currentId === null ? -1 : docs.findIndex((d) => d.id === currentId);
  for (let step = 1; step <= docs.length; step += 1) {
    const doc = docs[(from + step + docs.length) % docs.length];
    if (doc && doc.id !== currentId && doc.status !== 'done') return doc.id;
  }
  return null;
}

/** The neighbour of `currentId` in `docs` (delta -1 previous, +1 next), without wrapping. */
export function neighbourDocument(docs: readonly DocumentSummary[], currentId: string | null, delta: 1 | -1): string | null {
  if (docs.length === 0) return null;
  const index = currentId === null ? -1 : docs.findIndex((d) => d.id === currentId);
  if (index === -1) return (delta === 1 ? docs[0] : docs[docs.length - 1])?.id ?? null;
  return docs[index + delta]?.id ?? null;
}
