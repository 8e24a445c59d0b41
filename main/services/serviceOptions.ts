import type { WatcherTestHooks } from './projectWatcher';
import type { SuggestPool } from './suggestWorkerPool';

export interface ServiceHost {
  chooseFolder?(purpose: 'open' | 'create' | 'export'): Promise<string | null>;
}

/** How a window's (or a command's) service is created (factmarkService.ts). */
export interface ServiceOptions {
  /** The user's data folder (settings.json, projects/sample). */
  dataDir: string;
  /** The shipped sample corpus, copied into the data folder on first use. */
  corpusDir: string;
  version: string;
  host?: ServiceHost;
  /** Opened by the first getSession instead of the last project (`--project`). */
  initialProject?: string;
  /** A fixed annotator for this instance (CLI `--annotator`), used instead of the saved one and never saved. */
  annotator?: string;
  /**
   * Paths come from the user's own command line (the CLI), not from a UI: exports may go anywhere.
   * Off by default: paths sent by the renderer or a browser are confined (pathConfinement.ts).
   */
  trustedPaths?: boolean;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** Where the suggesters run (default: a worker thread of dist/main/suggestWorker.js beside the bundle); tests give their own. */
  suggestPool?: SuggestPool;
  /** Tests only: runs inside a save after its new file is written, before the last check and the rename. */
  testHooks?: { beforeFinalCheck?: (file: string) => Promise<void>; watcher?: WatcherTestHooks };
}
