import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportJobStatus } from '../../shared/api/views';
import { importText, projectWithAnnotator, removeTempDirs, span, unwrap } from './serviceTestKit';

afterEach(removeTempDirs);

/** The browser version's export: the file named in the preview is written, and its files can be downloaded. */
describe('exported files for a download', () => {
  async function exportedProject() {
    const { service, dir } = await projectWithAnnotator();
    const docId = await importText(service, 'ar.txt', 'قالت الوزارة إن ٧٢ ساعة مرت.\n');
    const doc = unwrap(await service.getDocument({ docId }));
    unwrap(await service.saveAnnotations({ docId, status: 'done', spans: [span('s1', 15, 22, 'number')], baseRevision: doc.revision }));
    return { service, dir };
  }
  async function finish(service: Awaited<ReturnType<typeof exportedProject>>['service'], jobId: string): Promise<ExportJobStatus> {
    for (;;) {
      const s = unwrap(await service.exportStatus({ jobId }));
      if (s.finished) return s;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('writes the previewed name into a new exports folder and hands back the data file and its card', async () => {
    const { service, dir } = await exportedProject();
    const preview = unwrap(await service.previewExport({ format: 'jsonl', unit: 'codepoint', scope: 'done' }));
    const { jobId } = unwrap(await service.startExport({ format: 'jsonl', unit: 'codepoint', scope: 'done', outPath: `exports/${preview.file}` }));
    const status = await finish(service, jobId);
    expect(status.error).toBeNull();
    expect(status.result?.path).toBe(join(dir, 'exports', preview.file));
    const { files } = unwrap(await service.exportedFiles({ jobId }));
    expect(files.map((f) => f.name).sort()).toEqual(status.result!.files.map((f) => f.slice(join(dir, 'exports').length + 1)).sort());
    const data = files.find((f) => f.name === preview.file)!;
    expect(Buffer.from(data.base64, 'base64').toString('utf8')).toBe(readFileSync(join(dir, 'exports', preview.file), 'utf8'));
    expect(existsSync(join(dir, 'exports'))).toBe(true);
  });

  it('a folder export (brat) gives its files with their folder', async () => {
    const { service } = await exportedProject();
    const { jobId } = unwrap(await service.startExport({ format: 'brat', scope: 'done' }));
    await finish(service, jobId);
    const { files } = unwrap(await service.exportedFiles({ jobId }));
    expect(files.some((f) => /^[^/]+-brat\/.+\.ann$/.test(f.name))).toBe(true);
    expect(files.some((f) => /^[^/]+-brat\/.+\.txt$/.test(f.name))).toBe(true);
  });

  it('an unknown export has no files', async () => {
    const { service } = await exportedProject();
    const result = await service.exportedFiles({ jobId: '0123456789abcdef' });
    expect(result.ok).toBe(false);
  });
});
