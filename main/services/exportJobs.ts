import { randomBytes } from 'node:crypto';
import type { Result } from '../../shared/api/result';
import type { ExportJobStatus, ExportReport } from '../../shared/api/views';

/** Exports running in the background, polled by the UI (works the same over IPC and HTTP). */
export function createExportJobs(maxKept = 20) {
  const jobs = new Map<string, ExportJobStatus>();
  return {
    start(run: (onProgress: (done: number, total: number) => void) => Promise<Result<ExportReport>>): string {
      const jobId = randomBytes(8).toString('hex');
      const status: ExportJobStatus = { jobId, done: 0, total: 0, finished: false, result: null, error: null };
      jobs.set(jobId, status);
      while (jobs.size > maxKept) {
        const oldest = [...jobs.values()].find((j) => j.finished);
        if (!oldest) break;
        jobs.delete(oldest.jobId);
      }
      void run((done, total) => {
        status.done = done;
        status.total = total;
      })
        .then((result) => {
          if (result.ok) {
            status.result = result.value;
            status.done = status.total = result.value.documents;
          } else status.error = result.error;
        })
        .catch((err: unknown) => {
          status.error = { code: 'internal', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}` };
        })
        .finally(() => {
          status.finished = true;
        });
      return jobId;
    },
    status(jobId: string): ExportJobStatus | null {
      const job = jobs.get(jobId);
      return job ? { ...job } : null;
    },
  };
}
