import { useState, type FormEvent } from 'react';
import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { chooseFolder, createProjectAt, openProjectAt } from './projectActions';
import { AnnotatorForm } from './AnnotatorPrompt';
import { Dialog } from '../ui/Dialog';

/** Opening a project by path, for the browser (no native folder dialog there). */
export function OpenProjectDialog() {
  const recent = useStore(appStore, (s) => s.session?.recentProjects ?? []);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async (target: string) => {
    setBusy(true);
    setError(await openProjectAt(target, true));
    setBusy(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void open(path.trim());
  };
  return (
    <Dialog title="Open a project">
      <form className="form-grid" onSubmit={submit}>
        <label htmlFor="open-path">Project folder</label>
        <input
          id="open-path"
          name="path"
          value={path}
          placeholder="/path/to/project (the folder holding project.json)"
          onChange={(e) => setPath(e.target.value)}
        />
        {error && (
          <p className="form-error form-wide" role="alert">
            {error}
          </p>
        )}
        <div className="button-row form-wide dialog-footer">
          <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
            Open
          </button>
        </div>
      </form>
      {recent.length > 0 && (
        <>
          <h3>Recent projects</h3>
          <ul className="recent-list">
            {recent.map((p) => (
              <li key={p}>
                <button type="button" className="link-button" onClick={() => void open(p)} disabled={busy}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}

export function NewProjectDialog() {
  const native = useStore(appStore, (s) => s.session?.nativeDialogs ?? false);
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(await createProjectAt(path.trim(), name.trim()));
    setBusy(false);
  };
  return (
    <Dialog title="New project">
      <form className="form-grid" onSubmit={submit}>
        <label htmlFor="new-name">Name</label>
        <input id="new-name" name="name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="new-path">Folder</label>
        <div className="input-with-button">
          <input
            id="new-path"
            name="path"
            value={path}
            placeholder="/path/to/new-project (an empty or new folder)"
            onChange={(e) => setPath(e.target.value)}
          />
          {native && (
            <button
              type="button"
              onClick={async () => {
                const chosen = await chooseFolder('create');
                if (chosen) setPath(chosen);
              }}
            >
              Choose…
            </button>
          )}
        </div>
        <p className="muted form-wide">The project starts with the labels Claim, Actor and Number; import articles into it afterwards.</p>
        {error && (
          <p className="form-error form-wide" role="alert">
            {error}
          </p>
        )}
        <div className="button-row form-wide dialog-footer">
          <button type="submit" className="primary" disabled={busy || !name.trim() || !path.trim()}>
            Create project
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function AnnotatorDialog() {
  const current = useStore(appStore, (s) => s.session?.annotator ?? s.session?.suggestedAnnotator ?? '');
  return (
    <Dialog title="Annotator name">
      <AnnotatorForm
        initial={current}
        intro="Annotations are kept per annotator: switching the name shows that annotator’s spans and statuses."
      />
    </Dialog>
  );
}
