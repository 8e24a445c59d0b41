import type { DatasetImportReport } from '../../../shared/api/views';
import type { ErrorCode, Result } from '../../../shared/api/result';
import { MAX_IMPORT_BYTES } from '../../../shared/api/contract';
import type { LabelDecision } from '../../../shared/formats/labelMapping';
import { bridge } from '../bridge';
import { openDocument } from '../project/documentActions';
import { setOverlay, showToast, toastError } from '../stores/appStore';
import { importStore } from './importStore';
import { documentStore, setProject } from '../stores/appDocumentStore';
import { bytesToBase64 } from '../support/base64';

/** What importing does: plain documents at once, datasets through the import dialog. */

/** Files that carry annotations or need extraction go through the dataset importer. */
// .conf (brat's configuration), .conll and .csv (Factmark's own exports) go to the dialog, which says why they are not documents.
const DATASET_FILE = /\.(html?|json|jsonl|jsonld|ndjson|ann|conf|conll|csv)$/i;
const IMPORTABLE_FILE = /\.(txt|md|markdown|html?|json|jsonl|jsonld|ndjson|ann|conf|conll|csv)$/i;

/** The picked files a pattern accepts, read as base64; each refused one is named in a toast. */
async function readPickedFiles(files: readonly File[], accepts: RegExp): Promise<{ name: string; base64: string }[]> {
  const accepted: { name: string; base64: string }[] = [];
  for (const file of files) {
    if (!accepts.test(file.name)) {
      showToast(`${file.name} was not imported: Factmark imports .txt, .md, .html, .jsonl, .json/.jsonld (Label Studio, doccano, W3C) and brat .ann files.`, 'error');
    } else if (file.size > MAX_IMPORT_BYTES) {
      showToast(`${file.name} was not imported: it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, 'error');
    } else {
      accepted.push({ name: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) });
    }
  }
  return accepted;
}

export async function importFiles(files: readonly File[]): Promise<void> {
  if (files.some((f) => DATASET_FILE.test(f.name))) {
    await inspectDatasetFiles(files);
    return;
  }
  const accepted = await readPickedFiles(files, /\.(txt|md)$/i);
  if (accepted.length === 0) return;
  const result = await bridge.importDocuments({ files: accepted });
  if (!result.ok) {
    toastError(result);
    return;
  }
  setProject(result.value.project);
  const imported = result.value.results.filter((r) => r.ok);
  for (const r of result.value.results) {
    if (!r.ok) showToast(r.error ?? `${r.name} was not imported.`, 'error');
    else if (r.notices.length > 0) showToast(`${r.name}: ${r.notices.join(' ')}`);
  }
  if (imported.length > 0) {
    showToast(imported.length === 1 ? `Imported ${imported[0]?.name}.` : `Imported ${imported.length} documents.`);
    if (!documentStore.get().docId && imported[0]?.docId) await openDocument(imported[0].docId);
  }
}

/** Read the files, ask the services what they hold, and show the import dialog. */
async function inspectDatasetFiles(files: readonly File[]): Promise<void> {
  const accepted = await readPickedFiles(files, IMPORTABLE_FILE);
  if (accepted.length === 0) return;
  const inspected = await bridge.inspectDataset({ files: accepted, format: 'auto' });
  if (!inspected.ok) {
    toastError(inspected);
    return;
  }
  importStore.set({ pending: { files: accepted, inspection: inspected.value, busy: false } });
  setOverlay('import-dataset');
}

/** Import the pending files with the user's label decisions; answers an error message or null. */
export async function confirmDatasetImport(labels: Record<string, LabelDecision>): Promise<string | null> {
  const pending = importStore.get().pending;
  if (!pending) return null;
  importStore.set({ pending: { ...pending, busy: true } });
  // The new documents' spans go to this annotator's files: save the open document first.
  await documentStore.flush();
  const result = await runDatasetImport(labels, (progress) => {
    const now = importStore.get().pending;
    if (now) importStore.set({ pending: { ...now, progress } });
  });
  importStore.set({ pending: { ...pending, busy: false, progress: null } });
  if (!result.ok) return result.error.message;
  setProject(result.value.project);
  importStore.set({ pending: null });
  setOverlay(null);
  const done = result.value.files.filter((f) => f.ok);
  for (const f of result.value.files) if (!f.ok) showToast(f.error?.message ?? `${f.name} was not imported.`, 'error');
  // What the label decisions made the import leave out (attributes, relations) was not in the dialog yet: say it now.
  const shown = new Set(pending.inspection.files.flatMap((f) => f.warnings));
  for (const f of result.value.files) for (const w of f.warnings) if (!shown.has(w)) showToast(w);
  const spans = done.reduce((n, f) => n + f.spans, 0);
  const docs = done.reduce((n, f) => n + (f.docIds?.length ?? 0), 0);
  if (docs > 0) {
    const added = result.value.addedLabels.map((l) => l.name);
    showToast(`Imported ${docs} document${docs === 1 ? '' : 's'} with ${spans} span${spans === 1 ? '' : 's'}${added.length ? `; added labels ${added.join(', ')}` : ''}.`);
    const first = done[0]?.docIds?.[0];
    if (first) await openDocument(first);
  }
  return null;
}

/** The import runs in the background and is polled, so a long one shows how far it is (IPC and HTTP alike). */
async function runDatasetImport(labels: Record<string, LabelDecision>, onProgress: (text: string) => void): Promise<Result<DatasetImportReport>> {
  const pending = importStore.get().pending;
  if (!pending) return { ok: false as const, error: { code: 'internal' as const, message: 'Nothing to import.' } };
  const started = await bridge.startImportDataset({ files: pending.files, format: 'auto', labels });
  if (!started.ok) return started;
  for (;;) {
    const status = await bridge.importStatus({ jobId: started.value.jobId });
    if (!status.ok) return status;
    const s = status.value;
    if (s.finished) {
      if (s.result) return { ok: true as const, value: s.result };
      return { ok: false as const, error: { code: (s.error?.code ?? 'internal') as ErrorCode, message: s.error?.message ?? 'The import ended without a result.' } };
    }
    if (s.phase !== null && s.total > 0) {
      const what = s.phase === 'planning' ? 'Preparing documents' : 'Writing files';
      onProgress(`${what}: ${s.done.toLocaleString()} of ${s.total.toLocaleString()}${s.filesTotal > 1 ? ` (file ${Math.min(s.filesDone + 1, s.filesTotal)} of ${s.filesTotal})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

export function cancelDatasetImport(): void {
  importStore.set({ pending: null });
  setOverlay(null);
}

/** The hidden file input lives in the document list; buttons and the menu open it. */
export function openImportPicker(): void {
  document.querySelector<HTMLInputElement>('input[data-testid=import-input]')?.click();
}
