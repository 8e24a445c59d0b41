import { useEffect, useRef, useState } from 'react';
import { appStore, setOverlay } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { openImportPicker, openProjectAt, openProjectCommand, openSampleProject } from '../controller';
import { SyncButton } from '../sync/SyncButton';

function RecentMenu({ recent }: { recent: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Recent ▸
      </button>
      {open && (
        <ul className="menu-list" role="menu">
          {recent.length === 0 && <li className="menu-empty">No recent projects yet.</li>}
          {recent.map((path) => (
            <li key={path} role="none">
              <button
                type="button"
                role="menuitem"
                title={path}
                onClick={() => {
                  setOpen(false);
                  void openProjectAt(path);
                }}
              >
                {path}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function TopBar() {
  const project = useStore(appStore, (s) => s.project);
  const session = useStore(appStore, (s) => s.session);
  return (
    <header className="top-bar">
      <div className="brand" aria-hidden="true">
        ◆
      </div>
      <h1 className="project-name" title={project?.path}>
        {project?.name ?? 'No project'}
        {project?.isSample && <span className="tag">sample</span>}
      </h1>
      <nav className="top-actions" aria-label="Project">
        {/* Short visible words so the bar stays on one line; the full names are the accessible ones. */}
        <button type="button" aria-label="New project" title="New project" onClick={() => setOverlay('new-project')}>
          New…
        </button>
        <button type="button" aria-label="Open project" title="Open a project folder" onClick={() => void openProjectCommand()}>
          Open…
        </button>
        <RecentMenu recent={session?.recentProjects ?? []} />
        <button type="button" aria-label="Open sample" title="Open the sample project (Aleppo, late 2024)" onClick={() => void openSampleProject()}>
          Sample
        </button>
        <span className="separator" aria-hidden="true" />
        <button type="button" onClick={openImportPicker} disabled={!project}>
          Import
        </button>
        <button type="button" data-testid="open-export" onClick={() => setOverlay('export')} disabled={!project}>
          Export
        </button>
        <button type="button" data-testid="open-schema" onClick={() => setOverlay('schema')} disabled={!project} title="Labels, attributes, hotkeys and relation types">
          Schema
        </button>
        <button type="button" data-testid="open-agreement" onClick={() => setOverlay('agreement')} disabled={!project} title="Agreement between annotators, and adjudication into a gold set">
          Agreement
        </button>
        <button type="button" data-testid="open-review" onClick={() => setOverlay('review')} disabled={!project} title="Compare claims across documents: clusters, numbers that disagree, attribution (V)">
          Review
        </button>
        <SyncButton />
      </nav>
      <div className="top-right">
        <button
          type="button"
          className="annotator-button"
          title="Change the annotator name"
          onClick={() => setOverlay('annotator')}
        >
          <svg className="person-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="5" r="3" fill="currentColor" />
            <path d="M2 15c0-3.3 2.7-5.5 6-5.5s6 2.2 6 5.5z" fill="currentColor" />
          </svg>{' '}
          {session?.annotator ?? 'No annotator'}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => setOverlay('shortcuts')}
        >
          ?
        </button>
      </div>
    </header>
  );
}
