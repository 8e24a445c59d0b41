import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';
import { parseCommandArgs } from './args';
import { describeError, withCliService } from './cliService';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';

/** Files sent to the service per call: bounded so a large import never holds everything in memory. */
const BATCH_FILES = 50;
const BATCH_BYTES = 32 * 1024 * 1024;

interface PendingFile {
  name: string;
  base64: string;
  bytes: number;
}

/** factmark import PROJECT_DIR FILE... */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length < 2) throw new UsageError('import needs a PROJECT_DIR and at least one FILE.');
  const cwd = io.cwd ?? process.cwd();
  const [projectArg, ...fileArgs] = positionals;
  const projectDir = resolve(cwd, projectArg!);

  return withCliService(io, {}, async (handlers) => {
    const opened = await handlers.openProject({ path: projectDir });
    if (!opened.ok) {
      io.stderr(`factmark import: ${describeError(opened.error)}\n`);
      return EXIT_FAILURE;
    }
    let imported = 0;
    let refused = 0;
    const report = (line: string) => io.stdout(`${line}\n`);

    let batch: PendingFile[] = [];
    const flush = async () => {
      if (batch.length === 0) return true;
      const files = batch.map(({ name, base64 }) => ({ name, base64 }));
      batch = [];
      const result = await handlers.importDocuments({ files });
      if (!result.ok) {
        io.stderr(`factmark import: ${describeError(result.error)}\n`);
        return false;
      }
      for (const r of result.value.results) {
        if (r.ok) {
          imported += 1;
          report(`imported ${r.name} as ${r.docId ?? '?'}`);
        } else {
          refused += 1;
          report(`refused  ${r.name}: ${r.error ?? 'refused'}`);
        }
        for (const notice of r.notices) report(`         note: ${notice}`);
      }
      return true;
    };

    for (const fileArg of fileArgs) {
      const path = resolve(cwd, fileArg);
      const name = basename(path);
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (info instanceof Error) {
        refused += 1;
        report(`refused  ${name}: cannot read ${path} (${info.code ?? info.message})`);
        continue;
      }
      if (!info.isFile()) {
        refused += 1;
        report(`refused  ${name}: not a file`);
        continue;
      }
      if (info.size > MAX_IMPORT_BYTES) {
        refused += 1;
        report(`refused  ${name}: larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB`);
        continue;
      }
      const bytes = await readFile(path);
      const pendingBytes = batch.reduce((sum, f) => sum + f.bytes, 0);
      if (batch.length >= BATCH_FILES || pendingBytes + bytes.length > BATCH_BYTES) {
        if (!(await flush())) return EXIT_FAILURE;
      }
      batch.push({ name, base64: bytes.toString('base64'), bytes: bytes.length });
    }
    if (!(await flush())) return EXIT_FAILURE;

    io.stdout(`Imported ${imported} of ${imported + refused} files into ${opened.value.path}\n`);
    return refused === 0 ? EXIT_OK : EXIT_FAILURE;
  });
}
