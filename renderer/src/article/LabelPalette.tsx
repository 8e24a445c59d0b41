import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { applyLabel } from './taggingActions';
import { documentStore } from '../stores/appDocumentStore';

/** The project's labels with their keys; clicking one tags the selection (or relabels the span). */
export function LabelPalette() {
  const labels = useStore(appStore, (s) => s.project?.labels);
  const hasSelection = useStore(appStore, (s) => s.hasTextSelection);
  const hasSpan = useStore(documentStore, (s) => s.doc?.selectedSpanId != null);
  const hasDoc = useStore(documentStore, (s) => s.doc !== null);
  const readOnly = useStore(documentStore, (s) => (s.doc?.textChanged ?? true) || s.lockedReason !== null);
  const hint = !hasDoc
    ? 'Open a document to start tagging.'
    : readOnly
      ? 'Tagging is disabled for this document.'
    : hasSelection
      ? 'Press a label key (hold Alt for the exact selection) or click a label to tag the selection.'
      : hasSpan
        ? 'Press a label key to change the selected span’s label, Delete to remove it.'
        : 'Select text in the article, then press a label key.';
  return (
    <div className="label-palette" data-testid="label-palette" role="toolbar" aria-label="Labels">
      {labels?.map((l) => (
        <button
          key={l.id}
          type="button"
          className="label-button"
          data-label={l.id}
          disabled={readOnly}
          // Keep the article's text selection: do not take focus on mouse down.
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => applyLabel(l, e.altKey)}
          title={`Tag as ${l.name}${l.hotkeys.length ? ` (${l.hotkeys.join(' or ')})` : ''}`}
        >
          <span className="swatch" style={{ backgroundColor: l.color }} aria-hidden="true" />
          <span>{l.name}</span>
          {l.hotkeys.map((k) => (
            <kbd key={k}>{k}</kbd>
          ))}
        </button>
      ))}
      <span className="palette-hint" title={hint}>
        {hint}
      </span>
    </div>
  );
}
