import { realpath } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { FactmarkHandlers } from '../../shared/api/contract';
import { fail, ok, type Result } from '../../shared/api/result';
import type { ProjectView, SessionView } from '../../shared/api/views';
import { annotatorNameSchema } from '../../shared/model/schemas';
import { resolveUserPath } from '../paths';
import { aboutView } from './aboutService';
import { tidyProject } from './interruptedWrites';
import { ioFailure } from './ioErrors';
import { createProjectFolder } from './projectCreation';
import { readProjectFile } from './projectStore';
import { ensureSampleProject } from './sampleProject';
import type { ServiceCore } from './serviceCore';
import type { ServiceHost, ServiceOptions } from './serviceOptions';
import { readSettings, updateSettings, withRecentProject } from './settingsStore';
import { unwritableReason } from './writableProject';

/** What the session and project operations need from the service (serviceCore.ts) and its options. */
export type SessionHost = Pick<
  ServiceCore,
  | 'now'
  | 'version'
  | 'sessionAnnotator'
  | 'annotator'
  | 'lockStatus'
  | 'lockReason'
  | 'readOnlyKind'
  | 'view'
  | 'currentProject'
  | 'projectPath'
  | 'setProjectPath'
  | 'setInterrupted'
  | 'watch'
  | 'addChosenFolder'
> &
  Pick<ServiceOptions, 'dataDir' | 'corpusDir' | 'initialProject'> & {
    /** The window's native dialogs (ServiceOptions.host: Electron's); absent under serve and the CLI. */
    windowDialogs?: ServiceHost;
  };

/** The OS user name, made into a valid annotator name, offered as the default on first start. */
export function suggestedAnnotatorName(): string {
  let name = '';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall through to the generic name.
  }
  const cleaned = name
    .replace(/[^\p{L}\p{N} ._-]/gu, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .slice(0, 64);
  return annotatorNameSchema.safeParse(cleaned).success ? cleaned : 'annotator';
}

type SessionOperations =
  | 'getSession'
  | 'getAbout'
  | 'setAnnotator'
  | 'openProject'
  | 'openSampleProject'
  | 'createProject'
  | 'chooseFolder'
  | 'getProject'
  | 'pollChanges';

/** The session and project operations of the contract: the annotator, opening and creating projects, and watching the open one. */
export function sessionHandlers(host: SessionHost): Pick<FactmarkHandlers, SessionOperations> {
  const { now, annotator } = host;
  let projectError: SessionView['projectError'] = null;
  /** The first getSession opens a project by itself; after any open attempt the user's choice stands. */
  let openAttempted = false;

  async function openAt(path: string): Promise<Result<ProjectView>> {
    openAttempted = true;
    try {
      const dir = resolveUserPath(path);
      const read = await readProjectFile(dir);
      if (!read.ok) {
        projectError = { message: read.error.message, file: read.error.file ?? dir };
        return read;
      }
      const real = await realpath(dir);
      // What a crash left (an unfinished import or schema change, temp files) is tidied before anything is read.
      let project = read.value;
      host.setInterrupted([]);
      if ((await unwritableReason(real)) === null) {
        const tidied = await tidyProject(real, now());
        host.setInterrupted(tidied.failed.map((f) => ({ kind: 'interrupted-change' as const, file: f.journal, message: f.message })));
        if (tidied.rolledForward > 0) {
          const reread = await readProjectFile(real);
          if (!reread.ok) {
            projectError = { message: reread.error.message, file: reread.error.file ?? real };
            return reread;
          }
          project = reread.value;
        }
      }
      const projectView = await host.view(real, project, await annotator());
      host.setProjectPath(real);
      projectError = null;
      await updateSettings(host.dataDir, (s) => withRecentProject(s, real));
      return ok(projectView);
    } catch (err) {
      const io = ioFailure(err);
      if (!io) throw err;
      projectError = { message: io.error.message, ...(io.error.file ? { file: io.error.file } : {}) };
      return io;
    }
  }

  async function openSample(): Promise<Result<ProjectView>> {
    openAttempted = true;
    let dir: string;
    try {
      dir = await ensureSampleProject(host.dataDir, host.corpusDir);
    } catch (err) {
      const io = ioFailure(err);
      if (!io) throw err;
      projectError = { message: `The sample project could not be set up: ${io.error.message}`, file: io.error.file };
      return io;
    }
    return openAt(dir);
  }

  async function session(): Promise<SessionView> {
    let project: ProjectView | null = null;
    const openPath = host.projectPath();
    if (openPath === null && !openAttempted) {
      const settings = await readSettings(host.dataDir);
      const target = host.initialProject ?? settings.lastProject;
      const opened = target ? await openAt(target) : await openSample();
      if (opened.ok) project = opened.value;
    } else if (openPath !== null) {
      const current = await host.currentProject();
      if (current.ok) project = await host.view(current.value.dir, current.value.project, await annotator());
      else {
        projectError = { message: current.error.message, file: current.error.file ?? host.projectPath() ?? openPath };
        host.setProjectPath(null);
      }
    }
    const settings = await readSettings(host.dataDir);
    return {
      version: host.version,
      annotator: await annotator(),
      suggestedAnnotator: suggestedAnnotatorName(),
      recentProjects: settings.recentProjects,
      project,
      projectError: project ? null : projectError,
      nativeDialogs: typeof host.windowDialogs?.chooseFolder === 'function',
    };
  }

  return {
    getSession: async () => ok(await session()),

    getAbout: async () => ok(aboutView(host.version)),

    setAnnotator: async ({ name }) => {
      // Saved for the windows and processes started from now on; the ones running keep theirs.
      const saved = await updateSettings(host.dataDir, (s) => ({ ...s, annotator: annotatorNameSchema.parse(name) }));
      if (saved.annotator !== null) host.sessionAnnotator.set(saved.annotator);
      return ok(await session());
    },

    openProject: async ({ path }) => openAt(path),

    openSampleProject: async () => openSample(),

    createProject: async ({ path, name }) => {
      const created = await createProjectFolder(path, name);
      if (!created.ok) return created;
      return openAt(created.value.dir);
    },

    chooseFolder: async ({ purpose }) => {
      if (!host.windowDialogs?.chooseFolder) {
        return fail('unsupported', 'Folder dialogs need the desktop app; type a path instead.');
      }
      const chosen = await host.windowDialogs.chooseFolder(purpose);
      // The user picked it in the OS dialog: exports may go there (see isConfined).
      if (chosen !== null) host.addChosenFolder(chosen);
      return ok({ path: chosen });
    },

    getProject: async () => {
      const current = await host.currentProject();
      if (!current.ok) return current;
      return ok(await host.view(current.value.dir, current.value.project, await annotator()));
    },

    pollChanges: async ({ since }) => {
      const who = await annotator();
      const dir = host.projectPath();
      if (dir === null || who === null) {
        return ok({ cursor: since, changes: [], readOnly: false, readOnlyReason: null });
      }
      const watcher = await host.watch(dir, who);
      const before = host.lockReason();
      const reason = await host.lockStatus(host.projectPath() ?? dir, who);
      // The other window closed (or took over): the UI reloads the project view.
      if ((before === null) !== (reason === null)) watcher.push('project', null);
      const { changes, cursor } = watcher.changesSince(since);
      const seen = new Set<string>();
      const unique = changes
        .map(({ kind, docId }) => ({ kind, docId }))
        .filter((c) => {
          const k = `${c.kind}:${c.docId ?? ''}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
      return ok({ cursor, changes: unique, readOnly: reason !== null, readOnlyReason: reason, readOnlyKind: reason === null ? null : host.readOnlyKind() });
    },
  };
}
