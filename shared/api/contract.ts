import { z } from 'zod';
import { annotatorNameSchema, docIdSchema, docStatusSchema, spanInputSchema } from '../model/schemas';
import type { Result } from './result';
import type { DocumentView, ExportReport, ImportFileResult, ProjectView, SessionView } from './views';

/**
 * The one API between the UI and the services: every operation, its input schema and its output.
 * Implemented once in main/ (services/factmarkService.ts), carried over Electron IPC (preload) and
 * over HTTP (`factmark serve`). Inputs are validated with these schemas at both boundaries.
 */

/** Phantom marker for an operation's output type (outputs are produced by our own code). */
const returns = <T>() => undefined as unknown as T;

const docId = docIdSchema;
const path = z.string().min(1).max(4096);

export { spanInputSchema };
export type SpanInput = z.infer<typeof spanInputSchema>;

/** The largest file the importer accepts, in bytes. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const contract = {
  getSession: { input: z.object({}).strict(), output: returns<SessionView>() },
  setAnnotator: { input: z.object({ name: annotatorNameSchema }).strict(), output: returns<SessionView>() },
  openProject: { input: z.object({ path }).strict(), output: returns<ProjectView>() },
  openSampleProject: { input: z.object({}).strict(), output: returns<ProjectView>() },
  createProject: {
    input: z.object({ path, name: z.string().trim().min(1).max(200) }).strict(),
    output: returns<ProjectView>(),
  },
  /** Native folder picker; answers `unsupported` where there is none (browser via serve). */
  chooseFolder: {
    input: z.object({ purpose: z.enum(['open', 'create', 'export']) }).strict(),
    output: returns<{ path: string | null }>(),
  },
  getProject: { input: z.object({}).strict(), output: returns<ProjectView>() },
  getDocument: { input: z.object({ docId }).strict(), output: returns<DocumentView>() },
  saveAnnotations: {
    input: z
      .object({ docId, status: docStatusSchema, spans: z.array(spanInputSchema).max(100_000) })
      .strict(),
    output: returns<{ updatedAt: string; project: ProjectView }>(),
  },
  importDocuments: {
    input: z
      .object({
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(500),
                /** File bytes, base64: the importer decides the encoding, not the browser. */
                base64: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8),
              })
              .strict(),
          )
          .min(1)
          .max(500),
      })
      .strict(),
    output: returns<{ results: ImportFileResult[]; project: ProjectView }>(),
  },
  exportProject: {
    input: z
      .object({
        format: z.literal('jsonl'),
        unit: z.enum(['codepoint', 'utf16']).default('codepoint'),
        scope: z.enum(['done', 'all']).default('done'),
        /** Where to write; default: <project>/exports/<name>-<timestamp>.jsonl */
        outPath: path.optional(),
      })
      .strict(),
    output: returns<ExportReport>(),
  },
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export const OPERATION_NAMES = Object.keys(contract) as OperationName[];
export type OperationInput<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<Contract[N]['input']>;
export type OperationOutput<N extends OperationName> = Contract[N]['output'];

/** The API as the renderer sees it: one named async function per operation. */
export type FactmarkApi = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;
};

/** The API as main implements it: inputs already validated. */
export type FactmarkHandlers = {
  [N in OperationName]: (input: ParsedInput<N>) => Promise<Result<OperationOutput<N>>>;
};

/** IPC channel of an operation. */
export const ipcChannel = (name: OperationName) => `factmark:${name}`;

/** Validate an untrusted input for an operation (IPC, HTTP, CLI boundaries). */
export function parseInput<N extends OperationName>(
  name: N,
  input: unknown,
): { ok: true; value: ParsedInput<N> } | { ok: false; message: string } {
  const parsed = contract[name].input.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedInput<N> };
  const first = parsed.error.issues[0];
  const where = first && first.path.length ? `${first.path.join('.')}: ` : '';
  return { ok: false, message: `Invalid input for ${name}: ${where}${first?.message ?? 'invalid'}` };
}
