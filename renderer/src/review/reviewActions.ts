import type { Result } from '../../../shared/api/result';
import type { ConfirmDerivedView } from '../../../shared/review/types';
import { bridge } from '../bridge';
import { documentStore } from '../stores/appDocumentStore';

/**
 * Confirming the review's derived values writes annotation files, maybe the one open in the
 * article: its pending edits are saved first, and it is shown again from the file afterwards.
 */
async function touchingOpenDocument(write: () => Promise<Result<ConfirmDerivedView>>): Promise<Result<ConfirmDerivedView>> {
  if (!(await documentStore.flush())) {
    return { ok: false, error: { code: 'io', message: 'The open document could not be saved, so nothing was confirmed. Retry the save first.' } };
  }
  const r = await write();
  const open = documentStore.get().docId;
  if (r.ok && open !== null && r.value.documents.includes(open)) await documentStore.reload();
  return r;
}

export const confirmDerivedValues = (claims: string[]) => touchingOpenDocument(() => bridge.confirmDerivedValues({ claims }));
export const undoConfirmation = (undoId: string) => touchingOpenDocument(() => bridge.undoConfirmDerivedValues({ undoId }));
