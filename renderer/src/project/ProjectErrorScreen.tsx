import { openProjectCommand, openSampleProject } from './projectActions';

/** Shown when the last project could not be opened: what failed, where, and the ways out. */
export function ProjectErrorScreen({ error }: { error: { message: string; file?: string } }) {
  // Messages start with the file's full path, which is shown on its own line below: name it shortly here.
  const prefix = error.file ? `${error.file}: ` : null;
  const message =
    prefix && error.message.startsWith(prefix)
      ? `${error.file?.split(/[\\/]/).pop() ?? ''}: ${error.message.slice(prefix.length)}`
      : error.message;
  return (
    <main className="center-screen">
      <div className="card" data-testid="project-error" role="alert">
        <h1>The project could not be opened</h1>
        <p>{message}</p>
        {error.file && (
          <p>
            File: <code className="path">{error.file}</code>
          </p>
        )}
        <div className="button-row">
          <button type="button" className="primary" onClick={() => void openSampleProject()}>
            Open sample project
          </button>
          <button type="button" onClick={() => void openProjectCommand()}>
            Open another project
          </button>
        </div>
      </div>
    </main>
  );
}
