import { openProjectCommand, openSampleProject } from '../controller';

/** Shown when the last project could not be opened: what failed, where, and the ways out. */
export function ProjectErrorScreen({ error }: { error: { message: string; file?: string } }) {
  return (
    <main className="center-screen">
      <div className="card" data-testid="project-error" role="alert">
        <h1>The project could not be opened</h1>
        <p>{error.message}</p>
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
