#!/usr/bin/env node
// Run the end-to-end suite (or the specs given) with the CPUs saturated, as on a busy 2-core
// machine: N busy loops (default 5; FACTMARK_LOAD_PROCS) run beside Playwright and are stopped
// when it ends (and end by themselves after 30 minutes in any case). Needs `npm run build` first.
// Usage: node scripts/e2e-under-load.mjs [playwright test arguments...]
//   e.g. node scripts/e2e-under-load.mjs --workers=1 e2e/suggestions.spec.ts
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startCpuLoad } from './lib/cpuLoad.mjs';

const procs = Number(process.env.FACTMARK_LOAD_PROCS ?? 5);
const root = new URL('..', import.meta.url).pathname;
const load = startCpuLoad(procs, { maxSeconds: 30 * 60 });
console.log(`Under load: ${procs} busy loops (pids ${load.pids.join(', ')}); load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const started = Date.now();
const sampler = setInterval(() => console.log(`[load average ${loadavg()[0].toFixed(1)} after ${Math.round((Date.now() - started) / 1000)} s]`), 60_000);
const child = spawn(process.execPath, [join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const stopBoth = () => child.kill('SIGTERM');
process.once('SIGINT', stopBoth);
process.once('SIGTERM', stopBoth);
const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
clearInterval(sampler);
await load.stop();
console.log(`Playwright exited with ${code} after ${Math.round((Date.now() - started) / 1000)} s under ${procs} busy loops.`);
process.exit(code);
