import type { ExportReport } from '../../../shared/api/views';
import { bridge } from '../bridge';
import { base64ToBytes } from '../support/base64';
import { downloadPlan } from './downloadPlan';

/** Hands bytes to the browser as a download named `name` (an object URL, revoked afterwards). */
function saveAs(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The browser version: an export's files also go to the browser's downloads (one file as it is,
 * several as a zip). Answers the name downloaded, or an error message (the files stay on disk).
 */
export async function downloadExport(jobId: string, report: ExportReport): Promise<{ ok: true; name: string } | { ok: false; message: string }> {
  const result = await bridge.exportedFiles({ jobId });
  if (!result.ok) return { ok: false, message: result.error.message };
  const plan = downloadPlan(
    result.value.files.map((f) => ({ name: f.name, bytes: base64ToBytes(f.base64) })),
    report.path,
  );
  if (!plan) return { ok: false, message: 'The export wrote no file to download.' };
  saveAs(plan.name, plan.bytes, plan.type);
  return { ok: true, name: plan.name };
}
