import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH } from '../playwright.config';

export const repoRoot = resolve(__dirname, '..');

export interface ServedApp {
  /** The URL with its token, as `factmark serve` printed it. */
  url: string;
  /** A temp copy of the sample project, opened by the server. */
  projectDir: string;
  /** The app's data folder for this test (settings, recent projects). */
  dataDir: string;
}

/** Start `factmark serve` on a fresh data folder and a temp copy of a project (default: corpus/). */
export async function startServe(opts: { project?: string; dataDir?: string } = {}): Promise<ServedApp & { stop(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'factmark-e2e-'));
  const projectDir = join(root, 'project');
  cpSync(opts.project ?? join(repoRoot, 'corpus'), projectDir, { recursive: true });
  const dataDir = opts.dataDir ?? join(root, 'data');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'bin/factmark.js'), 'serve', '--port', '0', '--project', projectDir, '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Factmark is serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return {
    url,
    projectDir,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ app: ServedApp }>({
  app: async ({}, use) => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install -y chromium (or set FACTMARK_CHROMIUM).`);
    }
    const served = await startServe();
    await use(served);
    await served.stop();
  },
});

export { expect };
