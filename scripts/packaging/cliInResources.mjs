// electron-builder's afterPack hook (electron-builder.yml): puts the command line beside the app,
// in <resources>/cli, laid out as in a checkout so that its paths hold (dist/main/cli.js finds
// suggestWorker.js beside it, the model in ../../models, the sample corpus and dist/renderer for
// `factmark serve` in the folder above). The desktop app never loads it: app.asar stays lean,
// and this copy is run by the system's Node (build/linux/factmark, docs/packaging.md).
// electron-builder's own extraResources cannot do this: a file copied as an extra resource is
// dropped from app.asar, and the app needs the worker, the UI and the model there too.
import { cp, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const exists = (path) => stat(path).then(() => true, () => false);

export default async function cliInResources(context) {
  const from = context.packager.projectDir;
  const to = join(context.packager.getResourcesDir(context.appOutDir), 'cli');
  await mkdir(join(to, 'dist', 'main'), { recursive: true });
  for (const bundle of ['cli.js', 'suggestWorker.js', 'textWorker.js']) {
    await cp(join(from, 'dist', 'main', bundle), join(to, 'dist', 'main', bundle));
  }
  const noMaps = (src) => !src.endsWith('.map');
  await cp(join(from, 'dist', 'renderer'), join(to, 'dist', 'renderer'), { recursive: true, filter: noMaps });
  await cp(join(from, 'corpus'), join(to, 'corpus'), { recursive: true });
  if (await exists(join(from, 'models'))) await cp(join(from, 'models'), join(to, 'models'), { recursive: true });
}
