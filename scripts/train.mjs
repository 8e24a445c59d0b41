#!/usr/bin/env node
// `npm run train`: bundles scripts/train/main.ts (TypeScript, sharing shared/learn with the app)
// with esbuild and runs it; arguments are passed on (--gum DIR, --out FILE, --check).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('dist/train', { recursive: true });
await build({ entryPoints: ['scripts/train/main.ts'], outfile: 'dist/train/train.cjs', bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
const run = spawnSync(process.execPath, ['dist/train/train.cjs', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
