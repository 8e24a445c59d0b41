import type { FactmarkHandlers } from '../../shared/api/contract';
import { fail } from '../../shared/api/result';
import { documentContext, type DocumentContextHost } from './documentContext';
import type { ServiceCore } from './serviceCore';
import { documentSuggestions, rejectDocumentSuggestion } from './suggestionService';

/** What the suggestion operations need from the service (serviceCore.ts). */
export type SuggestionHost = DocumentContextHost & Pick<ServiceCore, 'lockStatus' | 'inOrder' | 'suggestPool'>;

/**
 * The suggestion operations of the contract: a document's suggestions and rejecting one
 * (suggestionService.ts). Learning from saves starts in documentSave.ts (learningService.ts).
 */
export function suggestionHandlers(host: SuggestionHost): Pick<FactmarkHandlers, 'getSuggestions' | 'rejectSuggestion'> {
  const { now } = host;
  return {
    getSuggestions: async ({ docId }) => {
      const ctx = await documentContext(host, docId);
      if (!ctx.ok) return ctx;
      const { dir, who, text, sha256, stored } = ctx.value;
      return documentSuggestions({ dir, who, docId, text, sha256, stored, now: now().toISOString(), pool: host.suggestPool() });
    },

    // Rejections of one document run one after another, so none is lost.
    rejectSuggestion: ({ docId, suggestionId, span }) =>
      host.inOrder(`suggestions:${docId}`, async () => {
        const ctx = await documentContext(host, docId);
        if (!ctx.ok) return ctx;
        const { dir, who, text, sha256, stored } = ctx.value;
        const readOnly = await host.lockStatus(dir, who);
        if (readOnly !== null) return fail('read-only', `${readOnly} The rejection was not saved.`);
        return rejectDocumentSuggestion({ dir, who, docId, text, sha256, stored, now: now().toISOString(), pool: host.suggestPool() }, { suggestionId, span });
      }),
  };
}
