import { appStore, setOverlay } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { FIXED_SHORTCUTS } from './shortcutList';
import { Dialog } from '../ui/Dialog';
import { LabelChip } from '../ui/LabelChip';

export function ShortcutsOverlay() {
  const labels = useStore(appStore, (s) => s.project?.labels ?? []);
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcuts-overlay" wide>
      <table className="shortcuts">
        <tbody>
          {labels.map((l) => (
            <tr key={l.id}>
              <td>{l.hotkeys.length ? l.hotkeys.map((k) => <kbd key={k}>{k}</kbd>) : <em>no key</em>}</td>
              <td>
                Tag the selected text as <LabelChip name={l.name} color={l.color} />,
                or change the selected span to it
              </td>
            </tr>
          ))}
          {FIXED_SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' or '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts do not act while you type in a field. Selections snap to whole words unless Alt is held.</p>
      <p>
        <button type="button" data-testid="about-button" onClick={() => setOverlay('about')}>
          About Factmark and its suggestion model…
        </button>
      </p>
    </Dialog>
  );
}
