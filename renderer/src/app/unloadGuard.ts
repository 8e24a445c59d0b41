import { isElectron } from '../bridge';
import { documentStore } from '../stores/appDocumentStore';

/**
 * Closing with unsaved changes: ask the browser to hold the page, save, and (Electron, which
 * cancels a close silently) close the window once the save is done.
 */
export function installUnloadGuard(): () => void {
  let closingAfterFlush = false;
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!documentStore.hasUnsaved()) return;
    event.preventDefault();
    event.returnValue = '';
    if (closingAfterFlush) return;
    closingAfterFlush = true;
    void documentStore.flush().then((saved) => {
      closingAfterFlush = false;
      if (saved && isElectron()) window.close();
    });
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
