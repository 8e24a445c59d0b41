import { appStore } from '../stores/appStore';
import { useStore } from '../stores/createStore';
import { FirstStartScreen } from '../project/AnnotatorPrompt';
import { ArticlePane } from '../article/ArticlePane';
import { DocumentList } from '../project/DocumentList';
import { ConflictDialog } from '../history/ConflictDialog';
import { ExportDialog } from '../export/ExportDialog';
import { HistoryDialog } from '../history/HistoryDialog';
import { ImportDatasetDialog } from '../import/ImportDatasetDialog';
import { LabelPalette } from '../article/LabelPalette';
import { LockBanner } from '../history/LockBanner';
import { ProblemsBanner } from '../project/ProblemsBanner';
import { AnnotatorDialog, NewProjectDialog, OpenProjectDialog } from '../project/ProjectDialogs';
import { ProjectErrorScreen } from '../project/ProjectErrorScreen';
import { ShortcutsOverlay } from '../keyboard/ShortcutsOverlay';
import { SchemaEditor } from '../schema/SchemaEditor';
import { AgreementScreen } from '../agreement/AgreementScreen';
import { ReviewScreen } from '../review/ReviewScreen';
import { SpanPanel } from '../article/SpanPanel';
import { Toasts } from '../ui/Toasts';
import { TopBar } from './TopBar';
import { SyncDialogs } from '../sync/SyncDialogs';
import { ConfirmDialog } from '../confirm/ConfirmDialog';
import { Workspace } from '../layout/Workspace';
import { AcceptAllDialog } from '../suggestions/AcceptAllDialog';
import { AboutDialog } from './AboutDialog';

function Overlays() {
  const overlay = useStore(appStore, (s) => s.overlay);
  const hasProject = useStore(appStore, (s) => s.project !== null);
  if (overlay === 'shortcuts') return <ShortcutsOverlay />;
  if (overlay === 'export' && hasProject) return <ExportDialog />;
  if (overlay === 'import-dataset' && hasProject) return <ImportDatasetDialog />;
  if (overlay === 'open-project') return <OpenProjectDialog />;
  if (overlay === 'new-project') return <NewProjectDialog />;
  if (overlay === 'annotator') return <AnnotatorDialog />;
  if (overlay === 'history' && hasProject) return <HistoryDialog />;
  if (overlay === 'schema' && hasProject) return <SchemaEditor />;
  if (overlay === 'agreement' && hasProject) return <AgreementScreen />;
  if (overlay === 'review' && hasProject) return <ReviewScreen />;
  if (overlay === 'confirm') return <ConfirmDialog />;
  if (overlay === 'accept-all' && hasProject) return <AcceptAllDialog />;
  if (overlay === 'about') return <AboutDialog />;
  return null;
}

function Screen() {
  const phase = useStore(appStore, (s) => s.phase);
  const fatal = useStore(appStore, (s) => s.fatalMessage);
  const session = useStore(appStore, (s) => s.session);
  const project = useStore(appStore, (s) => s.project);
  const projectError = useStore(appStore, (s) => s.projectError);

  if (phase === 'starting') return <main className="center-screen muted">Starting Factmark…</main>;
  if (phase === 'fatal' || !session) {
    return (
      <main className="center-screen">
        <div className="card" role="alert">
          <h1>Factmark cannot start</h1>
          <p>{fatal ?? 'The Factmark services did not answer.'}</p>
          <button type="button" onClick={() => location.reload()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!session.annotator) return <FirstStartScreen suggested={session.suggestedAnnotator} />;
  if (!project) {
    return (
      <ProjectErrorScreen error={projectError ?? { message: 'No project is open. Open the sample project or another one.' }} />
    );
  }
  return (
    <div className="app-shell">
      <TopBar />
      {/* Notices and the palette sit in a landmark of their own (the main one is the article). */}
      <section className="notices-and-labels" aria-label="Labels and notices">
        <LockBanner />
        <ProblemsBanner />
        <LabelPalette />
      </section>
      <Workspace>
        <DocumentList />
        <ArticlePane />
        <SpanPanel />
      </Workspace>
    </div>
  );
}

export function App() {
  return (
    <>
      <Screen />
      <Overlays />
      <ConflictDialog />
      <SyncDialogs />
      <Toasts />
    </>
  );
}
