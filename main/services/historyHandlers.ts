import type { FactmarkHandlers } from '../../shared/api/contract';
import { fail, ok } from '../../shared/api/result';
import { listVersions, readVersion } from './annotationHistory';
import { documentContext, type DocumentContextHost } from './documentContext';
import type { SaveDocument } from './documentSave';
import type { ServiceCore } from './serviceCore';

/** What the history operations need from the service (serviceCore.ts), and the one save (documentSave.ts). */
export type HistoryHost = DocumentContextHost & Pick<ServiceCore, 'inOrder'> & { saveDocument: SaveDocument };

/** The history operations of the contract: a document's kept versions, and restoring one (annotationHistory.ts). */
export function historyHandlers(host: HistoryHost): Pick<FactmarkHandlers, 'listVersions' | 'restoreVersion'> {
  return {
    listVersions: async ({ docId }) => {
      const ctx = await documentContext(host, docId);
      if (!ctx.ok) return ctx;
      return ok({ versions: await listVersions(ctx.value.dir, ctx.value.who, docId) });
    },

    restoreVersion: ({ docId, versionId }) =>
      host.inOrder(`save:${docId}`, async () => {
        const ctx = await documentContext(host, docId);
        if (!ctx.ok) return ctx;
        const version = await readVersion(ctx.value.dir, ctx.value.who, docId, versionId);
        if (!version) return fail('not-found', `Version ${versionId} of "${docId}" is not in its history (it may have been pruned).`);
        if (version.textSha256 !== ctx.value.sha256) {
          return fail('text-changed', `Version ${versionId} was made against another text of "${docId}", so it cannot be restored onto this one.`);
        }
        // Restoring is a save like any other; the state it replaces is kept first, so it can be undone.
        return host.saveDocument({ docId, status: version.status, spans: version.spans, relations: version.relations ?? [] }, { forceVersion: true });
      }),
  };
}
