import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { build } from 'esbuild';

/**
 * Tests only: the real `factmark` command in a child process, for what an in-process run cannot
 * show (SIGKILL, Ctrl+C, another user's permissions). main/cli.ts is bundled once per test file
 * with esbuild, as `npm run build` does, so the unit tests need no build first.
 */
let bundled: Promise<string> | null = null;

export function cliBundle(): Promise<string> {
  bundled ??= (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'factmark-cli-bundle-'));
    await build({
      entryPoints: { cli: resolve('main/cli.ts') },
      outdir,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron'],
      logLevel: 'warning',
    });
    return join(outdir, 'cli.js');
  })();
  return bundled;
}

export interface CliChild {
  child: ChildProcessByStdio<null, Readable, Readable>;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stderr/stdout line matching `re`. */
  waitForLine(re: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function spawnCli(args: string[], options: Omit<SpawnOptions, 'stdio'> = {}): Promise<CliChild> {
  const child = spawn(process.execPath, [await cliBundle(), ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcessByStdio<null, Readable, Readable>;
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  const onText = (text: string) => {
    for (const line of text.split('\n')) {
      for (const w of [...waiters]) {
        if (w.re.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    onText(d);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    onText(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('close', (code, signal) => done({ code, signal })));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine: (re) =>
      new Promise((resolveLine, reject) => {
        const found = `${out}\n${err}`.split('\n').find((l) => re.test(l));
        if (found !== undefined) return resolveLine(found);
        waiters.push({ re, resolve: resolveLine });
        void exited.then(() => reject(new Error(`the command ended before printing ${re}:\n${out}\n${err}`)));
      }),
    exited,
  };
}
