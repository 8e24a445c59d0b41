// Builds the three runtimes: main (Node/Electron main, CLI), preload (sandboxed), renderer (Vite).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['electron'],
  define: { __FACTMARK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

await Promise.all([
  esbuild({ ...common, entryPoints: { cli: 'main/cli.ts', electron: 'main/electron/main.ts' }, outdir: 'dist/main' }),
  // The writer process that `npm run stress:save` kills (scripts/stress-save.mjs).
  esbuild({ ...common, entryPoints: { stressWriter: 'main/stress/stressWriter.ts', stressOps: 'main/stress/stressOps.ts' }, outdir: 'dist/main' }),
  // The suggestion worker thread the services and `factmark suggest` start (main/services/suggestWorkerPool.ts).
  esbuild({ ...common, entryPoints: { suggestWorker: 'main/services/suggestWorker.ts' }, outdir: 'dist/main' }),
  // The wink-nlp workers of a large claim review and of agreement (main/services/textWorkers.ts).
  esbuild({ ...common, entryPoints: { textWorker: 'main/services/textWorker.ts' }, outdir: 'dist/main' }),
  // The preload runs sandboxed: it may require only 'electron', so it is bundled on its own.
  esbuild({ ...common, entryPoints: { preload: 'main/electron/preload.ts' }, outdir: 'dist/main' }),
]);
await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
console.log('built dist/main and dist/renderer');
