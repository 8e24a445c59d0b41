import type { ExportReport } from '../../../shared/api/views';
import type { ExportOptionsInput } from '../../../shared/formats/exportOptions';
import type { ErrorCode, Result } from '../../../shared/api/result';
import { selectSpan } from '../article/taggingActions';
import { bridge } from '../bridge';
import { openDocument } from '../project/documentActions';
import { setOverlay, showToast } from '../stores/appStore';
import { documentStore } from '../stores/appDocumentStore';

/** What the export dialog does: check, preview and run an export, and jump to a problem it found. */

export async function runExport(
  options: Omit<ExportOptionsInput, 'outPath'> & { outPath: string },
  onProgress: (done: number, total: number) => void = () => undefined,
  onStarted: (jobId: string) => void = () => undefined,
): Promise<Result<ExportReport>> {
  // Export what is on screen: save the open document first.
  if (!(await documentStore.flush())) {
    return { ok: false as const, error: { code: 'io' as const, message: 'The open document could not be saved, so the export would miss your latest changes. Retry the save first.' } };
  }
  const outPath = options.outPath.trim();
  // Started in the background and polled, so a long export shows its progress (IPC and HTTP alike).
  const started = await bridge.startExport({ ...options, outPath: outPath || undefined });
  if (!started.ok) return started;
  onStarted(started.value.jobId);
  for (;;) {
    const status = await bridge.exportStatus({ jobId: started.value.jobId });
    if (!status.ok) return status;
    const s = status.value;
    onProgress(s.done, s.total);
    if (s.finished) {
      if (s.result) return { ok: true as const, value: s.result };
      return { ok: false as const, error: { code: (s.error?.code ?? 'internal') as ErrorCode, message: s.error?.message ?? 'The export ended without a result.' } };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The check before an export: what the documents it would hold lack (claimants, values, required attributes). */
export async function checkExport(options: Omit<ExportOptionsInput, 'outPath'>) {
  // Check what is on screen: save the open document first.
  await documentStore.flush();
  return bridge.checkExport(options);
}

/** "Jump to" a problem: close the dialog, open the document (when it is this annotator's) and select the span. */
export async function jumpToSpan(docId: string, spanId: string): Promise<void> {
  setOverlay(null);
  await openDocument(docId);
  if (documentStore.get().doc?.history.present.spans.some((s) => s.id === spanId)) selectSpan(spanId, true);
  else showToast('That span is in another annotator’s annotations of this document; open the project as that annotator to fix it.');
}

/** The first record of an export with these options, as it would be written. */
export function previewExport(options: Omit<ExportOptionsInput, 'outPath'>) {
  return bridge.previewExport(options);
}
