import { useEffect, useMemo, useState } from 'react';
import type { SyncConflictFile, SyncConflictView, SyncResolutionChoice } from '../../../shared/api/syncViews';
import { describeOutcome } from '../../../shared/sync/describeSync';
import { Dialog } from '../ui/Dialog';
import { useStore } from '../stores/createStore';
import { openSyncDialog, resolveSync, runSync, setBlind, setRemote } from './syncActions';
import { syncStore } from './syncStore';

const close = () => openSyncDialog(null);
const SHOWN_CHARS = 40_000;

/** Remote, blind mode and the repository's state. */
function SyncSettingsDialog() {
  const status = useStore(syncStore, (s) => s.status);
  const busy = useStore(syncStore, (s) => s.busy);
  const [url, setUrl] = useState(status?.remote ?? '');
  const [error, setError] = useState<string | null>(null);
  // Shown at once when clicked; the project setting is written, then the status follows.
  const [blind, setBlindShown] = useState(status?.blind ?? false);
  useEffect(() => setBlindShown(status?.blind ?? false), [status?.blind]);
  const shared = status?.isRepo === true && status.remote !== null;
  const submit = async () => {
    setError(null);
    const problem = await setRemote(url);
    if (problem) setError(problem);
  };
  return (
    <Dialog title="Sync with a git remote" testId="sync-settings-dialog" onClose={close} wide>
      <div className="sync-form">
        {status?.message && <p className="muted" data-testid="sync-message">{status.message}</p>}
        {status?.isRepo && (
          <p className="muted">
            Branch <strong>{status.branch ?? '(none)'}</strong>
            {status.remote && (
              <>
                {' '}
                · {status.ahead} commit{status.ahead === 1 ? '' : 's'} to send · {status.behind} to bring in (as of the last fetch)
              </>
            )}{' '}
            · changed: {status.changes.mine.length} of your annotation files, {status.changes.project.length} project files
          </p>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor="sync-remote">Remote</label>
          <input
            id="sync-remote"
            type="text"
            name="remote"
            value={url}
            spellCheck={false}
            placeholder="https://…, git@host:team/project.git, or /path/to/shared/folder"
            onChange={(e) => setUrl(e.target.value)}
          />
          <p className="muted">
            Any git remote: a URL, or the path of a folder on a shared drive (an empty or new folder becomes a shared repository). The project
            becomes a git repository if it is not one. Sync commits only your own annotation files and the project files.
          </p>
          <div className="button-row">
            <button type="submit" className={shared ? '' : 'primary'} disabled={busy || url.trim() === ''} data-testid="sync-set-remote">
              Set remote
            </button>
            {shared && (
              <button type="button" className="primary" disabled={busy} data-testid="sync-now" onClick={() => void runSync()}>
                Sync now
              </button>
            )}
          </div>
        </form>
        <label className="checkbox-line">
          <input
            type="checkbox"
            data-testid="sync-blind"
            checked={blind}
            onChange={async (e) => {
              const next = e.target.checked;
              setBlindShown(next);
              const problem = await setBlind(next);
              if (problem) setBlindShown(!next);
              setError(problem);
            }}
          />{' '}
          Blind mode: an annotator does not see other annotators&apos; annotations of a document until they mark it done (a project setting,
          shared with the next sync).
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}

/** What the last sync did and brought in. */
function SyncSummaryDialog() {
  const outcome = useStore(syncStore, (s) => s.outcome);
  if (!outcome || outcome.state !== 'synced') return null;
  return (
    <Dialog title="Synced" testId="sync-summary" onClose={close}>
      <div className="sync-summary">
        <ul>
          {describeOutcome(outcome).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
        <div className="button-row">
          <button type="button" className="primary" data-testid="sync-summary-close" onClick={close}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

/** One side of a conflicted file, lines the other side lacks marked. */
function Side({ title, text, other, testId }: { title: string; text: string | null; other: string | null; testId: string }) {
  const otherLines = useMemo(() => new Set((other ?? '').split('\n')), [other]);
  if (text === null) {
    return (
      <div>
        <h4>{title}</h4>
        <pre data-testid={testId}>(deleted)</pre>
      </div>
    );
  }
  const shown = text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}\n…` : text;
  return (
    <div>
      <h4>{title}</h4>
      <pre data-testid={testId}>
        {shown.split('\n').map((line, i) => (
          <div key={i} className={otherLines.has(line) ? undefined : 'sync-diff-line'}>
            {line || ' '}
          </div>
        ))}
      </pre>
    </div>
  );
}

interface Choice {
  choice: SyncResolutionChoice;
  content: string;
}

function ConflictFile({ file, value, onChange }: { file: SyncConflictFile; value: Choice | undefined; onChange: (c: Choice) => void }) {
  const json = file.path.endsWith('.json');
  const start = file.merged ?? file.mine ?? file.theirs ?? '';
  return (
    <section className="sync-conflict-file" data-testid="sync-conflict-file" data-path={file.path}>
      <h3>{file.path}</h3>
      <div className="sync-sides">
        <Side title="Mine (what you have now)" text={file.mine} other={file.theirs} testId="sync-mine" />
        <Side title="Theirs (from the remote)" text={file.theirs} other={file.mine} testId="sync-theirs" />
      </div>
      <div className="sync-choice-row" role="radiogroup" aria-label={`Version of ${file.path}`}>
        <label>
          <input type="radio" name={`choice-${file.path}`} checked={value?.choice === 'mine'} onChange={() => onChange({ choice: 'mine', content: '' })} data-testid="sync-choose-mine" /> Keep mine
        </label>
        <label>
          <input type="radio" name={`choice-${file.path}`} checked={value?.choice === 'theirs'} onChange={() => onChange({ choice: 'theirs', content: '' })} data-testid="sync-choose-theirs" /> Take theirs
        </label>
        {json && (
          <label>
            <input type="radio" name={`choice-${file.path}`} checked={value?.choice === 'merged'} onChange={() => onChange({ choice: 'merged', content: start })} data-testid="sync-choose-merged" />{' '}
            {file.merged !== null ? 'Combine both (check it below)' : 'Edit a combined version'}
          </label>
        )}
      </div>
      {value?.choice === 'merged' && (
        <div className="sync-merged">
          <h4>Combined version (edit it if needed; it is checked before it is used)</h4>
          {file.mergeNotes.length > 0 && <p className="muted">Both sides changed {file.mergeNotes.join(', ')}: yours is kept there.</p>}
          <textarea aria-label={`Combined ${file.path}`} data-testid="sync-merged-text" rows={12} spellCheck={false} value={value.content} onChange={(e) => onChange({ choice: 'merged', content: e.target.value })} />
        </div>
      )}
    </section>
  );
}

/** Files both sides changed: mine / theirs side by side, a choice per file, then confirm. */
function SyncConflictDialog({ conflict }: { conflict: SyncConflictView }) {
  const busy = useStore(syncStore, (s) => s.busy);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [error, setError] = useState<string | null>(null);
  const ready = conflict.files.every((f) => choices[f.path] !== undefined);
  const confirm = async () => {
    setError(null);
    const resolutions = conflict.files.map((f) => {
      const c = choices[f.path] as Choice;
      return c.choice === 'merged' ? { path: f.path, choice: c.choice, content: c.content } : { path: f.path, choice: c.choice };
    });
    setError(await resolveSync(resolutions));
  };
  return (
    <Dialog title="Sync stopped: settle the conflicting files" testId="sync-conflict-dialog" onClose={close} wide>
      <p>{conflict.message}</p>
      {conflict.files.map((f) => (
        <ConflictFile key={f.path} file={f} value={choices[f.path]} onChange={(c) => setChoices((all) => ({ ...all, [f.path]: c }))} />
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row dialog-footer">
        <button type="button" className="primary" disabled={!ready || busy} data-testid="sync-confirm" onClick={() => void confirm()}>
          Confirm and finish the sync
        </button>
        <button
          type="button"
          disabled={busy}
          data-testid="sync-abort"
          title="Undo the merge; your changes stay committed here, unsent"
          onClick={async () => setError(await resolveSync([], true))}
        >
          Give up this merge
        </button>
        <button type="button" onClick={close}>
          Later
        </button>
      </div>
    </Dialog>
  );
}

/** Whichever sync dialog is open. */
export function SyncDialogs() {
  const dialog = useStore(syncStore, (s) => s.dialog);
  const outcome = useStore(syncStore, (s) => s.outcome);
  const pending = useStore(syncStore, (s) => s.status?.conflict ?? null);
  if (dialog === 'settings') return <SyncSettingsDialog />;
  if (dialog === 'summary') return <SyncSummaryDialog />;
  if (dialog === 'conflict') {
    const conflict = outcome?.state === 'conflict' ? outcome.conflict : pending;
    return conflict ? <SyncConflictDialog conflict={conflict} /> : null;
  }
  return null;
}
