import type { FactmarkHandlers } from '../../shared/api/contract';
import { fail } from '../../shared/api/result';
import { projectAgreement } from './agreementService';
import { NEED_ANNOTATOR } from './annotatorContext';
import { curationView, saveGold } from './curationService';
import type { ServiceCore } from './serviceCore';

/** What the agreement and curation operations need from the service (serviceCore.ts). */
export type CurationHost = Pick<ServiceCore, 'currentProject' | 'annotator' | 'now' | 'inOrder'>;

/** The agreement and curation operations of the contract: agreement between annotators (agreementService.ts), the curation view and gold saves (curationService.ts). */
export function curationHandlers(host: CurationHost): Pick<FactmarkHandlers, 'getAgreement' | 'getCuration' | 'saveGold'> {
  const { now, annotator } = host;
  return {
    getAgreement: async ({ annotators, labels }) => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      return projectAgreement({ dir: current.value.dir, project: current.value.project, annotators, labels });
    },

    getCuration: async ({ docId, policy, annotators }) => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      return curationView({ dir: current.value.dir, project: current.value.project, docId, policy, annotators, reader: await annotator(), now: now() });
    },

    // Gold saves of one document run one after another, like any save.
    saveGold: (input) =>
      host.inOrder(`gold:${input.docId}`, async () => {
        const who = await annotator();
        if (who === null) return fail('invalid-input', NEED_ANNOTATOR);
        const current = await host.currentProject();
        if (!current.ok) return current;
        return saveGold({ ...input, dir: current.value.dir, project: current.value.project, adjudicator: who, reader: who, now: now() });
      }),
  };
}
