import { useState } from 'react';
import { useStore } from '../stores/createStore';
import type { ConflictChoice } from '../stores/documentStore';
import { resolveConflict } from './historyActions';
import { documentStore } from '../stores/appDocumentStore';
import { Dialog } from '../ui/Dialog';

const CHOICES: { choice: ConflictChoice; label: string; explain: string }[] = [
  { choice: 'mine', label: 'Keep mine', explain: 'Save your version over the one on disk (that one is kept in History).' },
  { choice: 'theirs', label: 'Take theirs', explain: 'Load the version on disk (yours is kept in History).' },
  { choice: 'both', label: 'Keep both', explain: 'Save the spans of both versions together, each span once.' },
];

/** The open document changed on disk while it had unsaved edits: never overwrite silently, ask. */
export function ConflictDialog() {
  const conflict = useStore(documentStore, (s) => s.conflict);
  const title = useStore(documentStore, (s) => s.doc?.meta.title || s.doc?.docId || 'this document');
  const [busy, setBusy] = useState(false);
  if (!conflict) return null;
  const choose = async (choice: ConflictChoice) => {
    setBusy(true);
    await resolveConflict(choice);
    setBusy(false);
  };
  return (
    // Closing without a choice is not offered: the edits would stay unsaveable.
    <Dialog title={`“${title}” changed on disk`} testId="conflict-dialog" onClose={() => undefined}>
      <p>{conflict.message} Which version do you want to keep?</p>
      <div className="conflict-choices">
        {CHOICES.map(({ choice, label, explain }) => (
          <button key={choice} type="button" data-testid={`conflict-${choice}`} disabled={busy} onClick={() => void choose(choice)}>
            <strong>{label}</strong>
            <span className="muted">{explain}</span>
          </button>
        ))}
      </div>
    </Dialog>
  );
}
