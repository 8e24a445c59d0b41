import { randomBytes } from 'node:crypto';
import type { Result } from '../../shared/api/result';
import type { DatasetImportReport, ImportJobStatus } from '../../shared/api/views';
import type { ImportStep } from './importCommit';

/** What an import job reports while it runs. */
export interface ImportProgress {
  step(step: ImportStep): void;
  file(done: number, total: number): void;
}

/**
 * Dataset imports running in the background (startImportDataset / importStatus), so the import
 * dialog shows how far a long import is (IPC and HTTP alike: the renderer polls).
 */
export function createImportJobs(maxKept = 10) {
  const jobs = new Map<string, ImportJobStatus>();
  return {
    start(run: (progress: ImportProgress) => Promise<Result<DatasetImportReport>>): string {
      const jobId = randomBytes(8).toString('hex');
      const status: ImportJobStatus = { jobId, phase: null, file: '', done: 0, total: 0, filesDone: 0, filesTotal: 0, finished: false, result: null, error: null };
      jobs.set(jobId, status);
      while (jobs.size > maxKept) {
        const oldest = [...jobs.values()].find((j) => j.finished);
        if (!oldest) break;
        jobs.delete(oldest.jobId);
      }
      const progress: ImportProgress = {
        step(s) {
          status.phase = s.phase;
          status.file = s.file;
          status.done = s.done;
          status.total = s.total;
        },
        file(done, total) {
          status.filesDone = done;
          status.filesTotal = total;
        },
      };
      void run(progress)
        .then((result) => {
          if (result.ok) status.result = result.value;
          else status.error = result.error;
        })
        .catch((err: unknown) => {
          status.error = { code: 'internal', message: `Unexpected error: ${err instanceof Error ? err.message : String(err)}` };
        })
        .finally(() => {
          status.finished = true;
        });
      return jobId;
    },
    status(jobId: string): ImportJobStatus | null {
      const job = jobs.get(jobId);
      return job ? { ...job } : null;
    },
  };
}
