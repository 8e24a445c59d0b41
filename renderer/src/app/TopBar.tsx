import { appStore, setOverlay } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { openImportPicker } from '../import/importActions';
import { openProjectAt, openProjectCommand, openSampleProject } from '../project/projectActions';
import { SyncButton } from '../sync/SyncButton';
import { MenuButton, type MenuEntry } from './MenuButton';

/**
 * The bar stays one row on any window. Buttons of priority 2 (the project commands) leave the bar
 * for the "More" menu below 1180 px of width, priority 3 (Import and the project screens) below
 * 900 px (150 % zoom of a 1024 px window is 683 px); Export, Sync, the annotator and ? stay.
 * Each button exists once in the bar and once in the menu; CSS shows one of the two (.tb-p2/.tb-p3,
 * .menu-p2/.menu-p3), so nothing is measured and nothing jumps.
 */
export function TopBar() {
  const project = useStore(appStore, (s) => s.project);
  const session = useStore(appStore, (s) => s.session);
  const noProject = !project;
  const recent = session?.recentProjects ?? [];
  const more: MenuEntry[] = [
    { key: 'new', label: 'New project…', className: 'menu-p2', group: 'Project', onSelect: () => setOverlay('new-project') },
    { key: 'open', label: 'Open project…', className: 'menu-p2', onSelect: () => void openProjectCommand() },
    { key: 'sample', label: 'Open the sample project', className: 'menu-p2', onSelect: () => void openSampleProject() },
    ...recent.map((path, i) => ({
      key: `recent-${path}`,
      label: path,
      title: path,
      className: 'menu-p2',
      ...(i === 0 ? { group: 'Recent projects' } : {}),
      onSelect: () => void openProjectAt(path),
    })),
    { key: 'import', label: 'Import files…', className: 'menu-p3', group: 'This project', disabled: noProject, onSelect: openImportPicker },
    { key: 'schema', label: 'Label schema…', className: 'menu-p3', disabled: noProject, onSelect: () => setOverlay('schema') },
    { key: 'agreement', label: 'Agreement…', className: 'menu-p3', disabled: noProject, onSelect: () => setOverlay('agreement') },
    { key: 'review', label: 'Review claims…', className: 'menu-p3', disabled: noProject, onSelect: () => setOverlay('review') },
  ];
  const recentEntries: MenuEntry[] = recent.map((path) => ({ key: path, label: path, title: path, onSelect: () => void openProjectAt(path) }));
  return (
    <header className="top-bar">
      <div className="brand" aria-hidden="true">
        ◆
      </div>
      <h1 className="project-name" title={project?.path} dir="auto">
        {project?.name ?? 'No project'}
        {project?.isSample && <span className="tag">sample</span>}
      </h1>
      <nav className="top-actions" aria-label="Project">
        {/* Short visible words so the bar stays on one line; the full names are the accessible ones. */}
        <button type="button" className="tb-p2" aria-label="New project" title="New project" onClick={() => setOverlay('new-project')}>
          New…
        </button>
        <button type="button" className="tb-p2" aria-label="Open project" title="Open a project folder" onClick={() => void openProjectCommand()}>
          Open…
        </button>
        <MenuButton className="tb-p2" label="Recent projects" buttonContent="Recent ▸" entries={recentEntries} emptyText="No recent projects yet." />
        <button type="button" className="tb-p2" aria-label="Open sample" title="Open the sample project (Aleppo, late 2024)" onClick={() => void openSampleProject()}>
          Sample
        </button>
        <span className="separator tb-p2" aria-hidden="true" />
        <button type="button" className="tb-p3" onClick={openImportPicker} disabled={noProject}>
          Import
        </button>
        <button type="button" data-testid="open-export" onClick={() => setOverlay('export')} disabled={noProject} title="Export annotations (Ctrl+E)" aria-keyshortcuts="Control+E">
          Export
        </button>
        <button type="button" className="tb-p3" data-testid="open-schema" onClick={() => setOverlay('schema')} disabled={noProject} title="Labels, attributes, hotkeys and relation types">
          Schema
        </button>
        <button type="button" className="tb-p3" data-testid="open-agreement" onClick={() => setOverlay('agreement')} disabled={noProject} title="Agreement between annotators, and adjudication into a gold set">
          Agreement
        </button>
        <button type="button" className="tb-p3" data-testid="open-review" onClick={() => setOverlay('review')} disabled={noProject} title="Compare claims across documents: clusters, numbers that disagree, attribution (V)">
          Review
        </button>
        <SyncButton />
        <MenuButton className="tb-more" label="More commands" buttonContent="More ▾" entries={more} testId="top-more" />
      </nav>
      <div className="top-right">
        <button type="button" className="annotator-button" title="Change the annotator name" aria-label={`Annotator: ${session?.annotator ?? 'none'} (change)`} onClick={() => setOverlay('annotator')}>
          <svg className="person-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="5" r="3" fill="currentColor" />
            <path d="M2 15c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5z" fill="currentColor" />
          </svg>{' '}
          <span className="annotator-name" dir="auto">
            {session?.annotator ?? 'No annotator'}
          </span>
        </button>
        <button type="button" className="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setOverlay('shortcuts')}>
          ?
        </button>
      </div>
    </header>
  );
}
