#!/usr/bin/env node
// The learning suggesters' figures (part of `npm run bench`): model size, suggestions for a
// 5,000-character article (warm), one learning update. Bundles scripts/bench/learningBench.ts
// with esbuild (it runs the same shared/ code as the suggestion worker) and runs it.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

mkdirSync('dist/bench', { recursive: true });
await build({ entryPoints: ['scripts/bench/learningBench.ts'], outfile: 'dist/bench/learningBench.cjs', bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
const run = spawnSync(process.execPath, ['dist/bench/learningBench.cjs', process.cwd()], { stdio: 'inherit' });
process.exit(run.status ?? 1);
