import type { FactmarkHandlers } from '../../shared/api/contract';
import { curationHandlers } from './curationHandlers';
import { documentHandlers } from './documentHandlers';
import { createDocumentSaver } from './documentSave';
import { entityHandlers } from './entityHandlers';
import { exportHandlers } from './exportHandlers';
import { historyHandlers } from './historyHandlers';
import { importHandlers } from './importHandlers';
import { reviewHandlers } from './reviewHandlers';
import { schemaHandlers } from './schemaHandlers';
import { createServiceCore } from './serviceCore';
import { guardAll } from './serviceGuard';
import type { ServiceOptions } from './serviceOptions';
import { sessionHandlers } from './sessionHandlers';
import { suggestionHandlers } from './suggestionHandlers';
import { syncHandlers } from './syncService';

export type { ServiceHost, ServiceOptions } from './serviceOptions';
export { dispatch } from './serviceGuard';
export { suggestedAnnotatorName } from './sessionHandlers';

/** The handlers, plus what the host calls when the window or process closes. */
export type FactmarkService = FactmarkHandlers & {
  /** Write the saves already asked for, release this annotator's lock, stop the worker and the watcher. */
  dispose(): Promise<void>;
};

/**
 * The Factmark service: every operation of shared/api/contract.ts over one window's state (the
 * open project, serviceCore.ts), composed from one module per domain, each given only what it
 * needs. Handlers never throw: file-system errors come back as 'io' failures naming the file,
 * anything else as 'internal' (serviceGuard.ts).
 */
export function createFactmarkService(opts: ServiceOptions): FactmarkService {
  const core = createServiceCore(opts);
  const saveDocument = createDocumentSaver({ ...core, testHooks: opts.testHooks });
  const handlers: FactmarkHandlers = {
    // Sessions and projects: the annotator, opening and creating projects, watching the open one.
    ...sessionHandlers({ ...core, dataDir: opts.dataDir, corpusDir: opts.corpusDir, initialProject: opts.initialProject, windowDialogs: opts.host }),
    // Documents and their saves.
    ...documentHandlers({ ...core, saveDocument }),
    // A document's kept versions.
    ...historyHandlers({ ...core, saveDocument }),
    // Articles and annotated datasets coming in.
    ...importHandlers(core),
    // Training and review sets going out.
    ...exportHandlers({ ...core, trustedPaths: opts.trustedPaths }),
    // Labels and relation types.
    ...schemaHandlers(core),
    // The project's entity list.
    ...entityHandlers(core),
    // Suggestions (learning starts from each save, documentSave.ts).
    ...suggestionHandlers(core),
    // Project sync over git and blind mode (syncService.ts).
    ...syncHandlers(core),
    // Agreement between annotators, curation and gold.
    ...curationHandlers(core),
    // Claim review across documents and its decisions in claims.json (reviewHandlers.ts).
    ...reviewHandlers(core),
  };
  const service = guardAll(handlers) as FactmarkService;
  service.dispose = core.dispose;
  return service;
}
