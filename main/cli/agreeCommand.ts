import { resolve } from 'node:path';
import { formatAgreement } from '../../shared/agreement/formatAgreement';
import { projectAgreement } from '../services/agreementService';
import { readProjectFile } from '../services/projectStore';
import { parseCommandArgs } from './args';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from './io';

const list = (value: string | undefined) => (value === undefined ? undefined : [...new Set(value.split(',').map((v) => v.trim()).filter(Boolean))]);

/**
 * factmark agree PROJECT [--annotators a,b] [--label L] [--json]
 * Agreement between annotators (shared/agreement): span F1 exact and overlap, Cohen's kappa and
 * Krippendorff's alpha on tokens per label layer, attribute agreement; pairs, labels, documents.
 */
export async function agreeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    annotators: { type: 'string' },
    label: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    documents: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('agree needs exactly one PROJECT directory.');
  const annotators = list(values.annotators);
  if (annotators !== undefined && annotators.length < 2) throw new UsageError('--annotators takes at least two names, separated by commas (e.g. --annotators alice,bob).');
  const labels = values.label === undefined ? undefined : [...new Set(values.label.flatMap((l) => list(l) ?? []))];
  const maxDocuments = values.documents === undefined ? 10 : Number(values.documents);
  if (!Number.isInteger(maxDocuments) || maxDocuments < 0) throw new UsageError(`--documents takes a whole number, not "${values.documents}".`);
  const dir = resolve(io.cwd ?? process.cwd(), positionals[0]!);
  const project = await readProjectFile(dir);
  if (!project.ok) {
    io.stderr(`factmark agree: ${project.error.message}\n`);
    return EXIT_FAILURE;
  }
  const result = await projectAgreement({ dir, project: project.value, ...(annotators ? { annotators } : {}), ...(labels ? { labels } : {}) });
  if (!result.ok) {
    io.stderr(`factmark agree: ${result.error.message}\n`);
    return EXIT_FAILURE;
  }
  if (values.json === true) io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
  else io.stdout(formatAgreement(result.value, maxDocuments));
  return EXIT_OK;
}
