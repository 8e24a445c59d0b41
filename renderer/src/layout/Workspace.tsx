import type { ReactNode } from 'react';
import { useStore } from '../stores/createStore';
import { paneLayout, setPaneLayout } from './paneLayout';

/** Width of a collapsed side pane (its rail with the button that opens it again). */
const RAIL = '2.25rem';

/** The three columns: documents, article, spans; either side pane can be collapsed to a rail. */
export function Workspace({ children }: { children: ReactNode }) {
  const docs = useStore(paneLayout, (s) => s.documentsCollapsed);
  const spans = useStore(paneLayout, (s) => s.spansCollapsed);
  const columns = `${docs ? RAIL : 'minmax(12rem, 17.5rem)'} minmax(0, 1fr) ${spans ? RAIL : 'minmax(14rem, 19rem)'}`;
  return (
    <div className="workspace" style={{ gridTemplateColumns: columns }}>
      {children}
    </div>
  );
}

/** The button on a collapsed pane's rail (vertical text) or in an open pane's header. */
export function PaneToggle({ pane, name, count, collapsed }: { pane: 'documents' | 'spans'; name: string; count?: number; collapsed: boolean }) {
  const key = pane === 'documents' ? 'documentsCollapsed' : 'spansCollapsed';
  const pointsTo = (pane === 'documents') === collapsed ? '›' : '‹';
  return (
    <button
      type="button"
      className={collapsed ? 'rail-button' : 'pane-collapse icon-button'}
      data-testid={`${pane}-pane-toggle`}
      aria-expanded={!collapsed}
      // Collapsed, the button's name is its visible words ("Documents · 5"); open, only an arrow shows.
      aria-label={collapsed ? undefined : `Hide the ${name.toLowerCase()}`}
      title={collapsed ? `Show the ${name.toLowerCase()}` : `Hide the ${name.toLowerCase()} (more room for the article)`}
      onClick={() => setPaneLayout({ [key]: !collapsed })}
    >
      <span aria-hidden="true">{pointsTo}</span>
      {collapsed && (
        <span className="rail-label">
          {name}
          {count !== undefined ? ` · ${count}` : ''}
        </span>
      )}
    </button>
  );
}
