import { resolve } from 'node:path';
import { annotatorNameSchema, describeZodError } from '../../shared/model/schemas';
import { defaultDataDir } from '../paths';
import { readJsonFile } from '../services/atomicJson';
import { suggestedAnnotatorName } from '../services/factmarkService';
import { settingsFile, settingsSchema } from '../services/settingsStore';
import { UsageError } from './io';

/**
 * Who a CLI command acts as (export, import, repair, suggest, sync, review), by the same rule as
 * the app and `factmark serve`: `--annotator NAME`, else the annotator saved in the settings of
 * the data folder `serve` uses (`--data-dir`, else FACTMARK_DATA_DIR, else the per-user folder),
 * else the OS user name (the name the app proposes on first start). docs/project-format.md, "Who
 * the annotator is".
 */
export const ANNOTATOR_OPTIONS = {
  annotator: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export type AnnotatorSource = 'option' | 'settings' | 'os-user';

export interface CliAnnotator {
  name: string;
  source: AnnotatorSource;
  /** The settings file that was consulted (whether or not it named someone). */
  settingsFile: string;
}

/** The data folder of `--data-dir` (relative to the working folder), else the one `serve` uses by default. */
export function cliDataDir(value: string | undefined, cwd: string): string {
  return value !== undefined && value.trim() !== '' ? resolve(cwd, value) : defaultDataDir();
}

/**
 * The annotator of this command line. The settings file is only read: the CLI never repairs,
 * moves or rewrites the app's settings.
 */
export async function cliAnnotator(values: { annotator?: string; 'data-dir'?: string }, cwd: string): Promise<CliAnnotator> {
  const file = settingsFile(cliDataDir(values['data-dir'], cwd));
  let name: string;
  let source: AnnotatorSource;
  if (values.annotator !== undefined) {
    name = values.annotator;
    source = 'option';
  } else {
    const read = await readJsonFile(file, settingsSchema).catch(() => null);
    const saved = read?.ok ? read.value.annotator : null;
    name = saved ?? suggestedAnnotatorName();
    source = saved !== null ? 'settings' : 'os-user';
  }
  const checked = annotatorNameSchema.safeParse(name);
  if (!checked.success) throw new UsageError(`"${name}" is not a valid annotator name: ${describeZodError(checked.error)}.`);
  return { name: checked.data, source, settingsFile: file };
}

/** The name and where it came from, for messages: `alice (the app's annotator, saved in …/settings.json)`; as typed: `"alice"`. */
export function describeAnnotator(a: CliAnnotator): string {
  if (a.source === 'option') return `"${a.name}"`;
  if (a.source === 'settings') return `${a.name} (the app's annotator, saved in ${a.settingsFile})`;
  return `${a.name} (your OS user name: no annotator is saved in ${a.settingsFile})`;
}
