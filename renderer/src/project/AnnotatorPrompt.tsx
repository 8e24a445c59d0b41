import { useState, type FormEvent } from 'react';
import { saveAnnotator } from './projectActions';

/** Asks for the annotator's name: once on first start, and whenever the user changes it. */
export function AnnotatorForm({ initial, intro }: { initial: string; intro: string }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const problem = await saveAnnotator(name.trim());
    setBusy(false);
    setError(problem);
  };
  return (
    <form className="annotator-form" data-testid="annotator-prompt" onSubmit={submit}>
      <p>{intro}</p>
      <label htmlFor="annotator-name">Your name</label>
      <input
        id="annotator-name"
        name="annotator"
        value={name}
        autoComplete="username"
        maxLength={64}
        onChange={(e) => setName(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={error ? 'annotator-error' : undefined}
      />
      {error && (
        <p id="annotator-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="annotator-save" disabled={busy || name.trim() === ''}>
        {busy ? 'Saving…' : 'Continue'}
      </button>
    </form>
  );
}

export function FirstStartScreen({ suggested }: { suggested: string }) {
  return (
    <main className="center-screen">
      <div className="card">
        <h1>Welcome to Factmark</h1>
        <AnnotatorForm
          initial={suggested}
          intro="Your annotations are saved under your name, so that several people can annotate the same project. Letters, digits, spaces, dots, - and _ are allowed."
        />
      </div>
    </main>
  );
}
