import { defaultDataDir } from '../paths';
import { readJsonFile } from '../services/atomicJson';
import { suggestedAnnotatorName } from '../services/factmarkService';
import { settingsFile, settingsSchema } from '../services/settingsStore';

/**
 * The annotator a CLI export reads when --annotator is not given: the name chosen in the app,
 * else the OS user name (as the app suggests it). The settings file is only read here: the CLI
 * never repairs, moves or rewrites the app's settings.
 */
export async function defaultAnnotator(dataDir = defaultDataDir()): Promise<string> {
  const read = await readJsonFile(settingsFile(dataDir), settingsSchema).catch(() => null);
  if (read?.ok && read.value.annotator) return read.value.annotator;
  return suggestedAnnotatorName();
}
